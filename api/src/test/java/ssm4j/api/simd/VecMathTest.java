package ssm4j.api.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * VecMath against {@link Math} (fp64 reference; for fp64 functions the reference error of Math.exp, ≤ 1 ulp, is
 * part of the budget) over the whole finite input range, plus the special values.
 */
class VecMathTest {
    private static float exp1(float x) {
        float[] a = new float[VecMath.F.length()];
        java.util.Arrays.fill(a, x);
        return VecMath.exp(FloatVector.fromArray(VecMath.F, a, 0)).lane(0);
    }

    private static double exp1(double x) {
        double[] a = new double[VecMath.D.length()];
        java.util.Arrays.fill(a, x);
        return VecMath.exp(DoubleVector.fromArray(VecMath.D, a, 0)).lane(0);
    }

    /** One lane's result: {@code y = f(x)}. */
    @FunctionalInterface
    private interface LaneCheck {
        void check(float x, float y);
    }

    /**
     * Every 61st float bit pattern of magnitude in [0, maxAbs] (~2.5·10^6 values per 100 of range), with the sign
     * given, through {@code f} a full vector at a time (all lanes used; the last partial batch is padded with its
     * last value), each lane handed to {@code check}.
     */
    private static void sweep(float maxAbs, boolean negative, UnaryOperator<FloatVector> f, LaneCheck check) {
        int lanes = VecMath.F.length();
        float[] xs = new float[lanes];
        float[] ys = new float[lanes];
        int filled = 0;
        for (int bits = Float.floatToRawIntBits(0f); ; bits += 61) {
            float m = Float.intBitsToFloat(bits);
            boolean done = m > maxAbs;
            if (!done) {
                xs[filled++] = negative ? -m : m;
            } else if (filled > 0) {
                java.util.Arrays.fill(xs, filled, lanes, xs[filled - 1]);
                filled = lanes;
            }
            if (filled == lanes) {
                f.apply(FloatVector.fromArray(VecMath.F, xs, 0)).intoArray(ys, 0);
                for (int i = 0; i < lanes; i++) {
                    check.check(xs[i], ys[i]);
                }
                filled = 0;
            }
            if (done) {
                return;
            }
        }
    }

    /** Every float in [-104, 89] at a stride of 61 bit patterns (~5·10^6 values), all lanes used. */
    @Test
    void expFloatWholeRange() {
        double[] worstUlp = {0};
        double[] worstSub = {0};
        LaneCheck check = (xf, y) -> {
            double x = xf;
            double ref = Math.exp(x);
            if (x > 88.4) {
                assertEquals(Float.POSITIVE_INFINITY, y, "exp(" + x + ")");
            } else if (x > 88.3 && y == Float.POSITIVE_INFINITY) {
                return;   // 127.5·ln2 = 88.376 (±rounding of x·log2e): documented overflow
            } else if (x <= -88.03) {
                assertEquals(0f, y, "exp(" + x + ")");
            } else if (ref < 0x1p-126) {
                worstSub[0] = Math.max(worstSub[0], Math.abs(y - ref));
            } else {
                double ulp = Math.ulp((float) ref);
                worstUlp[0] = Math.max(worstUlp[0], Math.abs(y - ref) / ulp);
            }
        };
        sweep(89f, false, VecMath::exp, check);
        sweep(104f, true, VecMath::exp, check);
        assertTrue(worstUlp[0] <= 4, "fp32 exp worst error " + worstUlp[0] + " ulp");
        assertTrue(worstSub[0] <= 0x1p-126, "fp32 exp subnormal abs error " + worstSub[0]);
    }

