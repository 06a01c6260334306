package ssm4j.kernels.lssl;

import ssm4j.api.Check;
import ssm4j.kernels.Precision;

/**
 * Discretisation of diagonal systems, entry by entry (SPEC (1.2c)), for S4D- and Mamba-style code to reuse:
 * ZOH {@code Ā_n = e^{Δa_n}}, {@code B̄_n = B_n(e^{Δa_n} − 1)/a_n}; bilinear
 * {@code Ā_n = (1 + Δa_n/2)/(1 − Δa_n/2)}, {@code B̄_n = B_n·Δ/(1 − Δa_n/2)}.
 *
 * <p>Layouts: a, b, dA, dB are (H,N) complex, interleaved {@code (re, im)} row-major (a real system passes
 * {@code im = 0}); dt is (H,), one step per channel shared by its N entries. Only the (H,N) output ranges are
 * written; outputs may alias the inputs entry for entry (each entry is read before it is written). All
 * arithmetic is in double; the float overloads widen, compute and round once. ZOH forms {@code e^{z} − 1} with
 * {@code expm1} and {@code 1 − cos y = 2 sin²(y/2)}, so small {@code Δa} loses nothing to cancellation, and
 * uses the limit {@code B̄ = ΔB} at {@code a = 0}. Static and thread-safe; the fp64 forms allocate nothing.
 */
public final class DiagonalDiscretization {
    private DiagonalDiscretization() {
    }

    /**
     * Zero-order hold (1.2c) for every channel h &lt; H and entry n &lt; N.
     *
     * @throws IllegalArgumentException naming the argument: h or n &lt; 1, a range too short, a or b not finite,
     *         dt not finite and &gt; 0
     * @param h       channels H ≥ 1
     * @param n       entries per channel N ≥ 1
     * @param dt      steps (H,) from {@code dtOff}, finite and &gt; 0
     * @param dtOff   offset of dt
     * @param a       diagonal (H,N) complex interleaved from {@code aOff}
     * @param aOff    offset of a
     * @param b       input vector (H,N) complex from {@code bOff}
     * @param bOff    offset of b
     * @param dA      written: Ā (H,N) complex from {@code dAOff}
     * @param dAOff   offset of dA
     * @param dB      written: B̄ (H,N) complex from {@code dBOff}
     * @param dBOff   offset of dB
     */
    public static void zoh(int h, int n, double[] dt, int dtOff, double[] a, int aOff, double[] b, int bOff,
                           double[] dA, int dAOff, double[] dB, int dBOff) {
        check(h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff);
        discretize(true, h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff);
    }

    /**
     * Bilinear transform (1.2c) for every channel h &lt; H and entry n &lt; N.
     *
     * @throws IllegalArgumentException as {@link #zoh(int, int, double[], int, double[], int, double[], int,
     *         double[], int, double[], int)}, and naming {@code a} where {@code 1 − Δa/2 = 0}
     * @param h       channels H ≥ 1
     * @param n       entries per channel N ≥ 1
     * @param dt      steps (H,) from {@code dtOff}, finite and &gt; 0
     * @param dtOff   offset of dt
     * @param a       diagonal (H,N) complex interleaved from {@code aOff}
     * @param aOff    offset of a
     * @param b       input vector (H,N) complex from {@code bOff}
     * @param bOff    offset of b
     * @param dA      written: Ā (H,N) complex from {@code dAOff}
     * @param dAOff   offset of dA
     * @param dB      written: B̄ (H,N) complex from {@code dBOff}
     * @param dBOff   offset of dB
     */
    public static void bilinear(int h, int n, double[] dt, int dtOff, double[] a, int aOff, double[] b, int bOff,
                                double[] dA, int dAOff, double[] dB, int dBOff) {
        check(h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff);
        discretize(false, h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff);
    }

