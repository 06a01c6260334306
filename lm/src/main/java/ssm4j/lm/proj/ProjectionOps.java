package ssm4j.lm.proj;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.rows.Tiers;

/**
 * The matrix–vector kernel of the projections at decode time, where each weight is read once per token and the
 * work is bound by memory bandwidth: {@code y[b·ldy + o] = Σ_c W[o,c]·x[b·ldx + c]} for output rows
 * {@code o ∈ [lo, hi)} and {@code b < n} (a handful of sequences). Two tiers, like the blocks' row loops:
 * {@link ScalarProjectionOps} (plain Java, the oracle) and {@code simd.VectorProjectionOps} (Vector API, BF16
 * widened in registers), chosen by {@link #of(SsmKernel)}. Implementations trust their arguments and are
 * stateless and thread-safe.
 */
public interface ProjectionOps {
    /** Rows {@code [lo, hi)} of {@code y = x·Wᵀ} for {@code n} vectors. */
    void gemv(WeightMatrix w, int lo, int hi, int n, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy);

    /** The tier for {@code kernel}: scalar for the {@code scalar} backend or without the Vector API. */
    static ProjectionOps of(SsmKernel kernel) {
        return kernel.name().equals("scalar") ? ScalarProjectionOps.INSTANCE : Holder.BEST;
    }

    /** Holder idiom: the vector tier is probed once. */
    final class Holder {
        static final ProjectionOps BEST = Tiers.vectorOr(ProjectionOps.class,
                "ssm4j.lm.proj.simd.VectorProjectionOps", ScalarProjectionOps.INSTANCE);

        private Holder() {
        }
    }
}
