package ssm4j.blocks.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;

/** The vector row tier against the scalar one on awkward lengths, widths and offsets, with guard cells. */
class RowOpsTest {
    private static final int[] LENGTHS = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000};
    private static final int OFF = 3;

    private static RowOps vector() {
        RowOps r = RowOps.Holder.BEST;
        assumeTrue(r != ScalarRowOps.INSTANCE, "vector row tier unavailable (no jdk.incubator.vector)");
        return r;
    }

    @Test
    void scalarBackendGetsTheScalarTier() {
        assertSame(ScalarRowOps.INSTANCE, RowOps.of(Backends.byName("scalar", 1)));
    }

    @Test
    void convSiluMatchesScalar() {
        RowOps v = vector();
        SplittableRandom r = new SplittableRandom(5);
        for (int width = 1; width <= 5; width++) {
            for (int len : LENGTHS) {
                float[] x = new float[len + 2 * OFF];
                double[] xd = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (4 * r.nextDouble() - 2);
                    xd[i] = x[i];
                }
                float[] w = new float[width + 1];
                double[] wd = new double[width + 1];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (r.nextDouble() - 0.5);
                    wd[i] = w[i];
                }
                float bias = 0.3f;
                float[] ref = guarded(len);
                float[] got = guarded(len);
                ScalarRowOps.INSTANCE.convSilu(x, ref, OFF, len, w, 1, width, bias);
                v.convSilu(x, got, OFF, len, w, 1, width, bias);
                double[] refD = guardedD(len);
                double[] gotD = guardedD(len);
                ScalarRowOps.INSTANCE.convSilu(xd, refD, OFF, len, wd, 1, width, bias);
                v.convSilu(xd, gotD, OFF, len, wd, 1, width, bias);
                for (int t = 0; t < len; t++) {
                    // the conv sum of W+1 terms rounds each partial sum (≤ (W+1)·ε·S, S = |bias| + Σ|w·x|), silu'
                    // is ≤ 1.1, and exp and the division add ≤ 8 ulp of the result
                    double s = Math.abs(bias);
                    for (int k = Math.max(0, width - 1 - t); k < width; k++) {
                        s += Math.abs(w[1 + k] * x[OFF + t - width + 1 + k]);
                    }
                    double tol32 = 1.1 * (width + 1) * 2 * 0x1p-24 * s + 8 * 0x1p-24 * Math.abs(ref[OFF + t]);
                    double tol64 = 1.1 * (width + 1) * 2 * 0x1p-53 * s + 8 * 0x1p-53 * Math.abs(refD[OFF + t]);
                    String at = "W=" + width + " L=" + len + " t=" + t;
                    assertTrue(Math.abs(got[OFF + t] - ref[OFF + t]) <= tol32, at + " fp32");
                    assertTrue(Math.abs(gotD[OFF + t] - refD[OFF + t]) <= tol64, at + " fp64");
                }
                checkGuards(got, len);
                checkGuardsD(gotD, len);
            }
        }
    }

    @Test
    void gluMatchesScalar() {
        RowOps v = vector();
        SplittableRandom r = new SplittableRandom(6);
        for (int len : LENGTHS) {
            float[] z = new float[2 * len + 2 * OFF];
            double[] zd = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (40 * r.nextDouble() - 20); // gates deep into both saturated ends
                zd[i] = z[i];
            }
            float[] ref = guarded(len);
            float[] got = guarded(len);
            ScalarRowOps.INSTANCE.glu(z, OFF, OFF + len, 0.25f, -0.5f, ref, OFF, len);
            v.glu(z, OFF, OFF + len, 0.25f, -0.5f, got, OFF, len);
            double[] refD = guardedD(len);
            double[] gotD = guardedD(len);
            ScalarRowOps.INSTANCE.glu(zd, OFF, OFF + len, 0.25, -0.5, refD, OFF, len);
            v.glu(zd, OFF, OFF + len, 0.25, -0.5, gotD, OFF, len);
            for (int t = 0; t < len; t++) {
                // same additions in both tiers; exp (≤ 4 ulp) and the division differ: ≤ 8 ulp of the result
                assertTrue(Math.abs(got[OFF + t] - ref[OFF + t]) <= 8 * Math.ulp(Math.abs(ref[OFF + t])) + 1e-44,
                        "L=" + len + " t=" + t + " " + got[OFF + t] + " vs " + ref[OFF + t]);
                assertTrue(Math.abs(gotD[OFF + t] - refD[OFF + t]) <= 8 * Math.ulp(Math.abs(refD[OFF + t])) + 1e-300,
                        "L=" + len + " t=" + t);
            }
            checkGuards(got, len);
            checkGuardsD(gotD, len);
        }
    }

    private static float[] guarded(int len) {
        float[] a = new float[len + 2 * OFF];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    private static double[] guardedD(int len) {
        double[] a = new double[len + 2 * OFF];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static void checkGuards(float[] a, int len) {
        for (int i = 0; i < OFF; i++) {
            assertEquals(Float.NaN, a[i]);
            assertEquals(Float.NaN, a[OFF + len + i]);
        }
    }

    private static void checkGuardsD(double[] a, int len) {
        for (int i = 0; i < OFF; i++) {
            assertEquals(Double.NaN, a[i]);
            assertEquals(Double.NaN, a[OFF + len + i]);
        }
    }
}
