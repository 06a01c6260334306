package ssm4j.kernels.lssl;

import ssm4j.api.Check;
import ssm4j.kernels.Precision;

/**
 * LSSL Krylov kernels for dense discrete systems (SPEC (5.1)): {@code K[h,l] = c_h·Ā_h^l b̄_h} and the Krylov
 * matrix {@code KM[h,:,l] = Ā_h^l b̄_h}, l &lt; L.
 *
 * <p>Two algorithms, equal to rounding: the <em>power loop</em> ({@code x ← Ā x}, O(L·N²)) and <em>doubling</em>
 * (start with X = [b̄]; while X has fewer than L columns append {@code Ā^m X} for the m = current column count,
 * only as many columns as still needed, and square {@code Ā^m}; O(N³·log L + N²·L)), the reference's
 * {@code krylov()}.
 *
 * <p>Layouts (row-major): dA (H,N,N), dB (H,N), c (H,N), K (H,L), KM (H,N,L). Only the output range is written.
 * The float overloads widen their inputs, compute in double and round once ({@link Precision}). Static and
 * thread-safe; the doubling forms allocate O(N² + N·L) scratch per call.
 */
public final class Krylov {
    private Krylov() {
    }

    /**
     * (5.1) by the power loop.
     *
     * @throws IllegalArgumentException naming the argument: h, n or l &lt; 1, a range too short, input not finite
     * @param h      channels H ≥ 1
     * @param n      state size N ≥ 1
     * @param l      kernel length L ≥ 1
     * @param dA     Ā (H,N,N) row-major from {@code dAOff}
     * @param dAOff  offset of dA
     * @param dB     b̄ (H,N) from {@code dBOff}
     * @param dBOff  offset of dB
     * @param c      c (H,N) from {@code cOff}
     * @param cOff   offset of c
     * @param k      written: K (H,L) from {@code kOff}
     * @param kOff   offset of k
     */
    public static void kernelPower(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff,
                                   double[] c, int cOff, double[] k, int kOff) {
        checkKernel(h, n, l, dA, dAOff, dB, dBOff, c, cOff, k, kOff);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int ch = 0; ch < h; ch++) {
            System.arraycopy(dB, dBOff + ch * n, x, 0, n);
            for (int t = 0; t < l; t++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += c[cOff + ch * n + i] * x[i];
                }
                k[kOff + ch * l + t] = s;
                if (t + 1 < l) {
                    MatMul.vector(n, dA, dAOff + ch * n * n, x, 0, y, 0);
                    double[] sw = x;
                    x = y;
                    y = sw;
                }
            }
        }
    }

    /**
     * (5.1) by doubling: the Krylov matrix of each channel, then {@code K[l] = Σ_n c_n KM[n,l]}.
     *
     * @throws IllegalArgumentException as {@link #kernelPower(int, int, int, double[], int, double[], int,
     *         double[], int, double[], int)}
     * @param h      channels H ≥ 1
     * @param n      state size N ≥ 1
     * @param l      kernel length L ≥ 1
     * @param dA     Ā (H,N,N) row-major from {@code dAOff}
     * @param dAOff  offset of dA
     * @param dB     b̄ (H,N) from {@code dBOff}
     * @param dBOff  offset of dB
     * @param c      c (H,N) from {@code cOff}
     * @param cOff   offset of c
     * @param k      written: K (H,L) from {@code kOff}
     * @param kOff   offset of k
     */
    public static void kernelDoubling(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff,
                                      double[] c, int cOff, double[] k, int kOff) {
        checkKernel(h, n, l, dA, dAOff, dB, dBOff, c, cOff, k, kOff);
        double[] km = new double[n * l];
        double[] p = new double[n * n];
        double[] q = new double[n * n];
        for (int ch = 0; ch < h; ch++) {
            matrixK(n, l, dA, dAOff + ch * n * n, dB, dBOff + ch * n, km, 0, p, q);
            int ko = kOff + ch * l;
            java.util.Arrays.fill(k, ko, ko + l, 0.0);
            for (int i = 0; i < n; i++) {
                double ci = c[cOff + ch * n + i];
                for (int t = 0; t < l; t++) {
                    k[ko + t] += ci * km[i * l + t];
                }
            }
        }
    }

    /**
     * The Krylov matrix {@code KM[h,:,l] = Ā_h^l b̄_h}, shape (H,N,L), by doubling.
     *
     * @throws IllegalArgumentException naming the argument: h, n or l &lt; 1, a range too short, input not finite
     * @param h      channels H ≥ 1
     * @param n      state size N ≥ 1
     * @param l      kernel length L ≥ 1
     * @param dA     Ā (H,N,N) row-major from {@code dAOff}
     * @param dAOff  offset of dA
     * @param dB     b̄ (H,N) from {@code dBOff}
     * @param dBOff  offset of dB
     * @param km     written: KM (H,N,L) from {@code kmOff}
     * @param kmOff  offset of km
     */
    public static void matrix(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff,
                              double[] km, int kmOff) {
        check(h, n, l, dA, dAOff, dB, dBOff);
        Check.range("km", km, kmOff, (long) h * n * l);
        double[] p = new double[n * n];
        double[] q = new double[n * n];
        for (int ch = 0; ch < h; ch++) {
            matrixK(n, l, dA, dAOff + ch * n * n, dB, dBOff + ch * n, km, kmOff + ch * n * l, p, q);
        }
    }

    /**
     * One channel's Krylov matrix (N,L) with row stride L at {@code kmOff}, by doubling; p, q are n×n scratch.
     * Columns [m, m + need) are {@code Ā^m} times columns [0, need), which hold {@code Ā^0 … Ā^{need−1}} b̄.
     */
    private static void matrixK(int n, int l, double[] a, int aOff, double[] b, int bOff, double[] km, int kmOff,
                                double[] p, double[] q) {
        for (int i = 0; i < n; i++) {
            km[kmOff + i * l] = b[bOff + i];
        }
        System.arraycopy(a, aOff, p, 0, n * n);      // p = Ā^m, m = 1
        int m = 1;
        while (m < l) {
            int need = Math.min(m, l - m);
            MatMul.times(n, need, p, 0, km, kmOff, l, km, kmOff + m, l);
            m += need;
            if (m < l) {
                MatMul.square(n, p, 0, p, 0, q, 0);  // Ā^{2m}
                double[] t = p;
                p = q;
                q = t;
            }
        }
    }

    /** Single-precision {@link #kernelPower(int, int, int, double[], int, double[], int, double[], int, double[], int)}. */
    public static void kernelPower(int h, int n, int l, float[] dA, int dAOff, float[] dB, int dBOff,
                                   float[] c, int cOff, float[] k, int kOff) {
        inDouble(Krylov::kernelPower, h, n, l, dA, dAOff, dB, dBOff, c, cOff, k, kOff);
    }

    /** Single-precision {@link #kernelDoubling(int, int, int, double[], int, double[], int, double[], int, double[], int)}. */
    public static void kernelDoubling(int h, int n, int l, float[] dA, int dAOff, float[] dB, int dBOff,
                                      float[] c, int cOff, float[] k, int kOff) {
        inDouble(Krylov::kernelDoubling, h, n, l, dA, dAOff, dB, dBOff, c, cOff, k, kOff);
    }

    /** Single-precision {@link #matrix(int, int, int, double[], int, double[], int, double[], int)}. */
    public static void matrix(int h, int n, int l, float[] dA, int dAOff, float[] dB, int dBOff,
                              float[] km, int kmOff) {
        checkSizes(h, n, l);
        double[] a = Precision.widen("dA", dA, dAOff, (long) h * n * n);
        double[] b = Precision.widen("dB", dB, dBOff, (long) h * n);
        Check.range("km", km, kmOff, (long) h * n * l);
        double[] out = new double[h * n * l];
        matrix(h, n, l, a, 0, b, 0, out, 0);
        Precision.narrow(out, km, kmOff);
    }

    /** One of the two kernel algorithms, fp64. */
    private interface KernelForm {
        void run(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff, double[] c, int cOff,
                 double[] k, int kOff);
    }

    /** A kernel form on fp32 arguments: ranges checked here, finiteness by the fp64 form on the widened copies. */
    private static void inDouble(KernelForm form, int h, int n, int l, float[] dA, int dAOff, float[] dB,
                                 int dBOff, float[] c, int cOff, float[] k, int kOff) {
        checkSizes(h, n, l);
        double[] a = Precision.widen("dA", dA, dAOff, (long) h * n * n);
        double[] b = Precision.widen("dB", dB, dBOff, (long) h * n);
        double[] cw = Precision.widen("c", c, cOff, (long) h * n);
        Check.range("k", k, kOff, (long) h * l);
        double[] out = new double[h * l];
        form.run(h, n, l, a, 0, b, 0, cw, 0, out, 0);
        Precision.narrow(out, k, kOff);
    }

    private static void checkKernel(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff,
                                    double[] c, int cOff, double[] k, int kOff) {
        check(h, n, l, dA, dAOff, dB, dBOff);
        Check.range("c", c, cOff, (long) h * n);
        Check.allFinite("c", c, cOff, (long) h * n);
        Check.range("k", k, kOff, (long) h * l);
    }

    private static void checkSizes(int h, int n, int l) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("l", l);
    }

    private static void check(int h, int n, int l, double[] dA, int dAOff, double[] dB, int dBOff) {
        checkSizes(h, n, l);
        Check.range("dA", dA, dAOff, (long) h * n * n);
        Check.range("dB", dB, dBOff, (long) h * n);
        Check.allFinite("dA", dA, dAOff, (long) h * n * n);
        Check.allFinite("dB", dB, dBOff, (long) h * n);
    }
}
