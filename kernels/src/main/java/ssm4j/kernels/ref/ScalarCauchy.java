package ssm4j.kernels.ref;

/**
 * Scalar reference Cauchy kernels (SPEC 3.1): plain (3.1a) and conjugate-pair (3.1b), one channel at a time.
 *
 * <p>Layout: v, w complex (H,N) interleaved (re, im) row-major from their offsets; z complex (L) interleaved;
 * out complex (H,L) interleaved, rows {@code [h0, h1)} written. Arguments are trusted (the facade checked them).
 *
 * <p>Every overload computes in double, term by term, with the textbook complex division
 * {@code a/b = a·conj(b)/|b|²}; the fp32 overloads widen each input on read and round once when storing. So the
 * fp32 result is the exact-as-double sum rounded to float, the oracle the vector tier's fp32 path is measured
 * against. The conjugate-pair form adds its two terms separately (the first form of (3.1b)), deliberately not
 * the one-division form the fast tiers use, so that the two are independent. Stateless and thread-safe.
 */
public final class ScalarCauchy {
    private ScalarCauchy() {
    }

    /** (3.1a) for channels {@code [h0, h1)}, fp64. */
    public static void plain(int h0, int h1, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                             int zOff, double[] out, int outOff) {
        for (int h = h0; h < h1; h++) {
            int row = vOff + 2 * h * n;
            int wrow = wOff + 2 * h * n;
            for (int t = 0; t < l; t++) {
                double zr = z[zOff + 2 * t];
                double zi = z[zOff + 2 * t + 1];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double vr = v[row + 2 * j];
                    double vi = v[row + 2 * j + 1];
                    double dr = zr - w[wrow + 2 * j];
                    double di = zi - w[wrow + 2 * j + 1];
                    // v / d = v·conj(d) / |d|²
                    double inv = 1.0 / (dr * dr + di * di);
                    sr += (vr * dr + vi * di) * inv;
                    si += (vi * dr - vr * di) * inv;
                }
                out[outOff + 2 * (h * l + t)] = sr;
                out[outOff + 2 * (h * l + t) + 1] = si;
            }
        }
    }

    /** (3.1a) for channels {@code [h0, h1)}, fp32 inputs and outputs, double arithmetic. */
    public static void plain(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                             int zOff, float[] out, int outOff) {
        for (int h = h0; h < h1; h++) {
            int row = vOff + 2 * h * n;
            int wrow = wOff + 2 * h * n;
            for (int t = 0; t < l; t++) {
                double zr = z[zOff + 2 * t];
                double zi = z[zOff + 2 * t + 1];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double vr = v[row + 2 * j];
                    double vi = v[row + 2 * j + 1];
                    double dr = zr - w[wrow + 2 * j];
                    double di = zi - w[wrow + 2 * j + 1];
                    double inv = 1.0 / (dr * dr + di * di);
                    sr += (vr * dr + vi * di) * inv;
                    si += (vi * dr - vr * di) * inv;
                }
                out[outOff + 2 * (h * l + t)] = (float) sr;
                out[outOff + 2 * (h * l + t) + 1] = (float) si;
            }
        }
    }

    /** (3.1b) for channels {@code [h0, h1)}, fp64: {@code v/(z − w) + v̄/(z − w̄)} summed over the stored half. */
    public static void conj(int h0, int h1, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                            int zOff, double[] out, int outOff) {
        for (int h = h0; h < h1; h++) {
            int row = vOff + 2 * h * n;
            int wrow = wOff + 2 * h * n;
            for (int t = 0; t < l; t++) {
                double zr = z[zOff + 2 * t];
                double zi = z[zOff + 2 * t + 1];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double vr = v[row + 2 * j];
                    double vi = v[row + 2 * j + 1];
                    double wr = w[wrow + 2 * j];
                    double wi = w[wrow + 2 * j + 1];
                    // first member: v / (z − w)
                    double dr = zr - wr;
                    double di = zi - wi;
                    double inv = 1.0 / (dr * dr + di * di);
                    sr += (vr * dr + vi * di) * inv;
                    si += (vi * dr - vr * di) * inv;
                    // conjugate member: v̄ / (z − w̄), v̄ = (vr, −vi), z − w̄ = (zr − wr, zi + wi)
                    double er = zr - wr;
                    double ei = zi + wi;
                    double inv2 = 1.0 / (er * er + ei * ei);
                    sr += (vr * er - vi * ei) * inv2;
                    si += (-vi * er - vr * ei) * inv2;
                }
                out[outOff + 2 * (h * l + t)] = sr;
                out[outOff + 2 * (h * l + t) + 1] = si;
            }
        }
    }

    /** (3.1b) for channels {@code [h0, h1)}, fp32 inputs and outputs, double arithmetic. */
    public static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                            int zOff, float[] out, int outOff) {
        for (int h = h0; h < h1; h++) {
            int row = vOff + 2 * h * n;
            int wrow = wOff + 2 * h * n;
            for (int t = 0; t < l; t++) {
                double zr = z[zOff + 2 * t];
                double zi = z[zOff + 2 * t + 1];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double vr = v[row + 2 * j];
                    double vi = v[row + 2 * j + 1];
                    double wr = w[wrow + 2 * j];
                    double wi = w[wrow + 2 * j + 1];
                    double dr = zr - wr;
                    double di = zi - wi;
                    double inv = 1.0 / (dr * dr + di * di);
                    sr += (vr * dr + vi * di) * inv;
                    si += (vi * dr - vr * di) * inv;
                    double er = zr - wr;
                    double ei = zi + wi;
                    double inv2 = 1.0 / (er * er + ei * ei);
                    sr += (vr * er - vi * ei) * inv2;
                    si += (-vi * er - vr * ei) * inv2;
                }
                out[outOff + 2 * (h * l + t)] = (float) sr;
                out[outOff + 2 * (h * l + t) + 1] = (float) si;
            }
        }
    }
}
