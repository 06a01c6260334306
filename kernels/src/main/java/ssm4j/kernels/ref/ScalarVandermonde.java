package ssm4j.kernels.ref;

/**
 * Scalar reference log-Vandermonde kernels (SPEC 4.1): the 2·Re form and the complex form (4.1a), the powers form
 * (4.1a, integer powers of given bases) and the transpose (4.1b), one channel at a time.
 *
 * <p>Layout: v, x, q complex (H,N) interleaved (re, im) row-major from their offsets; u real (H,L); out real (H,L)
 * for {@link #conj}, complex (H,L) for {@link #complex} and {@link #powers}, complex (H,N) for {@link #transpose}.
 * Only rows {@code [h0, h1)} are written. Arguments are trusted (the facade checked them).
 *
 * <p>Every term is evaluated directly, in double, from its closed form: {@code e^{x·l} = e^{Re x·l}·(cos(Im x·l),
 * sin(Im x·l))} and {@code q^l = |q|^l·(cos(l·arg q), sin(l·arg q))}, so no error accumulates along l. The fp32
 * overloads widen each input on read and round once when storing. This is the oracle, not the fast path: it
 * costs an exp, a cos and a sin per (n, l). Stateless and thread-safe.
 */
public final class ScalarVandermonde {
    private ScalarVandermonde() {
    }

    /** (4.1a) {@code out[h,l] = 2·Re Σ_n v[h,n]·e^{x[h,n]·l}}, rows {@code [h0, h1)}, fp64. */
    public static void conj(int h0, int h1, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                            int outOff) {
        conj(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out), outOff);
    }

    /** fp32 storage, double arithmetic, of {@link #conj(int, int, int, int, double[], int, double[], int, double[], int)}. */
    public static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                            int outOff) {
        conj(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out), outOff);
    }

    /** (4.1a) without 2·Re: {@code out[h,l] = Σ_n v[h,n]·e^{x[h,n]·l}} (complex), rows {@code [h0, h1)}, fp64. */
    public static void complex(int h0, int h1, int n, int l, double[] v, int vOff, double[] x, int xOff,
                               double[] out, int outOff) {
        complexSum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out), outOff, false);
    }

    /** fp32 storage, double arithmetic, of {@link #complex(int, int, int, int, double[], int, double[], int, double[], int)}. */
    public static void complex(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                               int outOff) {
        complexSum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out), outOff, false);
    }

    /** (4.1a) powers: {@code out[h,l] = Σ_n v[h,n]·q[h,n]^l} (complex), rows {@code [h0, h1)}, fp64. */
    public static void powers(int h0, int h1, int n, int l, double[] v, int vOff, double[] q, int qOff,
                              double[] out, int outOff) {
        complexSum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(q), qOff, Doubles.of(out), outOff, true);
    }

    /** fp32 storage, double arithmetic, of {@link #powers(int, int, int, int, double[], int, double[], int, double[], int)}. */
    public static void powers(int h0, int h1, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out,
                              int outOff) {
        complexSum(h0, h1, n, l, Doubles.of(v), vOff, Doubles.of(q), qOff, Doubles.of(out), outOff, true);
    }

    /** (4.1b) {@code out[h,n] = v[h,n]·Σ_l u[h,l]·e^{x[h,n]·l}} (complex (H,N)), rows {@code [h0, h1)}, fp64. */
    public static void transpose(int h0, int h1, int n, int l, double[] u, int uOff, double[] v, int vOff,
                                 double[] x, int xOff, double[] out, int outOff) {
        transpose(h0, h1, n, l, Doubles.of(u), uOff, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out),
                outOff);
    }

    /** fp32 storage, double arithmetic, of {@link #transpose(int, int, int, int, double[], int, double[], int, double[], int, double[], int)}. */
    public static void transpose(int h0, int h1, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                 int xOff, float[] out, int outOff) {
        transpose(h0, h1, n, l, Doubles.of(u), uOff, Doubles.of(v), vOff, Doubles.of(x), xOff, Doubles.of(out),
                outOff);
    }

    private static void conj(int h0, int h1, int n, int l, Doubles v, int vOff, Doubles x, int xOff, Doubles out,
                             int outOff) {
        for (int h = h0; h < h1; h++) {
            for (int t = 0; t < l; t++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    int e = 2 * (h * n + j);
                    double mag = Math.exp(x.get(xOff + e) * t);
                    double ph = x.get(xOff + e + 1) * t;
                    // Re(v·e^{x·t})
                    s += mag * (v.get(vOff + e) * Math.cos(ph) - v.get(vOff + e + 1) * Math.sin(ph));
                }
                out.set(outOff + h * l + t, 2 * s);
            }
        }
    }

    /**
     * The complex sum {@code Σ_n v·p^t} of {@link #complex} ({@code p = e^{x}}, {@code powers} false) and of
     * {@link #powers} ({@code p = q} in polar form, {@code powers} true): one loop, the factor's closed form chosen
     * per term.
     */
    private static void complexSum(int h0, int h1, int n, int l, Doubles v, int vOff, Doubles x, int xOff,
                                   Doubles out, int outOff, boolean powers) {
        for (int h = h0; h < h1; h++) {
            for (int t = 0; t < l; t++) {
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    int e = 2 * (h * n + j);
                    double xr = x.get(xOff + e);
                    double xi = x.get(xOff + e + 1);
                    double mag;
                    double ph;
                    if (powers) {
                        // polar form: q^t = |q|^t·e^{i·t·arg q}; Math.pow(0, 0) = 1 as q^0 must be
                        mag = Math.pow(Math.hypot(xr, xi), t);
                        ph = t * Math.atan2(xi, xr);
                    } else {
                        mag = Math.exp(xr * t);
                        ph = xi * t;
                    }
                    double pr = mag * Math.cos(ph);
                    double pi = mag * Math.sin(ph);
                    double vr = v.get(vOff + e);
                    double vi = v.get(vOff + e + 1);
                    sr += vr * pr - vi * pi;
                    si += vr * pi + vi * pr;
                }
                out.set(outOff + 2 * (h * l + t), sr);
                out.set(outOff + 2 * (h * l + t) + 1, si);
            }
        }
    }

    private static void transpose(int h0, int h1, int n, int l, Doubles u, int uOff, Doubles v, int vOff,
                                  Doubles x, int xOff, Doubles out, int outOff) {
        for (int h = h0; h < h1; h++) {
            for (int j = 0; j < n; j++) {
                int e = 2 * (h * n + j);
                double xr = x.get(xOff + e);
                double xi = x.get(xOff + e + 1);
                double sr = 0;
                double si = 0;
                for (int t = 0; t < l; t++) {
                    double mag = u.get(uOff + h * l + t) * Math.exp(xr * t);
                    sr += mag * Math.cos(xi * t);
                    si += mag * Math.sin(xi * t);
                }
                double vr = v.get(vOff + e);
                double vi = v.get(vOff + e + 1);
                out.set(outOff + e, vr * sr - vi * si);
                out.set(outOff + e + 1, vr * si + vi * sr);
            }
        }
    }
}
