package ssm4j.kernels.lssl;

import ssm4j.api.Check;
import ssm4j.kernels.Precision;

/**
 * The dense linear recurrence of LSSL (SPEC (5.2)): {@code x[i] = A x[i−1] + u[i]}, {@code x[−1] = s}, for a
 * batch of B sequences sharing one N×N matrix A.
 *
 * <p>Layouts (row-major, time-major like the reference): A (N,N), u (L,B,N), s (B,N) or null for a zero state,
 * x (L,B,N). Only x's range is written; x must not overlap u or s.
 *
 * <p>{@link #sequential} runs (5.2) step by step. {@link #divideAndConquer} is the squaring form of SPEC 5.2:
 * pairs of steps (2j, 2j+1) combine into {@code u'_j = A u[2j] + u[2j+1]} with {@code A' = A²}, which gives the
 * odd subsequence {@code x[2j+1] = A' x[2j−1] + u'_j} (same s); that half-length problem is solved recursively
 * (sequentially below {@value #SEQUENTIAL_BELOW} steps), then {@code x[2j] = A x[2j−1] + u[2j]} fills the even
 * steps, including an unpaired last step for odd L. Its depth is log₂(L/16), each level has independent
 * work, and it equals (5.2) to rounding. Float overloads widen their inputs, compute in double and round once
 * ({@link Precision}). Static and thread-safe; the divide-and-conquer form allocates O(L·B·N + N²) scratch per
 * call.
 */
public final class DenseRecurrence {
    /** Below this many steps the divide-and-conquer form finishes sequentially (the reference's threshold). */
    public static final int SEQUENTIAL_BELOW = 16;

    private DenseRecurrence() {
    }

