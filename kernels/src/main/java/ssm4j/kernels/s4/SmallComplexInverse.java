package ssm4j.kernels.s4;

/**
 * Inverse of a small complex R×R matrix (the Woodbury capacitance {@code I_R + M} of (3.4c)): closed forms for
 * R = 1 and 2, Gauss–Jordan with partial pivoting above. Interleaved row-major; allocation-free.
 */
final class SmallComplexInverse {
    private SmallComplexInverse() {
    }

    /** Writes {@code a^{-1}} into {@code inv}; {@code a} is destroyed for R &gt; 2. */
    static void invertInPlace(double[] a, int r, double[] inv) {
        if (r == 1) {
            double d = a[0] * a[0] + a[1] * a[1];
            inv[0] = a[0] / d;
            inv[1] = -a[1] / d;
            return;
        }
        if (r == 2) {
            // [[p, q], [s, t]]^{-1} = [[t, −q], [−s, p]] / (pt − qs)
            double pr = a[0], pi = a[1], qr = a[2], qi = a[3], sr = a[4], si = a[5], tr = a[6], ti = a[7];
            double dr = (pr * tr - pi * ti) - (qr * sr - qi * si);
            double di = (pr * ti + pi * tr) - (qr * si + qi * sr);
            double m = dr * dr + di * di;
            double er = dr / m;
            double ei = -di / m;     // 1/det
            inv[0] = tr * er - ti * ei;
            inv[1] = tr * ei + ti * er;
            inv[2] = -(qr * er - qi * ei);
            inv[3] = -(qr * ei + qi * er);
            inv[4] = -(sr * er - si * ei);
            inv[5] = -(sr * ei + si * er);
            inv[6] = pr * er - pi * ei;
            inv[7] = pr * ei + pi * er;
            return;
        }
        java.util.Arrays.fill(inv, 0, 2 * r * r, 0.0);
        for (int i = 0; i < r; i++) {
            inv[2 * (i * r + i)] = 1;
        }
        for (int col = 0; col < r; col++) {
            int piv = col;
            double best = -1;
            for (int row = col; row < r; row++) {
                double m = Math.hypot(a[2 * (row * r + col)], a[2 * (row * r + col) + 1]);
                if (m > best) {
                    best = m;
                    piv = row;
                }
            }
            if (piv != col) {
                swapRows(a, r, piv, col);
                swapRows(inv, r, piv, col);
            }
            double pr = a[2 * (col * r + col)];
            double pi = a[2 * (col * r + col) + 1];
            double m = pr * pr + pi * pi;
            double ir = pr / m;
            double ii = -pi / m;
            scaleRow(a, r, col, ir, ii);
            scaleRow(inv, r, col, ir, ii);
            for (int row = 0; row < r; row++) {
                if (row == col) {
                    continue;
                }
                double fr = a[2 * (row * r + col)];
                double fi = a[2 * (row * r + col) + 1];
                for (int j = 0; j < r; j++) {
                    int d = 2 * (row * r + j);
                    int s = 2 * (col * r + j);
                    a[d] -= fr * a[s] - fi * a[s + 1];
                    a[d + 1] -= fr * a[s + 1] + fi * a[s];
                    inv[d] -= fr * inv[s] - fi * inv[s + 1];
                    inv[d + 1] -= fr * inv[s + 1] + fi * inv[s];
                }
            }
        }
    }

    private static void swapRows(double[] m, int r, int i, int j) {
        for (int k = 0; k < 2 * r; k++) {
            double t = m[2 * i * r + k];
            m[2 * i * r + k] = m[2 * j * r + k];
            m[2 * j * r + k] = t;
        }
    }

    private static void scaleRow(double[] m, int r, int row, double sr, double si) {
        for (int j = 0; j < r; j++) {
            int o = 2 * (row * r + j);
            double x = m[o];
            double y = m[o + 1];
            m[o] = x * sr - y * si;
            m[o + 1] = x * si + y * sr;
        }
    }
}
