package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.Parallel;
import ssm4j.api.SsuShape;
import ssm4j.api.simd.FixedSum;
import ssm4j.api.simd.VecMath;
import ssm4j.scan.ref.ScalarMath;

/**
 * Vector Mamba decoding step, fp32 (SPEC 7.3): per row (b, head, d) the state row of N entries is updated in
 * vectors of V lanes (one masked step for the tail), {@code state ← e^{dt·A}∘state + (dt·x)·B},
 * {@code out = (Σ_n state·C + D·x)·silu(z)}. Rows are split over threads; arguments are already validated.
 */
final class VectorStateUpdate {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();

    private VectorStateUpdate() {
    }

    /** See {@link ssm4j.api.SsmKernel#selectiveStateUpdate}. */
    static void step(Parallel p, SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] dtBias, float[] out) {
        final int n = s.dstate();
        final int dim = s.dim();
        final int heads = s.heads();
        final int perGroup = heads / s.groups();
        p.forRange((int) s.rowSize(), (lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int bi = r / (heads * dim);
                int hd = r % (heads * dim);
                int g = (hd / dim) / perGroup;
                float step = dt[r] + (dtBias == null ? 0f : dtBias[hd]);
                if (s.dtSoftplus()) {
                    step = ScalarMath.softplus(step);
                }
                float xr = x[r];
                float y = row(n, step, step * xr, state, r * n, a, hd * n, b, c, (bi * s.groups() + g) * n);
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

    /** Updates one state row in place and returns Σ_n state·C. */
    private static float row(int n, float step, float dx, float[] state, int so, float[] a, int ao, float[] b,
                             float[] c, int bo) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += V) {
            FloatVector nv = VecMath.exp(FloatVector.fromArray(F, a, ao + j).mul(step))
                    .fma(FloatVector.fromArray(F, state, so + j), FloatVector.fromArray(F, b, bo + j).mul(dx));
            nv.intoArray(state, so + j);
            acc = nv.fma(FloatVector.fromArray(F, c, bo + j), acc);
        }
        if (j < n) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector nv = VecMath.exp(FloatVector.fromArray(F, a, ao + j, m).mul(step))
                    .fma(FloatVector.fromArray(F, state, so + j, m), FloatVector.fromArray(F, b, bo + j, m).mul(dx));
            nv.intoArray(state, so + j, m);
            acc = nv.fma(FloatVector.fromArray(F, c, bo + j, m), acc);   // masked-off lanes load 0: add 0
        }
        return FixedSum.sum(acc);   // fixed order: the same bits cold and warm
    }
}