    /**
     * (5.2) step by step.
     *
     * @throws IllegalArgumentException naming the argument: n, l or batch &lt; 1, a range too short, input not
     *         finite
     * @param n      state size N ≥ 1
     * @param l      sequence length L ≥ 1
     * @param batch  number of sequences B ≥ 1
     * @param a      A (N,N) row-major from {@code aOff}
     * @param aOff   offset of a
     * @param u      inputs (L,B,N) from {@code uOff}
     * @param uOff   offset of u
     * @param s      initial state x[−1] (B,N) from {@code sOff}, or null for zero
     * @param sOff   offset of s
     * @param x      written: states (L,B,N) from {@code xOff}
     * @param xOff   offset of x
     */
    public static void sequential(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff,
                                  double[] s, int sOff, double[] x, int xOff) {
        check(n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
        seq(n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
    }

    /** Single-precision {@link #sequential(int, int, int, double[], int, double[], int, double[], int, double[], int)}. */
    public static void sequential(int n, int l, int batch, float[] a, int aOff, float[] u, int uOff,
                                  float[] s, int sOff, float[] x, int xOff) {
        inDouble(DenseRecurrence::sequential, n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
    }

    /**
     * (5.2) by divide and conquer (squaring), SPEC 5.2.
     *
     * @throws IllegalArgumentException as {@link #sequential(int, int, int, double[], int, double[], int,
     *         double[], int, double[], int)}
     * @param n      state size N ≥ 1
     * @param l      sequence length L ≥ 1
     * @param batch  number of sequences B ≥ 1
     * @param a      A (N,N) row-major from {@code aOff}
     * @param aOff   offset of a
     * @param u      inputs (L,B,N) from {@code uOff}
     * @param uOff   offset of u
     * @param s      initial state x[−1] (B,N) from {@code sOff}, or null for zero
     * @param sOff   offset of s
     * @param x      written: states (L,B,N) from {@code xOff}
     * @param xOff   offset of x
     */
    public static void divideAndConquer(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff,
                                        double[] s, int sOff, double[] x, int xOff) {
        check(n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
        dc(n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
    }

    /** Single-precision {@link #divideAndConquer(int, int, int, double[], int, double[], int, double[], int, double[], int)}. */
    public static void divideAndConquer(int n, int l, int batch, float[] a, int aOff, float[] u, int uOff,
                                        float[] s, int sOff, float[] x, int xOff) {
        inDouble(DenseRecurrence::divideAndConquer, n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
    }

    /** One of the two algorithms, fp64. */
    private interface Form {
        void run(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff, double[] s, int sOff,
                 double[] x, int xOff);
    }

    /** An algorithm on fp32 arguments: ranges checked here, finiteness by the fp64 form on the widened copies. */
    private static void inDouble(Form form, int n, int l, int batch, float[] a, int aOff, float[] u, int uOff,
                                 float[] s, int sOff, float[] x, int xOff) {
        sizes(n, l, batch);
        long size = (long) l * batch * n;
        double[] aw = Precision.widen("a", a, aOff, (long) n * n);
        double[] uw = Precision.widen("u", u, uOff, size);
        double[] sw = Precision.widenOptional("s", s, sOff, (long) batch * n);
        Check.range("x", x, xOff, size);
        double[] out = new double[Math.toIntExact(size)];
        form.run(n, l, batch, aw, 0, uw, 0, sw, 0, out, 0);
        Precision.narrow(out, x, xOff);
    }

    private static void dc(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff,
                           double[] s, int sOff, double[] x, int xOff) {
        if (l < SEQUENTIAL_BELOW) {
            seq(n, l, batch, a, aOff, u, uOff, s, sOff, x, xOff);
            return;
        }
        int step = batch * n;                 // one time step of u or x
        int pairs = l / 2;
        double[] up = new double[pairs * step];
        for (int j = 0; j < pairs; j++) {     // u'_j = A u[2j] + u[2j+1]
            for (int b = 0; b < batch; b++) {
                int o = j * step + b * n;
                MatMul.vector(n, a, aOff, u, uOff + 2 * j * step + b * n, up, o);
                for (int i = 0; i < n; i++) {
                    up[o + i] += u[uOff + (2 * j + 1) * step + b * n + i];
                }
            }
        }
        double[] a2 = new double[n * n];
        MatMul.square(n, a, aOff, a, aOff, a2, 0);
        double[] xo = new double[pairs * step];
        dc(n, pairs, batch, a2, 0, up, 0, s, sOff, xo, 0);
        for (int j = 0; j < pairs; j++) {     // odd steps come from the half-length problem
            System.arraycopy(xo, j * step, x, xOff + (2 * j + 1) * step, step);
        }
        for (int t = 0; t < l; t += 2) {      // even steps: x[t] = A x[t−1] + u[t] (t = l−1 for odd l too)
            for (int b = 0; b < batch; b++) {
                int o = xOff + t * step + b * n;
                if (t == 0) {
                    if (s == null) {
                        System.arraycopy(u, uOff + b * n, x, o, n);
                        continue;
                    }
                    MatMul.vector(n, a, aOff, s, sOff + b * n, x, o);
                } else {
                    MatMul.vector(n, a, aOff, x, xOff + (t - 1) * step + b * n, x, o);
                }
                for (int i = 0; i < n; i++) {
                    x[o + i] += u[uOff + t * step + b * n + i];
                }
            }
        }
    }

    private static void seq(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff,
                            double[] s, int sOff, double[] x, int xOff) {
        int step = batch * n;
        for (int t = 0; t < l; t++) {
            for (int b = 0; b < batch; b++) {
                int o = xOff + t * step + b * n;
                if (t > 0) {
                    MatMul.vector(n, a, aOff, x, xOff + (t - 1) * step + b * n, x, o);
                } else if (s != null) {
                    MatMul.vector(n, a, aOff, s, sOff + b * n, x, o);
                } else {
                    java.util.Arrays.fill(x, o, o + n, 0.0);
                }
                for (int i = 0; i < n; i++) {
                    x[o + i] += u[uOff + t * step + b * n + i];
                }
            }
        }
    }

    private static void check(int n, int l, int batch, double[] a, int aOff, double[] u, int uOff,
                              double[] s, int sOff, double[] x, int xOff) {
        sizes(n, l, batch);
        Check.range("a", a, aOff, (long) n * n);
        Check.range("u", u, uOff, (long) l * batch * n);
        Check.optionalRange("s", s, sOff, (long) batch * n);
        Check.range("x", x, xOff, (long) l * batch * n);
        Check.allFinite("a", a, aOff, (long) n * n);
        Check.allFinite("u", u, uOff, (long) l * batch * n);
        if (s != null) {
            Check.allFinite("s", s, sOff, (long) batch * n);
        }
    }

    private static void sizes(int n, int l, int batch) {
        Check.positive("n", n);
        Check.positive("l", l);
        Check.positive("batch", batch);
    }
}
