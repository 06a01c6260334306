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

    @Test
    void f32ForwardIsBitReversedDftAndInverseRoundTrips() {
        for (int m = CfftF32.VL; m <= 8192; m *= 2) {
            Stages st = new Stages(m, CfftF32.VL);
            CfftF32 f = new CfftF32(st);
            Random r = new Random(m);
            double[] re = new double[m];
            double[] im = new double[m];
            float[] fr = new float[m];
            float[] fi = new float[m];
            for (int i = 0; i < m; i++) {
                fr[i] = (float) (2 * r.nextDouble() - 1);
                fi[i] = (float) (2 * r.nextDouble() - 1);
                re[i] = fr[i];
                im[i] = fi[i];
            }
            double[][] want = dft(re, im, -1);
            f.forward(fr, fi);
            double scale = maxAbs(want[0], want[1]);
            double err = 0;
            for (int p = 0; p < m; p++) {
                int k = st.freqAt[p];
                err = Math.max(err, Math.hypot(fr[p] - want[0][k], fi[p] - want[1][k]));
            }
            double levels = Math.log(m) / Math.log(2);
            // fp32: a few ulp per butterfly level, relative to the largest output.
            assertTrue(err <= 3 * levels * Math.ulp(1f) * scale, "forward m=" + m + " err=" + err / scale);
            f.inverse(fr, fi);
            double rt = 0;
            for (int i = 0; i < m; i++) {
                rt = Math.max(rt, Math.hypot(fr[i] / m - re[i], fi[i] / m - im[i]));
            }
            assertTrue(rt <= 6 * levels * Math.ulp(1f) * maxAbs(re, im), "round trip m=" + m + " err=" + rt);
        }
    }

    @Test
    void f64ForwardIsBitReversedDftAndInverseRoundTrips() {
        for (int m = CfftF64.VL; m <= 4096; m *= 2) {
            Stages st = new Stages(m, CfftF64.VL);
            CfftF64 f = new CfftF64(st);
            Random r = new Random(m);
            double[] re = new double[m];
            double[] im = new double[m];
            double[] fr = new double[m];
            double[] fi = new double[m];
            for (int i = 0; i < m; i++) {
                fr[i] = 2 * r.nextDouble() - 1;
                fi[i] = 2 * r.nextDouble() - 1;
                re[i] = fr[i];
                im[i] = fi[i];
            }
            double[][] want = dft(re, im, -1);
            f.forward(fr, fi);
            double scale = maxAbs(want[0], want[1]);
            double err = 0;
            for (int p = 0; p < m; p++) {
                int k = st.freqAt[p];
                err = Math.max(err, Math.hypot(fr[p] - want[0][k], fi[p] - want[1][k]));
            }
            double levels = Math.log(m) / Math.log(2);
            // fp64: a few ulp (plus the oracle's own M-term sums) per butterfly level, relative to the largest output.
            assertTrue(err <= (3 * levels + m) * Math.ulp(1.0) * scale, "forward m=" + m + " err=" + err / scale);
            f.inverse(fr, fi);
            double rt = 0;
            for (int i = 0; i < m; i++) {
                rt = Math.max(rt, Math.hypot(fr[i] / m - re[i], fi[i] / m - im[i]));
            }
            assertTrue(rt <= 6 * levels * Math.ulp(1.0) * maxAbs(re, im), "round trip m=" + m + " err=" + rt);
        }
    }
}