    /** expNonPositive over every 61st float in [−104, −0], plus −0, −∞ and huge negatives. */
    @Test
    void expNonPositiveWholeRange() {
        int lanes = VecMath.F.length();
        double[] worstUlp = {0};
        sweep(104f, true, VecMath::expNonPositive, (x, y) -> {
            double ref = Math.exp(x);
            if (x <= -88.03f) {
                assertEquals(0f, y, "expNonPositive(" + x + ")");
            } else if (ref < 0x1p-126) {
                assertTrue(Math.abs(y - ref) <= 0x1p-126, "expNonPositive(" + x + ")");
            } else {
                worstUlp[0] = Math.max(worstUlp[0], Math.abs(y - ref) / Math.ulp((float) ref));
            }
        });
        assertTrue(worstUlp[0] <= 4, "fp32 expNonPositive worst error " + worstUlp[0] + " ulp");
        float[] ys = new float[lanes];
        float[] special = new float[lanes];
        java.util.Arrays.fill(special, Float.NEGATIVE_INFINITY);
        special[0] = -0f;
        special[1 % lanes] = -1e30f;
        VecMath.expNonPositive(FloatVector.fromArray(VecMath.F, special, 0)).intoArray(ys, 0);
        assertEquals(1f, ys[0]);
        for (int i = 1; i < lanes; i++) {
            assertEquals(0f, ys[i], "lane " + i);
        }
    }

