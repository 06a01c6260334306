package ssm4j.scan.ref;

import ssm4j.api.Parallel;
import ssm4j.api.SsuShape;

/**
 * Scalar Mamba decoding step ({@code selective_state_update}, SPEC 7.3): for every row (b, head, d),
 * {@code dt' = softplus?(dt + dtBias)}, {@code state ← exp(dt'·A)∘state + dt'·B·x},
 * {@code out = (Σ_n state·C + D·x)·silu(z)}; head h reads group {@code h / (heads/G)} of B and C. Computed in
 * the input precision. The rows, step and output are {@link SsuRows}'; this class updates one state row.
 */
final class ScalarStateUpdate {
    private ScalarStateUpdate() {
    }

    /** fp32 step; see {@link ssm4j.api.SsmKernel#selectiveStateUpdate}. */
    static void step(Parallel p, SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] dtBias, float[] out) {
        SsuRows.run(p, s, state, x, dt, a, b, c, d, z, dtBias, out, ScalarStateUpdate::row);
    }

    /** fp64 step. */
    static void step(Parallel p, SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                     double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        SsuRows.run(p, s, state, x, dt, a, b, c, d, z, dtBias, out, ScalarStateUpdate::row);
    }

    /** See {@link SsuRows.RowF32#update}: the plain loop, in float. */
    private static float row(int n, float step, float xr, float[] state, int so, float[] a, int ao, float[] b,
                             float[] c, int bo) {
        float y = 0f;
        for (int j = 0; j < n; j++) {
            float v = (float) Math.exp(step * a[ao + j]) * state[so + j] + step * b[bo + j] * xr;
            state[so + j] = v;
            y += v * c[bo + j];
        }
        return y;
    }

    /** See {@link SsuRows.RowF64#update}. */
    private static double row(int n, double step, double xr, double[] state, int so, double[] a, int ao,
                              double[] b, double[] c, int bo) {
        double y = 0;
        for (int j = 0; j < n; j++) {
            double v = Math.exp(step * a[ao + j]) * state[so + j] + step * b[bo + j] * xr;
            state[so + j] = v;
            y += v * c[bo + j];
        }
        return y;
    }
}
