package ssm4j.api.spi;

/**
 * The Cauchy kernels of one tier (SPEC 3.1): {@code conj} false is the plain kernel (3.1a) of
 * {@link ssm4j.api.SsmKernel#cauchy}, true the conjugate-pair kernel (3.1b) of
 * {@link ssm4j.api.SsmKernel#cauchyConj}; other arguments as there, already validated. Each method defaults to
 * the {@link #lower()} part: a tier overrides only what it speeds up. Results must not depend on the thread count.
 */
public interface CauchyOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    CauchyOps lower();

    /** (3.1a) or (3.1b), fp32. */
    default void cauchyK(boolean conj, int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                         int zOff, float[] out, int outOff) {
        lower().cauchyK(conj, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    /** (3.1a) or (3.1b), fp64. */
    default void cauchyK(boolean conj, int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                         int zOff, double[] out, int outOff) {
        lower().cauchyK(conj, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }
}