    @Test
    void expFloatSpecialValues() {
        assertEquals(0f, exp1(Float.NEGATIVE_INFINITY));
        assertEquals(0f, exp1(-1e30f));
        assertEquals(0f, exp1(-1000f));
        assertEquals(Float.POSITIVE_INFINITY, exp1(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, exp1(1e30f));
        assertTrue(Float.isNaN(exp1(Float.NaN)));
        assertEquals(1f, exp1(0f));
        assertEquals(1f, exp1(-0f));
    }

    /** Doubles in [-720, 720] on a fine grid plus random points. */
    @Test
    void expDoubleWholeRange() {
        int lanes = VecMath.D.length();
        double[] xs = new double[lanes];
        double[] ys = new double[lanes];
        double worstUlp = 0;
        java.util.Random rnd = new java.util.Random(42);
        for (int it = 0; it < 400_000; it++) {
            for (int i = 0; i < lanes; i++) {
                xs[i] = it < 200_000 ? -720 + 1440.0 * (it * lanes + i) / (200_000.0 * lanes)
                        : (rnd.nextDouble() * 2 - 1) * (rnd.nextBoolean() ? 1 : 720);
            }
            VecMath.exp(DoubleVector.fromArray(VecMath.D, xs, 0)).intoArray(ys, 0);
            for (int i = 0; i < lanes; i++) {
                double x = xs[i];
                double ref = Math.exp(x);
                if (x > 709.44) {           // 1023.5·ln2 = 709.436: documented early overflow
                    assertEquals(Double.POSITIVE_INFINITY, ys[i], "exp(" + x + ")");
                } else if (x <= -708.8) {
                    assertEquals(0.0, ys[i], "exp(" + x + ")");
                } else if (x >= -708 && x <= 709.43) {
                    worstUlp = Math.max(worstUlp, Math.abs(ys[i] - ref) / Math.ulp(ref));
                } else if (ref < Double.MIN_NORMAL) {
                    assertTrue(Math.abs(ys[i] - ref) <= Double.MIN_NORMAL, "exp(" + x + ")");
                }
            }
        }
        assertTrue(worstUlp <= 4, "fp64 exp worst error " + worstUlp + " ulp");
        assertEquals(0.0, exp1(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, exp1(-1e300));
        assertEquals(Double.POSITIVE_INFINITY, exp1(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(exp1(Double.NaN)));
        assertEquals(1.0, exp1(0.0));
    }

    /** softplus and silu against log1p/exp in double, over [-120, 120] including the threshold 20. */
    @Test
    void softplusAndSilu() {
        int lanes = VecMath.F.length();
        float[] xs = new float[lanes];
        float[] sp = new float[lanes];
        float[] si = new float[lanes];
        double worstSp = 0;
        double worstSi = 0;
        for (int it = 0; it < 200_000; it++) {
            for (int i = 0; i < lanes; i++) {
                xs[i] = (float) (-120 + 240.0 * (it * lanes + i) / (200_000.0 * lanes));
            }
            if (it == 0) {
                xs[0] = 20f;
                xs[1 % lanes] = Math.nextUp(20f);
            }
            FloatVector v = FloatVector.fromArray(VecMath.F, xs, 0);
            VecMath.softplus(v).intoArray(sp, 0);
            VecMath.silu(v).intoArray(si, 0);
            for (int i = 0; i < lanes; i++) {
                double x = xs[i];
                double refSp = x > 20 ? x : Math.log1p(Math.exp(x));
                double refSi = x / (1 + Math.exp(-x));
                if (refSp >= 0x1p-126) {
                    worstSp = Math.max(worstSp, Math.abs(sp[i] - refSp) / Math.ulp((float) refSp));
                } else {
                    assertTrue(Math.abs(sp[i] - refSp) <= 0x1p-126, "softplus(" + x + ")");
                }
                // z < −88.38: e^{−z} overflows early (documented), silu gives −0 where |silu| < 4e-37
                if (x < -88.3) {
                    assertTrue(Math.abs(si[i] - refSi) <= 4e-37, "silu(" + x + ")");
                } else if (Math.abs(refSi) > 0x1p-126) {
                    worstSi = Math.max(worstSi, Math.abs(si[i] - refSi) / Math.ulp((float) refSi));
                } else {
                    assertTrue(Math.abs(si[i] - refSi) <= 0x1p-126, "silu(" + x + ")");
                }
            }
        }
        assertTrue(worstSp <= 4, "fp32 softplus worst error " + worstSp + " ulp");
        assertTrue(worstSi <= 6, "fp32 silu worst error " + worstSi + " ulp");
        // fp64 softplus
        int dl = VecMath.D.length();
        double[] xd = new double[dl];
        double[] yd = new double[dl];
        double worstD = 0;
        for (int it = 0; it < 100_000; it++) {
            for (int i = 0; i < dl; i++) {
                xd[i] = -700 + 1400.0 * (it * dl + i) / (100_000.0 * dl);
            }
            VecMath.softplus(DoubleVector.fromArray(VecMath.D, xd, 0)).intoArray(yd, 0);
            for (int i = 0; i < dl; i++) {
                double ref = xd[i] > 20 ? xd[i] : Math.log1p(Math.exp(xd[i]));
                if (ref > Double.MIN_NORMAL) {
                    worstD = Math.max(worstD, Math.abs(yd[i] - ref) / Math.ulp(ref));
                }
            }
        }
        assertTrue(worstD <= 6, "fp64 softplus worst error " + worstD + " ulp");
    }

    /**
     * The written-out array passes equal the vector functions they restate, bit for bit, on values across each
     * function's range (softplus: both branches of the 20 cut-off, −∞..large; the decays: δ ≥ 0 times A ≤ −0).
     */
    @Test
    void arrayPassesEqualTheVectorFunctionsBitForBit() {
        int vl = VecMath.F.length();
        int rows = 37;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        float[] x = new float[rows * vl];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble(-120, 60));
        }
        x[0] = -0f;
        x[1] = 20f;
        x[2] = Float.NEGATIVE_INFINITY;
        float[] sp = x.clone();
        VecMath.softplusRows(rows, sp);
        float[] a = new float[2 * vl];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) -rnd.nextDouble(0, 30);
        }
        a[0] = -0f;
        float[] dl = new float[rows * vl];
        for (int i = 0; i < dl.length; i++) {
            dl[i] = (float) rnd.nextDouble(0, 4);
        }
        float[] e0 = new float[rows * vl];
        float[] e1 = new float[rows * vl];
        VecMath.expNonPositiveRows2(rows, dl, a, 0, vl, e0, e1);
        for (int q = 0; q < rows; q++) {
            float[] want = new float[vl];
            VecMath.softplus(FloatVector.fromArray(VecMath.F, x, q * vl)).intoArray(want, 0);
            FloatVector d = FloatVector.fromArray(VecMath.F, dl, q * vl);
            float[] w0 = new float[vl];
            float[] w1 = new float[vl];
            VecMath.expNonPositive(d.mul(FloatVector.fromArray(VecMath.F, a, 0))).intoArray(w0, 0);
            VecMath.expNonPositive(d.mul(FloatVector.fromArray(VecMath.F, a, vl))).intoArray(w1, 0);
            for (int i = 0; i < vl; i++) {
                int k = q * vl + i;
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(sp[k]), "softplus(" + x[k] + ")");
                assertEquals(Float.floatToRawIntBits(w0[i]), Float.floatToRawIntBits(e0[k]), "decay 0 at " + k);
                assertEquals(Float.floatToRawIntBits(w1[i]), Float.floatToRawIntBits(e1[k]), "decay 1 at " + k);
            }
        }
    }
}
