package ssm4j.api.spi;

/**
 * The Vandermonde kernels of one tier (SPEC 4.1): the three forms of (4.1a), told apart by {@link Form}, and the
 * transpose (4.1b); arguments as the same-named {@link ssm4j.api.SsmKernel} methods, already validated. Each method
 * defaults to the {@link #lower()} part: a tier overrides only what it speeds up.
 */
public interface VandermondeOps {
    /** The three forms of (4.1a), one per {@link ssm4j.api.SsmKernel} method. */
    enum Form {
        /** {@code vandermonde}: 2·Re Σ v·exp(x·l), real (H,L) output. */
        TWO_RE,
        /** {@code vandermondeComplex}: Σ v·exp(x·l), complex (H,L) output. */
        COMPLEX,
        /** {@code vandermondePowers}: Σ v·q^l from the bases q, complex (H,L) output. */
        POWERS
    }

    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    VandermondeOps lower();

    /** (4.1a) in {@code form}, fp32 ({@code x} holds the bases q for {@link Form#POWERS}). */
    default void vandermondeK(Form form, int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                              int outOff) {
        lower().vandermondeK(form, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    /** (4.1a) in {@code form}, fp64. */
    default void vandermondeK(Form form, int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                              double[] out, int outOff) {
        lower().vandermondeK(form, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    /** (4.1b) transpose, fp32. */
    default void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                       int xOff, float[] out, int outOff) {
        lower().vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }

    /** (4.1b) transpose, fp64. */
    default void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                       int xOff, double[] out, int outOff) {
        lower().vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }
}
