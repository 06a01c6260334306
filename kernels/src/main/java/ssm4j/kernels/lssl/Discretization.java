package ssm4j.kernels.lssl;

import ssm4j.api.Check;
import ssm4j.kernels.Precision;

/**
 * Discretisation of a dense continuous system {@code x' = A x + B u} with one step dt per channel (SPEC 1.2):
 * the generalised bilinear transform GBT(α) (1.2a) — forward Euler α = 0, backward Euler α = 1, bilinear α = ½ —
 * and zero-order hold (1.2b) through the exponential of the (N+1)×(N+1) block matrix {@code [[ΔA, ΔB], [0, 0]]}.
 *
 * <p>Layouts (row-major): A (N,N), B (N,), dt (H,); outputs dA (H,N,N) with {@code dA[h,i,j]} at
 * {@code dAOff + (h*N + i)*N + j}, dB (H,N). Only those output ranges are written. The float overloads widen
 * their inputs, compute in double and round once ({@link Precision}). Methods are static and thread-safe; they allocate O(N²) scratch per call (setup-time code).
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
        checkSystem(n, h, a, aOff, b, bOff, dt, dtOff, dA, dAOff, dB, dBOff);
        solveSteps(false, n, h, a, aOff, b, bOff, dt, dtOff, alpha, dA, dAOff, dB, dBOff);
    }

    /**
     * Single-precision interface to {@link #gbt(int, int, double[], int, double[], int, double[], int, double,
     * double[], int, double[], int)}: inputs are widened, the solve runs in double and is rounded once.
     */
    public static void gbt(int n, int h, float[] a, int aOff, float[] b, int bOff, float[] dt, int dtOff,
                           double alpha, float[] dA, int dAOff, float[] dB, int dBOff) {
        check(n, h, alpha);
        inDouble(n, h, a, aOff, b, bOff, dt, dtOff, dA, dAOff, dB, dBOff,
                (ad, bd, dtd, outA, outB) -> gbt(n, h, ad, 0, bd, 0, dtd, 0, alpha, outA, 0, outB, 0));
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
        checkSystem(n, h, a, aOff, b, bOff, dt, dtOff, dA, dAOff, dB, dBOff);
        solveSteps(true, n, h, a, aOff, b, bOff, dt, dtOff, BILINEAR, dA, dAOff, dB, dBOff);
    }

    /**
     * The one solve loop of GBT and its Cayley form: per step, {@code M [Ā | B̄] = R} with GBT's
     * {@code M = I − αΔA}, {@code R = [I + (1−α)ΔA | ΔB]}, or Cayley's {@code M = I − ΔA/2}, {@code R = [2I | ΔB]}
     * and {@code Ā = Y − I} after the solve.
     */
    private static void solveSteps(boolean cayley, int n, int h, double[] a, int aOff, double[] b, int bOff,
                                   double[] dt, int dtOff, double alpha, double[] dA, int dAOff, double[] dB,
                                   int dBOff) {
        int cols = n + 1;
        double[] m = new double[n * n];
        double[] r = new double[n * cols];
        for (int c = 0; c < h; c++) {
            double d = dt[dtOff + c];
            if (cayley) {
                java.util.Arrays.fill(r, 0.0);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (cayley) {
                        m[i * n + j] = (i == j ? 1.0 : 0.0) - 0.5 * d * a[aOff + i * n + j];
                    } else {
                        double da = d * a[aOff + i * n + j];
                        m[i * n + j] = (i == j ? 1.0 : 0.0) - alpha * da;
                        r[i * cols + j] = (i == j ? 1.0 : 0.0) + (1.0 - alpha) * da;
                    }
                }
                if (cayley) {
                    r[i * cols + i] = 2.0;
                }
                r[i * cols + n] = d * b[bOff + i];
            }
            if (!DenseLu.solve(n, m, cols, r)) {
                throw new IllegalArgumentException(cayley
                        ? "dt: I - dt*A/2 is singular for dt[" + c + "]=" + d
                        : "dt: I - alpha*dt*A is singular for dt[" + c + "]=" + d + ", alpha=" + alpha);
            }
            for (int i = 0; cayley && i < n; i++) {
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
        checkSystem(n, h, a, aOff, b, bOff, dt, dtOff, dA, dAOff, dB, dBOff);
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
        check(n, h, 0.0);
        inDouble(n, h, a, aOff, b, bOff, dt, dtOff, dA, dAOff, dB, dBOff,
                (ad, bd, dtd, outA, outB) -> zoh(n, h, ad, 0, bd, 0, dtd, 0, outA, 0, outB, 0));
    }

    /** A discretisation in fp64 of widened inputs (offsets 0) into fresh outputs. */
    private interface Form {
        void run(double[] a, double[] b, double[] dt, double[] dA, double[] dB);
    }

    /**
     * The fp32 interface of every method here: ranges checked, inputs widened, {@code form} computes in double
     * (checking values under the same names) and each output is rounded once.
     */
    private static void inDouble(int n, int h, float[] a, int aOff, float[] b, int bOff, float[] dt, int dtOff,
                                 float[] dA, int dAOff, float[] dB, int dBOff, Form form) {
        double[] ad = Precision.widen("a", a, aOff, (long) n * n);
        double[] bd = Precision.widen("b", b, bOff, n);
        double[] dtd = Precision.widen("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        double[] outA = new double[h * n * n];
        double[] outB = new double[h * n];
        form.run(ad, bd, dtd, outA, outB);
        Precision.narrow(outA, dA, dAOff);
        Precision.narrow(outB, dB, dBOff);
    }

    private static void checkSystem(int n, int h, double[] a, int aOff, double[] b, int bOff, double[] dt,
                                    int dtOff, double[] dA, int dAOff, double[] dB, int dBOff) {
        Check.range("a", a, aOff, (long) n * n);
        Check.range("b", b, bOff, n);
        Check.range("dt", dt, dtOff, h);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("b", b, bOff, n);
        Check.allPositive("dt", dt, dtOff, h);
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
}
