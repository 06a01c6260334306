package ssm4j.kernels.lssl;

import ssm4j.api.Check;

/**
 * Discretisation of a dense continuous system {@code x' = A x + B u} with one step dt per channel (SPEC 1.2):
 * the generalised bilinear transform GBT(α) (1.2a) — forward Euler α = 0, backward Euler α = 1, bilinear α = ½ —
 * and zero-order hold (1.2b) through the exponential of the (N+1)×(N+1) block matrix {@code [[ΔA, ΔB], [0, 0]]}.
 *
 * <p>Layouts (row-major): A (N,N), B (N,), dt (H,); outputs dA (H,N,N) with {@code dA[h,i,j]} at
 * {@code dAOff + (h*N + i)*N + j}, dB (H,N). Only those output ranges are written. The float overloads compute
 * GBT in single precision (the LSSL default precision of the reference); ZOH always computes in double and
 * rounds once. Methods are static and thread-safe; they allocate O(N²) scratch per call (setup-time code).
 */
public final class Discretization {
    /** GBT α of forward Euler: {@code Ā = I + ΔA}, {@code B̄ = ΔB}. */
    public static final double FORWARD_EULER = 0.0;
    /** GBT α of backward Euler: {@code Ā = (I − ΔA)^{−1}}, {@code B̄ = (I − ΔA)^{−1}ΔB}. */
    public static final double BACKWARD_EULER = 1.0;
    /** GBT α of the bilinear (Tustin) transform. */
    public static final double BILINEAR = 0.5;

    private Discretization() {
    }

