package ssm4j.fft.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The public real FFT against a direct O(n²) DFT (fp64 oracle) for awkward lengths, and its round trip. */
class FftPlanTest {
    static final int[] LENGTHS = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 64, 100, 128, 1000, 4096};
    private static final int GUARD = 3;

    /** Bins 0..n/2 of the DFT of real x, interleaved; angles reduced exactly (j·k mod n). */
    static double[] directRdft(double[] x) {
        int n = x.length;
        double[] out = new double[2 * (n / 2 + 1)];
        for (int k = 0; k <= n / 2; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                sr += x[j] * Math.cos(a);
                si += x[j] * Math.sin(a);
            }
            out[2 * k] = sr;
            out[2 * k + 1] = si;
        }
        return out;
    }

    /**
     * Error bound per bin: an FFT of P points (Bluestein: three of them plus chirp products) perturbs the
     * spectrum by about c·ε·log2 P in 2-norm, ‖X‖₂ = √n‖x‖₂; the oracle's own n-term sums add n·ε·‖x‖₁.
     */
    static double bound(int n, double eps, double[] x) {
        double n2 = 0;
        double n1 = 0;
        for (double v : x) {
            n2 += v * v;
            n1 += Math.abs(v);
        }
        int p = 1;
        while (p < 2 * n) {
            p *= 2;
        }
        double levels = Math.log(p) / Math.log(2) + 1;
        return 6 * levels * eps * Math.sqrt(n) * Math.sqrt(n2) + n * Math.ulp(1.0) * n1 + Double.MIN_NORMAL;
    }

    static double[] signal(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);   // float-valued: fp32 and fp64 see the same input
        }
        return x;
    }

    @Test
    void fp64MatchesDirectDftAndRoundTrips() {
        for (int n : LENGTHS) {
            FftPlan plan = FftPlan.of(n);
            FftScratch sc = plan.newScratch();
            double[] x = signal(n, n);
            double[] want = directRdft(x);
            double[] xin = new double[n + 2];
            System.arraycopy(x, 0, xin, 2, n);
            double[] out = new double[plan.spectrumLength() + 1 + GUARD];
            Arrays.fill(out, Double.NaN);
            plan.realForward(xin, 2, out, 1, sc);
            double tol = bound(n, Math.ulp(1.0), x);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(out[1 + i] - want[i]) <= tol,
                        "n=" + n + " value " + i + ": " + out[1 + i] + " vs " + want[i] + " tol " + tol);
            }
            assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[out.length - 1]), "n=" + n + " guard overwritten");
            double[] back = new double[n + GUARD];
            Arrays.fill(back, Double.NaN);
            plan.realInverse(out, 1, back, 0, sc);
            double tolRt = 2 * tol / Math.sqrt(n) + 1e-300;
            for (int j = 0; j < n; j++) {
                assertTrue(Math.abs(back[j] - x[j]) <= tolRt, "n=" + n + " round trip " + j + ": " + back[j]
                        + " vs " + x[j]);
            }
            assertTrue(Double.isNaN(back[n]), "n=" + n + " guard after x overwritten");
        }
    }

    @Test
    void fp32MatchesDirectDftAndRoundTrips() {
        for (int n : LENGTHS) {
            FftPlan plan = FftPlan.of(n);
            FftScratch sc = plan.newScratch();
            double[] x = signal(n, 100 + n);
            double[] want = directRdft(x);
            float[] xf = new float[n];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) x[i];
            }
            float[] out = new float[plan.spectrumLength() + GUARD];
            Arrays.fill(out, Float.NaN);
            plan.realForward(xf, 0, out, 0, sc);
            double tol = bound(n, Math.ulp(1f), x);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(out[i] - want[i]) <= tol, "n=" + n + " value " + i + ": " + out[i] + " vs "
                        + want[i] + " tol " + tol);
            }
            assertTrue(Float.isNaN(out[want.length]), "n=" + n + " guard overwritten");
            float[] back = new float[n];
            plan.realInverse(out, 0, back, 0, sc);
            double tolRt = 2 * tol / Math.sqrt(n);
            for (int j = 0; j < n; j++) {
                assertTrue(Math.abs(back[j] - x[j]) <= tolRt, "n=" + n + " round trip " + j);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedByName() {
        FftPlan plan = FftPlan.of(16);
        FftScratch sc = plan.newScratch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan.realForward(new float[15], 0, new float[18], 0, sc));
        assertTrue(e.getMessage().startsWith("x:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> plan.realForward(new double[16], 0, new double[17], 0, sc));
        assertTrue(e.getMessage().startsWith("out:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> plan.realForward(new float[16], 0, new float[18], 0, FftPlan.of(8).newScratch()));
        assertTrue(e.getMessage().startsWith("scratch:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FftPlan.of(0));
        assertEquals(18, plan.spectrumLength());
    }
}
