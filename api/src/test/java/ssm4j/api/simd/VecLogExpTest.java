package ssm4j.api.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * VecLogExp against {@link Math} in double (whose own error, ≤ 1 ulp of a double, is far below a float ulp): every
 * bit pattern of the range at a stride, all lanes used, subnormals, specials.
 */
class VecLogExpTest {
    private static final int LANES = VecMath.F.length();

    /** Worst error in float ulps of the reference over the inputs {@code xs}. */
    private static double worstUlp(float[] xs, UnaryOperator<FloatVector> f, DoubleUnaryOperator ref) {
        float[] in = new float[LANES];
        float[] out = new float[LANES];
        double worst = 0;
        for (int i = 0; i < xs.length; i += LANES) {
            int n = Math.min(LANES, xs.length - i);
            java.util.Arrays.fill(in, xs[i]);
            System.arraycopy(xs, i, in, 0, n);
            f.apply(FloatVector.fromArray(VecMath.F, in, 0)).intoArray(out, 0);
            for (int k = 0; k < n; k++) {
                double r = ref.applyAsDouble(in[k]);
                double ulp = Math.max(Math.ulp((float) r), Float.MIN_VALUE);
                double e = Math.abs(out[k] - r) / ulp;
                if (!(e <= 1e9)) {
                    throw new AssertionError("x=" + in[k] + " got " + out[k] + " want " + r);
                }
                worst = Math.max(worst, e);
            }
        }
        return worst;
    }

    /** Every float bit pattern from {@code lo} to {@code hi} (both positive) at {@code stride}. */
    private static float[] patterns(float lo, float hi, int stride) {
        int a = Float.floatToRawIntBits(lo);
        int b = Float.floatToRawIntBits(hi);
        float[] xs = new float[(b - a) / stride + 1];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Float.intBitsToFloat(a + i * stride);
        }
        return xs;
    }

    private static float one(UnaryOperator<FloatVector> f, float x) {
        return f.apply(FloatVector.broadcast(VecMath.F, x)).lane(0);
    }

    @Test
    void logOverEveryPositiveFloatIncludingSubnormals() {
        double worst = worstUlp(patterns(Float.MIN_VALUE, Float.MAX_VALUE, 127), VecLogExp::log, Math::log);
        assertTrue(worst <= 3.0, "log worst ulp " + worst);
        // near 1, where the result is tiny and relative accuracy matters most
        double near1 = worstUlp(patterns(0.7f, 1.4f, 3), VecLogExp::log, Math::log);
        assertTrue(near1 <= 3.0, "log near 1 worst ulp " + near1);
    }

    @Test
    void logSpecials() {
        assertEquals(Float.NEGATIVE_INFINITY, one(VecLogExp::log, 0f));
        assertEquals(Float.NEGATIVE_INFINITY, one(VecLogExp::log, -0f));
        assertEquals(Float.POSITIVE_INFINITY, one(VecLogExp::log, Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(one(VecLogExp::log, -1f)));
        assertTrue(Float.isNaN(one(VecLogExp::log, Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(one(VecLogExp::log, Float.NaN)));
        assertEquals(0f, one(VecLogExp::log, 1f));
        assertEquals(-103.27893f, one(VecLogExp::log, Float.MIN_VALUE), 1e-4f);
    }

    @Test
    void log1pFromMinusOneToMax() {
        double small = worstUlp(patterns(Float.MIN_VALUE, 1f, 97), VecLogExp::log1p, Math::log1p);
        assertTrue(small <= 4.0, "log1p on (0, 1] worst ulp " + small);
        double large = worstUlp(patterns(1f, Float.MAX_VALUE, 97), VecLogExp::log1p, Math::log1p);
        assertTrue(large <= 4.0, "log1p on [1, max] worst ulp " + large);
        float[] neg = patterns(Float.MIN_VALUE, 0.99999994f, 97);
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -neg[i];
        }
        double negative = worstUlp(neg, VecLogExp::log1p, Math::log1p);
        assertTrue(negative <= 4.0, "log1p on (-1, 0) worst ulp " + negative);
    }

    @Test
    void log1pSpecials() {
        assertEquals(Float.NEGATIVE_INFINITY, one(VecLogExp::log1p, -1f));
        assertEquals(Float.POSITIVE_INFINITY, one(VecLogExp::log1p, Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(one(VecLogExp::log1p, -2f)));
        assertTrue(Float.isNaN(one(VecLogExp::log1p, Float.NaN)));
        assertEquals(1e-30f, one(VecLogExp::log1p, 1e-30f));
        assertEquals(Float.MIN_VALUE, one(VecLogExp::log1p, Float.MIN_VALUE));
    }

    @Test
    void log1pUnitOnZeroToOne() {
        double worst = worstUlp(patterns(Float.MIN_VALUE, 1f, 31), VecLogExp::log1pUnit, Math::log1p);
        assertTrue(worst <= 3.0, "log1pUnit worst ulp " + worst);
        assertEquals(0f, one(VecLogExp::log1pUnit, 0f));
    }

    @Test
    void logAddExpAgainstDoubleAndSpecials() {
        java.util.Random r = new java.util.Random(7);
        float[] x = new float[LANES];
        float[] y = new float[LANES];
        float[] out = new float[LANES];
        double worst = 0;
        for (int it = 0; it < 200_000 / LANES; it++) {
            for (int k = 0; k < LANES; k++) {
                x[k] = (float) ((r.nextDouble() - 0.5) * (it % 2 == 0 ? 400 : 8));
                y[k] = (float) ((r.nextDouble() - 0.5) * (it % 2 == 0 ? 400 : 8));
            }
            VecLogExp.logAddExp(FloatVector.fromArray(VecMath.F, x, 0), FloatVector.fromArray(VecMath.F, y, 0))
                    .intoArray(out, 0);
            for (int k = 0; k < LANES; k++) {
                double m = Math.max(x[k], y[k]);
                double ref = m + Math.log1p(Math.exp(-Math.abs((double) x[k] - y[k])));
                // near a zero result (x ≈ −y ± ln2) the sum m + log1p(·) cancels: measure in ulps of its terms
                double scale = Math.max(Math.max(Math.abs(ref), Math.abs(m)), 0.5);
                worst = Math.max(worst, Math.abs(out[k] - ref) / Math.ulp((float) scale));
            }
        }
        assertTrue(worst <= 3.0, "logAddExp worst ulp " + worst);
        float ninf = Float.NEGATIVE_INFINITY;
        assertEquals(ninf, lae(ninf, ninf));
        assertEquals(3f, lae(ninf, 3f));
        assertEquals(-200f, lae(-200f, ninf));
        assertEquals(Float.POSITIVE_INFINITY, lae(Float.POSITIVE_INFINITY, 1f));
        assertEquals(Float.POSITIVE_INFINITY, lae(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(lae(Float.NaN, 1f)));
        assertTrue(Float.isNaN(lae(1f, Float.NaN)));
        assertEquals((float) (2 + Math.log(2)), lae(2f, 2f));
        assertEquals(100f, lae(100f, -100f));
    }

    private static float lae(float x, float y) {
        return VecLogExp.logAddExp(FloatVector.broadcast(VecMath.F, x), FloatVector.broadcast(VecMath.F, y)).lane(0);
    }
}