    /**
     * GBT(α) discretisation (1.2a) of A, B for each of the H steps {@code dt[dtOff .. dtOff+h)}: solves
     * {@code (I − αΔA)[Ā | B̄] = [I + (1−α)ΔA | ΔB]}.
     *
     * @throws IllegalArgumentException naming the argument: n or h &lt; 1, a range too short, A or B not finite,
     *         dt not finite and &gt; 0, alpha outside [0, 1], or {@code I − α·dt·A} singular (named {@code dt})
     * @param n       state size N ≥ 1
     * @param h       number of channels H (steps) ≥ 1
     * @param a       A (N,N) row-major from {@code aOff}
     * @param aOff    offset of A
     * @param b       B (N,) from {@code bOff}
     * @param bOff    offset of B
     * @param dt      steps (H,) from {@code dtOff}, finite and &gt; 0
     * @param dtOff   offset of dt
     * @param alpha   GBT parameter α ∈ [0, 1]
     * @param dA      written: Ā (H,N,N) from {@code dAOff}
     * @param dAOff   offset of dA
     * @param dB      written: B̄ (H,N) from {@code dBOff}
     * @param dBOff   offset of dB
     */
    public static void gbt(int n, int h, double[] a, int aOff, double[] b, int bOff, double[] dt, int dtOff,
                           double alpha, double[] dA, int dAOff, double[] dB, int dBOff) {
        check(n, h, alpha);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("b", b, bOff, n);
        Check.allPositive("dt", dt, dtOff, h);
        int cols = n + 1;
        double[] m = new double[n * n];
        double[] r = new double[n * cols];
        for (int c = 0; c < h; c++) {
            double d = dt[dtOff + c];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double da = d * a[aOff + i * n + j];
                    m[i * n + j] = (i == j ? 1.0 : 0.0) - alpha * da;
                    r[i * cols + j] = (i == j ? 1.0 : 0.0) + (1.0 - alpha) * da;
                }
                r[i * cols + n] = d * b[bOff + i];
            }
            if (!DenseLu.solve(n, m, cols, r)) {
                throw new IllegalArgumentException("dt: I - alpha*dt*A is singular for dt[" + c + "]=" + d
                        + ", alpha=" + alpha);
            }
            unpack(n, r, dA, dAOff + c * n * n, dB, dBOff + c * n);
        }
    }

    /**
     * Single-precision {@link #gbt(int, int, double[], int, double[], int, double[], int, double, double[], int,
     * double[], int)}: every product, the LU factorisation and the solve run in float.
     */
    public static void gbt(int n, int h, float[] a, int aOff, float[] b, int bOff, float[] dt, int dtOff,
                           double alpha, float[] dA, int dAOff, float[] dB, int dBOff) {
        check(n, h, alpha);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("b", b, bOff, n);
        Check.allPositive("dt", dt, dtOff, h);
        int cols = n + 1;
        float al = (float) alpha;
        float bl = (float) (1.0 - alpha);
        float[] m = new float[n * n];
        float[] r = new float[n * cols];
        for (int c = 0; c < h; c++) {
            float d = dt[dtOff + c];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    float da = d * a[aOff + i * n + j];
                    m[i * n + j] = (i == j ? 1.0f : 0.0f) - al * da;
                    r[i * cols + j] = (i == j ? 1.0f : 0.0f) + bl * da;
                }
                r[i * cols + n] = d * b[bOff + i];
            }
            if (!DenseLu.solve(n, m, cols, r)) {
                throw new IllegalArgumentException("dt: I - alpha*dt*A is singular for dt[" + c + "]=" + d
                        + ", alpha=" + alpha);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(r, i * cols, dA, dAOff + c * n * n + i * n, n);
                dB[dBOff + c * n + i] = r[i * cols + n];
            }
        }
    }

    /**
     * The bilinear transform by its Cayley form, a second algorithm for GBT(½) used to cross-check it:
     * with {@code X = ΔA/2}, {@code (I − X)^{−1}(I + X) = 2(I − X)^{−1} − I}, so one solve
     * {@code (I − X)[Y | B̄] = [2I | ΔB]} gives {@code Ā = Y − I}. Same layouts and exceptions as
     * {@link #gbt(int, int, double[], int, double[], int, double[], int, double, double[], int, double[], int)}.
     * @param n       state size N ≥ 1
     * @param h       number of channels H (steps) ≥ 1
     * @param a       A (N,N) row-major from {@code aOff}
     * @param aOff    offset of A
     * @param b       B (N,) from {@code bOff}
     * @param bOff    offset of B
     * @param dt      steps (H,) from {@code dtOff}, finite and &gt; 0
     * @param dtOff   offset of dt
     * @param dA      written: Ā (H,N,N) from {@code dAOff}
     * @param dAOff   offset of dA
     * @param dB      written: B̄ (H,N) from {@code dBOff}
     * @param dBOff   offset of dB
     */
    public static void bilinearCayley(int n, int h, double[] a, int aOff, double[] b, int bOff, double[] dt,
                                      int dtOff, double[] dA, int dAOff, double[] dB, int dBOff) {
        check(n, h, BILINEAR);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("b", b, bOff, n);
        Check.allPositive("dt", dt, dtOff, h);
        int cols = n + 1;
        double[] m = new double[n * n];
        double[] r = new double[n * cols];
        for (int c = 0; c < h; c++) {
            double d = dt[dtOff + c];
            java.util.Arrays.fill(r, 0.0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i * n + j] = (i == j ? 1.0 : 0.0) - 0.5 * d * a[aOff + i * n + j];
                }
                r[i * cols + i] = 2.0;
                r[i * cols + n] = d * b[bOff + i];
            }
            if (!DenseLu.solve(n, m, cols, r)) {
                throw new IllegalArgumentException("dt: I - dt*A/2 is singular for dt[" + c + "]=" + d);
            }
            for (int i = 0; i < n; i++) {
                r[i * cols + i] -= 1.0;
            }
            unpack(n, r, dA, dAOff + c * n * n, dB, dBOff + c * n);
        }
    }

    /**
     * Zero-order hold (1.2b): {@code [Ā, B̄]} = top rows of {@code exp([[ΔA, ΔB], [0, 0]])}, valid for singular A.
     *
     * @throws IllegalArgumentException naming the argument (as {@code gbt}, without alpha)
     * @param n       state size N ≥ 1
     * @param h       number of channels H (steps) ≥ 1
     * @param a       A (N,N) row-major from {@code aOff}
     * @param aOff    offset of A
     * @param b       B (N,) from {@code bOff}
     * @param bOff    offset of B
     * @param dt      steps (H,) from {@code dtOff}, finite and &gt; 0
     * @param dtOff   offset of dt
     * @param dA      written: Ā (H,N,N) from {@code dAOff}
     * @param dAOff   offset of dA
     * @param dB      written: B̄ (H,N) from {@code dBOff}
     * @param dBOff   offset of dB
     */
    public static void zoh(int n, int h, double[] a, int aOff, double[] b, int bOff, double[] dt, int dtOff,
                           double[] dA, int dAOff, double[] dB, int dBOff) {
        check(n, h, 0.0);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("b", b, bOff, n);
        Check.allPositive("dt", dt, dtOff, h);
        int m = n + 1;
        double[] x = new double[m * m];
        for (int c = 0; c < h; c++) {
            double d = dt[dtOff + c];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    x[i * m + j] = d * a[aOff + i * n + j];
                }
                x[i * m + n] = d * b[bOff + i];
            }
            double[] e = MatrixExp.exp(m, x);
            unpack(n, e, dA, dAOff + c * n * n, dB, dBOff + c * n);
        }
    }

    /**
     * Single-precision interface to {@link #zoh(int, int, double[], int, double[], int, double[], int, double[],
     * int, double[], int)}: inputs are widened, the exponential is computed in double and rounded once.
     */
    public static void zoh(int n, int h, float[] a, int aOff, float[] b, int bOff, float[] dt, int dtOff,
                           float[] dA, int dAOff, float[] dB, int dBOff) {
        Check.positive("n", n);
        Check.positive("h", h);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        double[] ad = widen(a, aOff, n * n);
        double[] bd = widen(b, bOff, n);
        double[] dtd = widen(dt, dtOff, h);
        double[] outA = new double[h * n * n];
        double[] outB = new double[h * n];
        zoh(n, h, ad, 0, bd, 0, dtd, 0, outA, 0, outB, 0);
        for (int i = 0; i < outA.length; i++) {
            dA[dAOff + i] = (float) outA[i];
        }
        for (int i = 0; i < outB.length; i++) {
            dB[dBOff + i] = (float) outB[i];
        }
    }

    private static void check(int n, int h, double alpha) {
        Check.positive("n", n);
        Check.positive("h", h);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: must be in [0, 1], got " + alpha);
        }
    }

    /**
     * Copies the top n rows of a result with row stride n+1 (the n×(n+1) solve or the (n+1)×(n+1) exponential):
     * columns 0..n−1 into dA, column n into dB.
     */
    private static void unpack(int n, double[] r, double[] dA, int aOff, double[] dB, int bOff) {
        int stride = n + 1;
        for (int i = 0; i < n; i++) {
            System.arraycopy(r, i * stride, dA, aOff + i * n, n);
            dB[bOff + i] = r[i * stride + n];
        }
    }

    private static double[] widen(float[] a, int off, int count) {
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = a[off + i];
        }
        return d;
    }
}
