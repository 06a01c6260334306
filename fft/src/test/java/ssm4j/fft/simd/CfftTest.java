package ssm4j.fft.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The power-of-two complex cores against a direct O(M²) DFT (fp64 oracle), both directions and both widths. */
class CfftTest {
    /** Direct DFT of (re, im), exponent sign·2πi, in double with exactly reduced angles. */
    static double[][] dft(double[] re, double[] im, int sign) {
        int n = re.length;
        double[] or = new double[n];
        double[] oi = new double[n];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int r = 0; r < n; r++) {
            cos[r] = Math.cos(sign * 2 * Math.PI * r / n);
            sin[r] = Math.sin(sign * 2 * Math.PI * r / n);
        }
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                int r = (int) ((long) j * k % n);     // exact angle reduction
                double c = cos[r];
                double s = sin[r];
                sr += re[j] * c - im[j] * s;
                si += re[j] * s + im[j] * c;
            }
            or[k] = sr;
            oi[k] = si;
        }
        return new double[][] {or, oi};
    }

    private static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.hypot(a[i], b[i]));
        }
        return m;
    }

    /** A complex core of one width, applied in place to values held in double (each exact in that width). */
    private interface Core {
        void apply(double[] re, double[] im, boolean forward);
    }

    @Test
    void f32ForwardIsBitReversedDftAndInverseRoundTrips() {
        for (int m = CfftF32.VL; m <= 8192; m *= 2) {
            Stages st = new Stages(m, CfftF32.VL);
            CfftF32 f = new CfftF32(st);
            check(st, true, 0, Math.ulp(1f), (re, im, forward) -> {
                float[] fr = new float[re.length];
                float[] fi = new float[im.length];
                for (int i = 0; i < re.length; i++) {
                    fr[i] = (float) re[i];
                    fi[i] = (float) im[i];
                }
                if (forward) {
                    f.forward(fr, fi);
                } else {
                    f.inverse(fr, fi);
                }
                for (int i = 0; i < re.length; i++) {
                    re[i] = fr[i];
                    im[i] = fi[i];
                }
            });
        }
    }

    @Test
    void f64ForwardIsBitReversedDftAndInverseRoundTrips() {
        for (int m = CfftF64.VL; m <= 4096; m *= 2) {
            Stages st = new Stages(m, CfftF64.VL);
            CfftF64 f = new CfftF64(st);
            // fp64: the oracle's own M-term sums add M roundings to the forward bound
            check(st, false, m, Math.ulp(1.0), (re, im, forward) -> {
                if (forward) {
                    f.forward(re, im);
                } else {
                    f.inverse(re, im);
                }
            });
        }
    }

    /**
     * Seeded inputs in [-1, 1) (rounded to float for {@code f32}); the forward output at bit-reversed position p
     * is DFT bin {@code freqAt[p]} within a few ulp ({@code eps}) per butterfly level, plus {@code oracleTerms}
     * roundings, relative to the largest output; the inverse returns M times the input.
     */
    private static void check(Stages st, boolean f32, int oracleTerms, double eps, Core core) {
        int m = st.m;
        Random r = new Random(m);
        double[] re = new double[m];
        double[] im = new double[m];
        for (int i = 0; i < m; i++) {
            re[i] = 2 * r.nextDouble() - 1;
            im[i] = 2 * r.nextDouble() - 1;
            if (f32) {
                re[i] = (float) re[i];
                im[i] = (float) im[i];
            }
        }
        double[] fr = re.clone();
        double[] fi = im.clone();
        double[][] want = dft(re, im, -1);
        core.apply(fr, fi, true);
        double scale = maxAbs(want[0], want[1]);
        double err = 0;
        for (int p = 0; p < m; p++) {
            int k = st.freqAt[p];
            err = Math.max(err, Math.hypot(fr[p] - want[0][k], fi[p] - want[1][k]));
        }
        double levels = Math.log(m) / Math.log(2);
        assertTrue(err <= (3 * levels + oracleTerms) * eps * scale, "forward m=" + m + " err=" + err / scale);
        core.apply(fr, fi, false);
        double rt = 0;
        for (int i = 0; i < m; i++) {
            rt = Math.max(rt, Math.hypot(fr[i] / m - re[i], fi[i] / m - im[i]));
        }
        assertTrue(rt <= 6 * levels * eps * maxAbs(re, im), "round trip m=" + m + " err=" + rt);
    }
}