    /**
     * Both transforms in one loop: each gives {@code Ā} and a factor f with {@code B̄ = B·f} (ZOH
     * {@code f = (e^{Δa} − 1)/a}, bilinear {@code f = Δ/(1 − Δa/2)}). Each entry is read before it is written.
     */
    private static void discretize(boolean zoh, int h, int n, double[] dt, int dtOff, double[] a, int aOff,
                                   double[] b, int bOff, double[] dA, int dAOff, double[] dB, int dBOff) {
        for (int c = 0; c < h; c++) {
            double d = dt[dtOff + c];
            for (int k = 0; k < n; k++) {
                int i = 2 * (c * n + k);
                double ar = a[aOff + i];
                double ai = a[aOff + i + 1];
                double br = b[bOff + i];
                double bi = b[bOff + i + 1];
                double xr;    // Ā
                double xi;
                double fr;    // f
                double fi;
                if (zoh) {
                    double x = d * ar;
                    double y = d * ai;
                    double ex = Math.exp(x);
                    double cy = Math.cos(y);
                    double sy = Math.sin(y);
                    double half = Math.sin(0.5 * y);
                    // e^{z} − 1 = expm1(x)·cos y − 2 sin²(y/2) + i·e^x sin y   (z = x + iy, no cancellation)
                    double emr = Math.expm1(x) * cy - 2.0 * half * half;
                    double emi = ex * sy;
                    double mod2 = ar * ar + ai * ai;
                    if (mod2 == 0.0) {
                        fr = d;   // lim_{a→0} (e^{Δa} − 1)/a = Δ
                        fi = 0.0;
                    } else {      // (e^{Δa} − 1)/a = (e^{Δa} − 1)·conj(a)/|a|²
                        fr = (emr * ar + emi * ai) / mod2;
                        fi = (emi * ar - emr * ai) / mod2;
                    }
                    xr = ex * cy;
                    xi = ex * sy;
                } else {
                    double hr = 0.5 * d * ar;
                    double hi = 0.5 * d * ai;
                    double qr = 1.0 - hr;             // q = 1 − Δa/2
                    double qi = -hi;
                    double q2 = qr * qr + qi * qi;
                    if (q2 == 0.0) {
                        throw new IllegalArgumentException("a: 1 - dt*a/2 = 0 at channel " + c + ", entry " + k
                                + " (bilinear transform undefined)");
                    }
                    double ir = qr / q2;              // 1/q
                    double ii = -qi / q2;
                    double pr = 1.0 + hr;             // p = 1 + Δa/2
                    double pi = hi;
                    xr = pr * ir - pi * ii;
                    xi = pr * ii + pi * ir;
                    fr = d * ir;                      // Δ/q
                    fi = d * ii;
                }
                dA[dAOff + i] = xr;
                dA[dAOff + i + 1] = xi;
                dB[dBOff + i] = br * fr - bi * fi;
                dB[dBOff + i + 1] = br * fi + bi * fr;
            }
        }
    }

    /** Single-precision interface to ZOH; computed in double, rounded once. */
    public static void zoh(int h, int n, float[] dt, int dtOff, float[] a, int aOff, float[] b, int bOff,
                           float[] dA, int dAOff, float[] dB, int dBOff) {
        float2(h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff, true);
    }

    /** Single-precision interface to the bilinear transform; computed in double, rounded once. */
    public static void bilinear(int h, int n, float[] dt, int dtOff, float[] a, int aOff, float[] b, int bOff,
                                float[] dA, int dAOff, float[] dB, int dBOff) {
        float2(h, n, dt, dtOff, a, aOff, b, bOff, dA, dAOff, dB, dBOff, false);
    }

    private static void float2(int h, int n, float[] dt, int dtOff, float[] a, int aOff, float[] b, int bOff,
                               float[] dA, int dAOff, float[] dB, int dBOff, boolean zoh) {
        Check.positive("h", h);
        Check.positive("n", n);
        int len = 2 * h * n;
        double[] dtd = Precision.widen("dt", dt, dtOff, h);
        double[] ad = Precision.widen("a", a, aOff, len);
        double[] bd = Precision.widen("b", b, bOff, len);
        Check.complexRange("dA", dA, dAOff, (long) h * n);
        Check.complexRange("dB", dB, dBOff, (long) h * n);
        double[] oa = new double[len];
        double[] ob = new double[len];
        check(h, n, dtd, 0, ad, 0, bd, 0, oa, 0, ob, 0);
        discretize(zoh, h, n, dtd, 0, ad, 0, bd, 0, oa, 0, ob, 0);
        Precision.narrow(oa, dA, dAOff);
        Precision.narrow(ob, dB, dBOff);
    }

    private static void check(int h, int n, double[] dt, int dtOff, double[] a, int aOff, double[] b, int bOff,
                              double[] dA, int dAOff, double[] dB, int dBOff) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.range("dt", dt, dtOff, h);
        Check.complexRange("a", a, aOff, (long) h * n);
        Check.complexRange("b", b, bOff, (long) h * n);
        Check.complexRange("dA", dA, dAOff, (long) h * n);
        Check.complexRange("dB", dB, dBOff, (long) h * n);
        Check.allPositive("dt", dt, dtOff, h);
        Check.allFinite("a", a, aOff, 2L * h * n);
        Check.allFinite("b", b, bOff, 2L * h * n);
    }
}
