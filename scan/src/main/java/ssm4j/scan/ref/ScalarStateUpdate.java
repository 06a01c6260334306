package ssm4j.scan.ref;

import ssm4j.api.Parallel;
import ssm4j.api.SsuShape;

/**
 * Scalar Mamba decoding step ({@code selective_state_update}, SPEC 7.3): for every row (b, head, d),
 * {@code dt' = softplus?(dt + dtBias)}, {@code state ← exp(dt'·A)∘state + dt'·B·x},
 * {@code out = (Σ_n state·C + D·x)·silu(z)}; head h reads group {@code h / (heads/G)} of B and C. Computed in
 * the input precision. Rows are split over threads; arguments are already validated.
 */
final class ScalarStateUpdate {
    private ScalarStateUpdate() {
    }

    /** fp32 step; see {@link ssm4j.api.SsmKernel#selectiveStateUpdate}. */
    static void step(Parallel p, SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] dtBias, float[] out) {
        final int n = s.dstate();
        final int dim = s.dim();
        final int heads = s.heads();
        final int perGroup = heads / s.groups();
        p.forRange((int) s.rowSize(), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int bi = r / (heads * dim);
                int head = (r / dim) % heads;
                int hd = r % (heads * dim);                    // (head, d) index into A, D, dtBias
                int g = head / perGroup;
                float step = dt[r] + (dtBias == null ? 0f : dtBias[hd]);
                if (s.dtSoftplus()) {
                    step = ScalarMath.softplus(step);
                }
                float xr = x[r];
                int so = r * n;
                int ao = hd * n;
                int bo = (bi * s.groups() + g) * n;
                float y = 0f;
                for (int j = 0; j < n; j++) {
                    float v = (float) Math.exp(step * a[ao + j]) * state[so + j] + step * b[bo + j] * xr;
                    state[so + j] = v;
                    y += v * c[bo + j];
                }
                if (d != null) {
                    y += xr * d[hd];
                }
                if (z != null) {
                    y *= ScalarMath.silu(z[r]);
                }
                out[r] = y;
            }
        });
    }

    /** fp64 step. */
    static void step(Parallel p, SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                     double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        final int n = s.dstate();
        final int dim = s.dim();
        final int heads = s.heads();
        final int perGroup = heads / s.groups();
        p.forRange((int) s.rowSize(), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int bi = r / (heads * dim);
                int head = (r / dim) % heads;
                int hd = r % (heads * dim);
                int g = head / perGroup;
                double step = dt[r] + (dtBias == null ? 0 : dtBias[hd]);
                if (s.dtSoftplus()) {
                    step = ScalarMath.softplus(step);
                }
                double xr = x[r];
                int so = r * n;
                int ao = hd * n;
                int bo = (bi * s.groups() + g) * n;
                double y = 0;
                for (int j = 0; j < n; j++) {
                    double v = Math.exp(step * a[ao + j]) * state[so + j] + step * b[bo + j] * xr;
                    state[so + j] = v;
                    y += v * c[bo + j];
                }
                if (d != null) {
                    y += xr * d[hd];
                }
                if (z != null) {
                    y *= ScalarMath.silu(z[r]);
                }
                out[r] = y;
            }
        });
    }
}
