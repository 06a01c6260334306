package ssm4j.conv;

import ssm4j.api.ConvShape;

/**
 * The independent oracle of the convolution tests: SPEC (6.1) and (6.2) summed directly in fp64, O(L·Lk) per
 * row, plus the row norms the error bounds are built from.
 */
final class DirectConv {
    private DirectConv() {
    }

    /** y (B, Cn·H, L) by the direct sums (6.1)/(6.2) + D·x; d may be null. */
    static double[] conv(ConvShape s, double[] x, double[] k, double[] d) {
        int bn = s.batch();
        int hn = s.h();
        int len = s.length();
        int cn = s.channels();
        int lk = s.kernelLength();
        double[] y = new double[bn * cn * hn * len];
        for (int b = 0; b < bn; b++) {
            for (int c = 0; c < cn; c++) {
                for (int h = 0; h < hn; h++) {
                    int xo = (b * hn + h) * len;
                    int f = (c * hn + h) * lk;
                    int yo = ((b * cn + c) * hn + h) * len;
                    double dv = d == null ? 0 : d[c * hn + h];
                    for (int t = 0; t < len; t++) {
                        double acc = dv * x[xo + t];
                        for (int sIdx = 0; sIdx < lk && sIdx <= t; sIdx++) {
                            acc += k[f + sIdx] * x[xo + t - sIdx];             // (6.1)
                        }
                        if (s.bidirectional()) {
                            int bk = ((cn + c) * hn + h) * lk;
                            for (int m = 1; m <= lk && t + m < len; m++) {
                                acc += k[bk + m - 1] * x[xo + t + m];          // (6.2): k1[0] meets x[t+1]
                            }
                        }
                        y[yo + t] = acc;
                    }
                }
            }
        }
        return y;
    }

    /**
     * Per output row (b, c, h): {@code ‖x[b,h]‖₂·(‖k0[c,h]‖₂ + ‖k1[c,h]‖₂) + |D|·‖x‖∞}, the scale of the rounding
     * error of an FFT convolution of that row. An FFT of length n perturbs each spectrum by about
     * {@code ε·log2 n} times its 2-norm; the inverse's per-sample error is then at most
     * {@code (1/n)·Σ_j |δ(X_j K_j)| ≤ c·ε·log2 n·‖x‖₂‖k‖₂} (Parseval: ‖X‖₂ = √n‖x‖₂).
     */
    static double[] rowScales(ConvShape s, double[] x, double[] k, double[] d) {
        int hn = s.h();
        int len = s.length();
        int cn = s.channels();
        int lk = s.kernelLength();
        double[] out = new double[s.batch() * cn * hn];
        for (int b = 0; b < s.batch(); b++) {
            for (int c = 0; c < cn; c++) {
                for (int h = 0; h < hn; h++) {
                    double nx = 0;
                    double mx = 0;
                    for (int t = 0; t < len; t++) {
                        double v = x[(b * hn + h) * len + t];
                        nx += v * v;
                        mx = Math.max(mx, Math.abs(v));
                    }
                    double nk = norm(k, (c * hn + h) * lk, lk);
                    if (s.bidirectional()) {
                        nk += norm(k, ((cn + c) * hn + h) * lk, lk);
                    }
                    double dv = d == null ? 0 : Math.abs(d[c * hn + h]);
                    out[(b * cn + c) * hn + h] = Math.sqrt(nx) * nk + dv * mx;
                }
            }
        }
        return out;
    }

    private static double norm(double[] a, int off, int len) {
        double acc = 0;
        for (int i = 0; i < len; i++) {
            acc += a[off + i] * a[off + i];
        }
        return Math.sqrt(acc);
    }
}
