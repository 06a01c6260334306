package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.Parallel;
import ssm4j.api.SsuShape;
import ssm4j.api.simd.FixedSum;
import ssm4j.api.simd.VecMath;
import ssm4j.scan.ref.SsuRows;

/**
 * Vector Mamba decoding step, fp32 (SPEC 7.3): per row (b, head, d) the state row of N entries is updated in
 * vectors of V lanes (one masked step for the tail), {@code state ← e^{dt·A}∘state + (dt·x)·B},
 * {@code out = (Σ_n state·C + D·x)·silu(z)}. The rows, step and output are
 * {@link SsuRows}'; this class updates one state row.
 */
final class VectorStateUpdate {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();

    private VectorStateUpdate() {
    }

    /** See {@link ssm4j.api.SsmKernel#selectiveStateUpdate}. */
    static void step(Parallel p, SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] dtBias, float[] out) {
        SsuRows.run(p, s, state, x, dt, a, b, c, d, z, dtBias, out, VectorStateUpdate::row);
    }

    /** See {@link SsuRows.RowF32#update}: vectors of V lanes, one masked step for the tail. */
    private static float row(int n, float step, float xr, float[] state, int so, float[] a, int ao, float[] b,
                             float[] c, int bo) {
        float dx = step * xr;
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
