package ssm4j.kernels.simd;

/**
 * The two-level power tables behind the vector Vandermonde kernels (SPEC 4.1). With a chunk length C, every
 * power splits as {@code q^{k·C+m} = q^{k·C}·q^m} (0 ≤ m &lt; C), so the kernel of one channel is a small complex
 * matrix product: {@code Σ_n v_n q_n^{kC+m} = Σ_n A[k][n]·T[n][m]} with the "anchor" table {@code A[k][n] = v_n·q_n^{kC}}
 * and the "lane" table {@code T[n][m] = q_n^m}. Both tables come from a power recurrence run in double
 * ({@code T[n][m+1] = T[n][m]·q_n}, {@code A[k+1][n] = A[k][n]·q_n^C}): after at most C + K steps its relative
 * error is ~(C + K)·2^-53 ≈ 1e-14, so every fp32 term of the kernel is re-anchored from values exact to float
 * precision (one rounding of each table entry), and no float error accumulates along l at all.
 *
 * <p>The recurrences run with n innermost, so consecutive steps are independent (throughput-bound, not bound by
 * the latency of one chain). Layouts, for one channel, N poles, K = ⌈L/C⌉ chunks:
 * <ul>
 *   <li>lane table {@code t}: row n holds Re T[n][0..C) at {@code 2nC} and Im T[n][0..C) at {@code (2n+1)C};</li>
 *   <li>anchor table {@code a}: row k holds {@code (Re A[k][n], Im A[k][n])} interleaved at {@code aOff + 2(kN + n)}.</li>
 * </ul>
 * Scratch {@code cur} (2N doubles) and {@code step} (2N doubles) carry the running powers. Stateless.
 */
final class PowerTables {
    private PowerTables() {
    }

    /**
     * The bases of channel h into {@code q} (2N doubles, interleaved): {@code exp(x[h,n])} when {@code logForm},
     * else the given {@code q[h,n]} widened.
     */
    static void bases(int h, int n, float[] x, int xOff, boolean logForm, double[] q) {
        for (int j = 0; j < n; j++) {
            int e = xOff + 2 * (h * n + j);
            setBase(q, j, x[e], x[e + 1], logForm);
        }
    }

    /** fp64 version of {@link #bases(int, int, float[], int, boolean, double[])}. */
    static void bases(int h, int n, double[] x, int xOff, boolean logForm, double[] q) {
        for (int j = 0; j < n; j++) {
            int e = xOff + 2 * (h * n + j);
            setBase(q, j, x[e], x[e + 1], logForm);
        }
    }

    private static void setBase(double[] q, int j, double re, double im, boolean logForm) {
        if (logForm) {
            double mag = Math.exp(re);
            q[2 * j] = mag * Math.cos(im);
            q[2 * j + 1] = mag * Math.sin(im);
        } else {
            q[2 * j] = re;
            q[2 * j + 1] = im;
        }
    }

    /**
     * Fills the lane table {@code t} (fp32) with {@code q^m}, m &lt; c, and leaves {@code q^c} in {@code step}.
     * {@code cur} is scratch.
     */
    static void lanes(int n, int c, double[] q, float[] t, double[] cur, double[] step) {
        for (int j = 0; j < n; j++) {
            cur[2 * j] = 1;
            cur[2 * j + 1] = 0;
        }
        for (int m = 0; m < c; m++) {
            for (int j = 0; j < n; j++) {
                double cr = cur[2 * j];
                double ci = cur[2 * j + 1];
                t[2 * j * c + m] = (float) cr;
                t[(2 * j + 1) * c + m] = (float) ci;
                cur[2 * j] = cr * q[2 * j] - ci * q[2 * j + 1];
                cur[2 * j + 1] = cr * q[2 * j + 1] + ci * q[2 * j];
            }
        }
        System.arraycopy(cur, 0, step, 0, 2 * n);
    }

    /** fp64 version of {@link #lanes(int, int, double[], float[], double[], double[])}. */
    static void lanes(int n, int c, double[] q, double[] t, double[] cur, double[] step) {
        for (int j = 0; j < n; j++) {
            cur[2 * j] = 1;
            cur[2 * j + 1] = 0;
        }
        for (int m = 0; m < c; m++) {
            for (int j = 0; j < n; j++) {
                double cr = cur[2 * j];
                double ci = cur[2 * j + 1];
                t[2 * j * c + m] = cr;
                t[(2 * j + 1) * c + m] = ci;
                cur[2 * j] = cr * q[2 * j] - ci * q[2 * j + 1];
                cur[2 * j + 1] = cr * q[2 * j + 1] + ci * q[2 * j];
            }
        }
        System.arraycopy(cur, 0, step, 0, 2 * n);
    }

    /**
     * Fills the anchor table {@code a} (fp32) with {@code A[k][n] = v_n·step_n^k}, k &lt; chunks, where
     * {@code step = q^C} from {@link #lanes}; {@code v} is row h of the (H,N) numerators, or null for v = 1.
     */
    static void anchors(int h, int n, int chunks, float[] v, int vOff, double[] step, float[] a, int aOff,
                        double[] cur) {
        for (int j = 0; j < n; j++) {
            cur[2 * j] = v == null ? 1 : v[vOff + 2 * (h * n + j)];
            cur[2 * j + 1] = v == null ? 0 : v[vOff + 2 * (h * n + j) + 1];
        }
        for (int k = 0; k < chunks; k++) {
            for (int j = 0; j < n; j++) {
                double cr = cur[2 * j];
                double ci = cur[2 * j + 1];
                a[aOff + 2 * (k * n + j)] = (float) cr;
                a[aOff + 2 * (k * n + j) + 1] = (float) ci;
                cur[2 * j] = cr * step[2 * j] - ci * step[2 * j + 1];
                cur[2 * j + 1] = cr * step[2 * j + 1] + ci * step[2 * j];
            }
        }
    }

    /** fp64 version of {@link #anchors(int, int, int, float[], int, double[], float[], int, double[])}. */
    static void anchors(int h, int n, int chunks, double[] v, int vOff, double[] step, double[] a, int aOff,
                        double[] cur) {
        for (int j = 0; j < n; j++) {
            cur[2 * j] = v == null ? 1 : v[vOff + 2 * (h * n + j)];
            cur[2 * j + 1] = v == null ? 0 : v[vOff + 2 * (h * n + j) + 1];
        }
        for (int k = 0; k < chunks; k++) {
            for (int j = 0; j < n; j++) {
                double cr = cur[2 * j];
                double ci = cur[2 * j + 1];
                a[aOff + 2 * (k * n + j)] = cr;
                a[aOff + 2 * (k * n + j) + 1] = ci;
                cur[2 * j] = cr * step[2 * j] - ci * step[2 * j + 1];
                cur[2 * j + 1] = cr * step[2 * j + 1] + ci * step[2 * j];
            }
        }
    }
}
