package ssm4j.conv;

import java.util.Arrays;

/**
 * Lays one kernel row out as the length-n circular kernel whose cyclic convolution with the zero-padded input
 * gives SPEC (6.1) or (6.2) on {@code t < L}. Causal: {@code kc[j] = k0[j]} for {@code j < Lk}, zero elsewhere.
 * Bidirectional: in addition {@code kc[n − m] = k1[m − 1]} for {@code m = 1 … Lk} — the backward kernel's first
 * tap lands on {@code x[t+1]} (the off-by-one of 6.2), which needs {@code n ≥ Lk + L} so that no wrapped
 * product reaches an output sample. Stateless and thread-safe; writes only the n destination cells.
 */
public final class CircularKernel {
    private CircularKernel() {
    }

    /**
     * Writes the circular kernel into {@code dst[dOff, dOff+n)}.
     *
     * @param k      kernel array; forward taps at {@code k[f0 .. f0+lk)}
     * @param f0     offset of the forward row
     * @param b0     offset of the backward row, or {@code -1} when causal
     * @param lk     taps per row ({@code ≤ n/2})
     * @param dst    written at {@code dst[dOff .. dOff+n)}
     * @param dOff   offset into dst
     * @param n      FFT length ({@code ≥ lk + L})
     */
    public static void fill(float[] k, int f0, int b0, int lk, float[] dst, int dOff, int n) {
        System.arraycopy(k, f0, dst, dOff, lk);
        Arrays.fill(dst, dOff + lk, dOff + n, 0f);
        if (b0 >= 0) {
            for (int m = 1; m <= lk; m++) {
                dst[dOff + n - m] = k[b0 + m - 1];
            }
        }
    }

    /** fp64 form of {@link #fill(float[], int, int, int, float[], int, int)}. */
    public static void fill(double[] k, int f0, int b0, int lk, double[] dst, int dOff, int n) {
        System.arraycopy(k, f0, dst, dOff, lk);
        Arrays.fill(dst, dOff + lk, dOff + n, 0d);
        if (b0 >= 0) {
            for (int m = 1; m <= lk; m++) {
                dst[dOff + n - m] = k[b0 + m - 1];
            }
        }
    }

    /** Offset of the forward row of output channel {@code c}, channel {@code h} in k (Cn', H, Lk). */
    public static int forwardRow(int c, int h, int hCount, int lk) {
        return (c * hCount + h) * lk;
    }

    /** Offset of the backward row (kernel channel {@code Cn + c}), or {@code -1} when not bidirectional. */
    public static int backwardRow(int c, int h, int hCount, int lk, int channels, boolean bidirectional) {
        return bidirectional ? ((channels + c) * hCount + h) * lk : -1;
    }
}
