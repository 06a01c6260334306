package ssm4j.lm.mixer;

/** Small layout helpers of the mixers: transposes between time-major and channel-major, SiLU. */
final class Rows {
    private Rows() {
    }

    /** {@code dst[c·rows + r] = src[srcOff + r·ld + c]} for r < rows, c < cols: (rows, cols) strided → (cols, rows). */
    static void transpose(float[] src, int srcOff, int ld, int rows, int cols, float[] dst, int dstOff) {
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * ld;
            for (int c = 0; c < cols; c++) {
                dst[dstOff + c * rows + r] = src[s + c];
            }
        }
    }

    static float silu(float v) {
        return v / (1f + (float) Math.exp(-v));
    }

    /**
     * Rolls one channel's window left and appends {@code v}, then returns {@code silu(bias + Σ_k window[k]·w[k])}
     * (the reference's step-time {@code torch.roll} + conv).
     */
    static float rollConvSilu(float[] state, int so, int width, float v, float[] w, int wOff, float bias) {
        System.arraycopy(state, so + 1, state, so, width - 1);
        state[so + width - 1] = v;
        float acc = bias;
        for (int k = 0; k < width; k++) {
            acc += state[so + k] * w[wOff + k];
        }
        return silu(acc);
    }

    /** The last W columns of each channel row of a packed (rows, total) array, zero-padded on the left. */
    static void convCache(float[] xT, int rows, int total, int start, int len, int width, float[] conv, int cOff) {
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < width; k++) {
                int t = len - width + k;
                conv[cOff + r * width + k] = t >= 0 ? xT[r * total + start + t] : 0f;
            }
        }
    }
}
