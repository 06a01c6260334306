package ssm4j.kernels.lssl;

/**
 * Solves {@code M X = R} for a dense n×n M and n×cols right-hand sides by LU factorisation with partial
 * pivoting, in place (row-major, M destroyed, R overwritten by X). Used by the GBT discretisation (1.2a), which
 * needs a solve with {@code I − αΔA} and no explicit inverse, and by the Padé step of the matrix exponential.
 */
final class DenseLu {
    private DenseLu() {
    }

    /**
     * @return false if M is singular to working precision (a zero pivot), true after a successful solve
     */
    static boolean solve(int n, double[] m, int cols, double[] r) {
        for (int k = 0; k < n; k++) {
            int piv = k;
            double best = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(m[i * n + k]);
                if (v > best) {
                    best = v;
                    piv = i;
                }
            }
            if (best == 0.0 || !Double.isFinite(best)) {
                return false;
            }
            if (piv != k) {
                swapRows(m, n, k, piv);
                swapRows(r, cols, k, piv);
            }
            double inv = 1.0 / m[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = m[i * n + k] * inv;
                if (f == 0.0) {
                    continue;
                }
                m[i * n + k] = f;
                for (int j = k + 1; j < n; j++) {
                    m[i * n + j] -= f * m[k * n + j];
                }
                for (int j = 0; j < cols; j++) {
                    r[i * cols + j] -= f * r[k * cols + j];
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {     // back substitution
            double inv = 1.0 / m[k * n + k];
            for (int j = 0; j < cols; j++) {
                double s = r[k * cols + j];
                for (int i = k + 1; i < n; i++) {
                    s -= m[k * n + i] * r[i * cols + j];
                }
                r[k * cols + j] = s * inv;
            }
        }
        return true;
    }

    private static void swapRows(double[] a, int width, int i, int j) {
        for (int c = 0; c < width; c++) {
            double t = a[i * width + c];
            a[i * width + c] = a[j * width + c];
            a[j * width + c] = t;
        }
    }
}
