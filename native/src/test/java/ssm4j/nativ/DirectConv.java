package ssm4j.nativ;

import ssm4j.api.ConvShape;

/**
 * The independent oracle of the FFTW and CUDA convolution tests: SPEC (6.1)/(6.2) summed directly in double,
 * O(B·Cn·H·L·lk).
 */
public final class DirectConv {
    private DirectConv() {
    }

    /** y of SPEC (6.1)/(6.2) for shape {@code s}; {@code d} may be null (no skip term). */
    public static double[] conv(ConvShape s, double[] x, double[] k, double[] d) {
        int bn = s.batch(), h = s.h(), len = s.length(), cn = s.channels(), lk = s.kernelLength();
        double[] y = new double[bn * cn * h * len];
        for (int b = 0; b < bn; b++) {
            for (int c = 0; c < cn; c++) {
                for (int hh = 0; hh < h; hh++) {
                    int xo = (b * h + hh) * len;
                    int k0 = (c * h + hh) * lk;
                    int k1 = ((cn + c) * h + hh) * lk;
                    int yo = ((b * cn + c) * h + hh) * len;
                    for (int t = 0; t < len; t++) {
                        double acc = 0;
                        for (int j = 0; j < lk && j <= t; j++) {
                            acc += k[k0 + j] * x[xo + t - j]; // (6.1)
                        }
                        if (s.bidirectional()) {
                            for (int m = 1; m <= lk && t + m < len; m++) {
                                acc += k[k1 + m - 1] * x[xo + t + m]; // (6.2): k1[0] pairs with x[t+1]
                            }
                        }
                        if (d != null) {
                            acc += d[c * h + hh] * x[xo + t];
                        }
                        y[yo + t] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** {@code a} widened to double. */
    public static double[] widen(float[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }
}
