package ssm4j.api.spi;

/**
 * Cauchy and Vandermonde kernels of one tier (SPEC 3.1, 4.1). Arguments are those of the same-named
 * {@link ssm4j.api.SsmKernel} methods, already validated. Implementations may use the {@link ssm4j.api.Parallel}
 * given to their constructor and must give the same result for any thread count.
 */
public interface KernelOps {
    /** (3.1a), fp32. */
    void cauchyK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                 float[] out, int outOff);

    /** (3.1a), fp64. */
    void cauchyK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                 double[] out, int outOff);

    /** (3.1b), fp32. */
    void cauchyConjK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                     float[] out, int outOff);

    /** (3.1b), fp64. */
    void cauchyConjK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                     double[] out, int outOff);

    /** (4.1a) 2·Re form, fp32. */
    void vandermondeK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out, int outOff);

    /** (4.1a) 2·Re form, fp64. */
    void vandermondeK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out, int outOff);

    /** (4.1a) complex form, fp32. */
    void vandermondeComplexK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out, int outOff);

    /** (4.1a) complex form, fp64. */
    void vandermondeComplexK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                             int outOff);

    /** (4.1a) powers form, fp32. */
    void vandermondePowersK(int h, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out, int outOff);

    /** (4.1a) powers form, fp64. */
    void vandermondePowersK(int h, int n, int l, double[] v, int vOff, double[] q, int qOff, double[] out,
                            int outOff);

    /** (4.1b) transpose, fp32. */
    void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x, int xOff,
                               float[] out, int outOff);

    /** (4.1b) transpose, fp64. */
    void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                               int xOff, double[] out, int outOff);
}
