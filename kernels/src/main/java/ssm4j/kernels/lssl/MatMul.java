package ssm4j.kernels.lssl;

/**
 * Small dense matrix products for the LSSL and discretisation code (row-major, square or N×cols with a row
 * stride). Trusts its arguments; the output must not alias an input.
 */
final class MatMul {
    private MatMul() {
    }

    /** {@code c = a·b} for n×n matrices at the given offsets. */
    static void square(int n, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        times(n, n, a, aOff, b, bOff, n, c, cOff, n);
    }

    /**
     * {@code c[:, 0:cols] = a·b[:, 0:cols]} with a n×n (stride n), b and c n×cols with row strides
     * {@code bStride}, {@code cStride}. The i-k-j order streams rows of b and c.
     */
    static void times(int n, int cols, double[] a, int aOff, double[] b, int bOff, int bStride,
                      double[] c, int cOff, int cStride) {
        for (int i = 0; i < n; i++) {
            int ci = cOff + i * cStride;
            java.util.Arrays.fill(c, ci, ci + cols, 0.0);
            for (int k = 0; k < n; k++) {
                double aik = a[aOff + i * n + k];
                if (aik == 0.0) {
                    continue;   // HiPPO matrices are often triangular
                }
                int bk = bOff + k * bStride;
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }

    /** {@code y = a·x} for a n×n matrix and vectors. */
    static void vector(int n, double[] a, int aOff, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int ai = aOff + i * n;
            for (int k = 0; k < n; k++) {
                s += a[ai + k] * x[xOff + k];
            }
            y[yOff + i] = s;
        }
    }
}
