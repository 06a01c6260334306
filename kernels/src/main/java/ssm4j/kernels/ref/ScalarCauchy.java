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
        sum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(w), wOff, Doubles.of(z), zOff, Doubles.of(out), outOff,
                false);
    }

    /** (3.1a) for channels {@code [h0, h1)}, fp32 inputs and outputs, double arithmetic. */
    public static void plain(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                             int zOff, float[] out, int outOff) {
        sum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(w), wOff, Doubles.of(z), zOff, Doubles.of(out), outOff,
                false);
    }

    /** (3.1b) for channels {@code [h0, h1)}, fp64: {@code v/(z − w) + v̄/(z − w̄)} summed over the stored half. */
    public static void conj(int h0, int h1, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                            int zOff, double[] out, int outOff) {
        sum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(w), wOff, Doubles.of(z), zOff, Doubles.of(out), outOff,
                true);
    }

    /** (3.1b) for channels {@code [h0, h1)}, fp32 inputs and outputs, double arithmetic. */
    public static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                            int zOff, float[] out, int outOff) {
        sum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(w), wOff, Doubles.of(z), zOff, Doubles.of(out), outOff,
                true);
    }

    /**
     * The one loop of both forms and both precisions: (3.1a) term by term, and with {@code pair} the conjugate
     * member of (3.1b) added after each first member (the order the fp64 sums have always used).
     */
    private static void sum(int h0, int h1, int n, int l, Doubles v, int vOff, Doubles w, int wOff, Doubles z,
                            int zOff, Doubles out, int outOff, boolean pair) {
        for (int h = h0; h < h1; h++) {
            int row = vOff + 2 * h * n;
            int wrow = wOff + 2 * h * n;
            for (int t = 0; t < l; t++) {
                double zr = z.get(zOff + 2 * t);
                double zi = z.get(zOff + 2 * t + 1);
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double vr = v.get(row + 2 * j);
                    double vi = v.get(row + 2 * j + 1);
                    double wr = w.get(wrow + 2 * j);
                    double wi = w.get(wrow + 2 * j + 1);
                    // first member: v / (z − w) = v·conj(d) / |d|²
                    double dr = zr - wr;
                    double di = zi - wi;
                    double inv = 1.0 / (dr * dr + di * di);
                    sr += (vr * dr + vi * di) * inv;
                    si += (vi * dr - vr * di) * inv;
                    if (pair) {
                        // conjugate member: v̄ / (z − w̄), v̄ = (vr, −vi), z − w̄ = (zr − wr, zi + wi)
                        double ei = zi + wi;
                        double inv2 = 1.0 / (dr * dr + ei * ei);
                        sr += (vr * dr - vi * ei) * inv2;
                        si += (-vi * dr - vr * ei) * inv2;
                    }
                }
                out.set(outOff + 2 * (h * l + t), sr);
                out.set(outOff + 2 * (h * l + t) + 1, si);
            }
        }
    }
}
