package ssm4j.kernels.lssl;

/**
 * Matrix exponential by scaling and squaring with a diagonal Padé approximant, in double precision (used by the
 * ZOH discretisation (1.2b); EJML has no expm).
 *
 * <p>X is scaled by 2^−s so that ‖X‖₁·2^−s ≤ ½; there the [8/8] Padé approximant's relative truncation error is
 * below {@code (8!)²/((16)!(17)!)·(½)^17 ≈ 10^−24}, far under double rounding; then the result is squared s
 * times. Numerator and denominator share the even and odd parts {@code N = V + U}, {@code D = V − U}, and
 * {@code D·F = N} is solved by LU (no inverse).
 */
final class MatrixExp {
    private static final int DEGREE = 8;
    /** Padé coefficients c_k = (2q−k)! q! / ((2q)! k! (q−k)!), k = 0 … q, for q = {@value #DEGREE}. */
    private static final double[] C = new double[DEGREE + 1];

    static {
        C[0] = 1.0;
        for (int k = 1; k <= DEGREE; k++) {
            C[k] = C[k - 1] * (DEGREE - k + 1) / ((2.0 * DEGREE - k + 1) * k);
        }
    }

    private MatrixExp() {
    }

    /** Returns exp(x) for the n×n row-major matrix x (x is not modified). */
    static double[] exp(int n, double[] x) {
        double norm = 0;   // ‖x‖₁: largest column sum
        for (int c = 0; c < n; c++) {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += Math.abs(x[r * n + c]);
            }
            norm = Math.max(norm, s);
        }
        int s = 0;
        if (norm > 0.5) {
            s = Math.getExponent(norm / 0.5) + 1;
        }
        double scale = Math.scalb(1.0, -s);
        double[] a = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = x[i] * scale;
        }
        int nn = n * n;
        double[] a2 = new double[nn];
        MatMul.square(n, a, 0, a, 0, a2, 0);
        double[] a4 = new double[nn];
        MatMul.square(n, a2, 0, a2, 0, a4, 0);
        double[] a6 = new double[nn];
        MatMul.square(n, a4, 0, a2, 0, a6, 0);
        double[] a8 = new double[nn];
        MatMul.square(n, a4, 0, a4, 0, a8, 0);
        double[] v = new double[nn];    // even part c0 I + c2 A² + c4 A⁴ + c6 A⁶ + c8 A⁸
        double[] w = new double[nn];    // odd part / A: c1 I + c3 A² + c5 A⁴ + c7 A⁶
        for (int i = 0; i < nn; i++) {
            v[i] = C[2] * a2[i] + C[4] * a4[i] + C[6] * a6[i] + C[8] * a8[i];
            w[i] = C[3] * a2[i] + C[5] * a4[i] + C[7] * a6[i];
        }
        for (int i = 0; i < n; i++) {
            v[i * n + i] += C[0];
            w[i * n + i] += C[1];
        }
        double[] u = new double[nn];
        MatMul.square(n, a, 0, w, 0, u, 0);
        double[] num = new double[nn];
        double[] den = new double[nn];
        for (int i = 0; i < nn; i++) {
            num[i] = v[i] + u[i];
            den[i] = v[i] - u[i];
        }
        if (!DenseLu.solve(n, den, n, num)) {
            throw new ArithmeticException("matrix exponential: singular Padé denominator");
        }
        double[] f = num;
        double[] t = a2;   // reuse as scratch
        for (int k = 0; k < s; k++) {
            MatMul.square(n, f, 0, f, 0, t, 0);
            double[] swap = f;
            f = t;
            t = swap;
        }
        return f;
    }
}
