package ssm4j.scan.ref;

import ssm4j.api.Parallel;
import ssm4j.api.SsuShape;

/**
 * The row walk of the Mamba decoding step (SPEC 7.3) that every tier shares: rows r = (b, head, d) split over
 * threads, the group of B and C that a head reads ({@code h / (heads/G)}), the step
 * {@code dt' = softplus?(dt + dtBias)} and the output {@code (Σ_n state·C + D·x)·silu(z)}. A tier supplies only
 * the update of one state row, {@code state ← exp(dt'·A)∘state + dt'·B·x}, and its {@code Σ_n state·C}
 * ({@link RowF32}, {@link RowF64}). Stateless and thread-safe; arguments are already validated.
 */
public final class SsuRows {
    private SsuRows() {
    }

    /** One tier's fp32 update of one state row. */
    @FunctionalInterface
    public interface RowF32 {
        /**
         * Updates {@code state[so, so+n)} in place from A at {@code ao} and B at {@code bo}; returns Σ_n state·C
         * with C at {@code bo}.
         */
        float update(int n, float step, float x, float[] state, int so, float[] a, int ao, float[] b, float[] c,
                     int bo);
    }

    /** One tier's fp64 update of one state row (see {@link RowF32}). */
    @FunctionalInterface
    public interface RowF64 {
        /** See {@link RowF32#update}. */
        double update(int n, double step, double x, double[] state, int so, double[] a, int ao, double[] b,
                      double[] c, int bo);
    }

    /** The fp32 step of every row, each state row updated by {@code row}; see {@link ssm4j.api.SsmKernel}. */
    public static void run(Parallel p, SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                           float[] c, float[] d, float[] z, float[] dtBias, float[] out, RowF32 row) {
        forEach(p, s, (r, hd, bo, n) -> {
            float step = step(s, dt[r], dtBias, hd);
            out[r] = output(row.update(n, step, x[r], state, r * n, a, hd * n, b, c, bo), x[r], d, z, r, hd);
        });
    }

    /** The fp64 step of every row, each state row updated by {@code row}. */
    public static void run(Parallel p, SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                           double[] c, double[] d, double[] z, double[] dtBias, double[] out, RowF64 row) {
        forEach(p, s, (r, hd, bo, n) -> {
            double step = step(s, dt[r], dtBias, hd);
            out[r] = output(row.update(n, step, x[r], state, r * n, a, hd * n, b, c, bo), x[r], d, z, r, hd);
        });
    }

    /** The step {@code dt + dtBias}, then softplus when the shape asks for it (7.3). */
    private static float step(SsuShape s, float dt, float[] dtBias, int hd) {
        float v = dt + (dtBias == null ? 0f : dtBias[hd]);
        return s.dtSoftplus() ? ScalarMath.softplus(v) : v;
    }

    private static double step(SsuShape s, double dt, double[] dtBias, int hd) {
        double v = dt + (dtBias == null ? 0 : dtBias[hd]);
        return s.dtSoftplus() ? ScalarMath.softplus(v) : v;
    }

    /** Row r's output from {@code y = Σ_n state·C}: plus D·x when D is given, times silu(z) when z is given. */
    private static float output(float y, float x, float[] d, float[] z, int r, int hd) {
        float o = d == null ? y : y + x * d[hd];
        return z == null ? o : o * ScalarMath.silu(z[r]);
    }

    private static double output(double y, double x, double[] d, double[] z, int r, int hd) {
        double o = d == null ? y : y + x * d[hd];
        return z == null ? o : o * ScalarMath.silu(z[r]);
    }

    /** The indices of one row. */
    @FunctionalInterface
    private interface Row {
        /** Row r (into x, dt, z, out; state at r·N); hd = (head, d) into D, dtBias, A (at hd·N); B, C at bo. */
        void run(int r, int hd, int bo, int n);
    }

    private static void forEach(Parallel p, SsuShape s, Row row) {
        final int n = s.dstate();
        final int perBatch = s.heads() * s.dim();
        final int perGroup = s.heads() / s.groups();
        p.forRange((int) s.rowSize(), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int hd = r % perBatch;
                row.run(r, hd, ((r / perBatch) * s.groups() + (hd / s.dim()) / perGroup) * n, n);
            }
        });
    }
}
