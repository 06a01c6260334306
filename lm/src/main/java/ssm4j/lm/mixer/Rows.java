package ssm4j.lm.mixer;

/** Small layout helpers of the mixers: transposes between time-major and channel-major, the conv cache. */
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
