package ssm4j.blocks.rows;

import ssm4j.api.SsmKernel;

/**
 * The element-wise row loops of the blocks (SPEC 11): the Mamba causal depthwise conv1d + SiLU and the S4D GLU.
 * Two tiers: {@link ScalarRowOps} (plain Java, {@code Math.exp}) and {@code simd.VectorRowOps} (Vector API, the
 * inline exp of {@code ssm4j.api.simd.VecMath}), chosen per backend by {@link #of(SsmKernel)} so the scalar backend
 * stays the plain-Java oracle. Implementations trust their arguments (the blocks check them) and are stateless and
 * thread-safe.
 */
public interface RowOps {
    /**
     * Causal depthwise conv + SiLU of one channel row (11.2): {@code u[off+t] = silu(bias + Σ_{k<W} w[wOff+k]·
     * x[off+t−W+1+k])} for {@code t < len}, with x before {@code off} taken as 0.
     */
    void convSilu(float[] x, float[] u, int off, int len, float[] w, int wOff, int width, float bias);

    /** fp64 overload of {@link #convSilu(float[], float[], int, int, float[], int, int, float)}. */
    void convSilu(double[] x, double[] u, int off, int len, double[] w, int wOff, int width, double bias);

    /** GLU of one row (11.1): {@code y[yOff+t] = (z[aOff+t] + ca)·sigmoid(z[gOff+t] + cg)} for {@code t < len}. */
    void glu(float[] z, int aOff, int gOff, float ca, float cg, float[] y, int yOff, int len);

    /** fp64 overload of {@link #glu(float[], int, int, float, float, float[], int, int)}. */
    void glu(double[] z, int aOff, int gOff, double ca, double cg, double[] y, int yOff, int len);

    /**
     * The tier for {@code kernel}: scalar for the {@code scalar} backend (and whenever the Vector API module is
     * absent or the vector class cannot load), vector otherwise.
     */
    static RowOps of(SsmKernel kernel) {
        return kernel.name().equals("scalar") ? ScalarRowOps.INSTANCE : Holder.BEST;
    }

    /** Holder idiom: the vector tier is probed once, on first use. */
    final class Holder {
        static final RowOps BEST = Tiers.vectorOr(RowOps.class, "ssm4j.blocks.rows.simd.VectorRowOps",
                ScalarRowOps.INSTANCE);

        private Holder() {
        }
    }
}
