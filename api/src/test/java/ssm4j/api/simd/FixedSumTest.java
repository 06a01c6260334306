package ssm4j.api.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link FixedSum} adds in the documented tree order, bit for bit: checked against the same tree written with
 * scalar adds, on values of mixed magnitude where the left-to-right order gives a different float.
 */
class FixedSumTest {
    private static float tree(float[] a, int lo, int len) {
        float[] s = java.util.Arrays.copyOfRange(a, lo, lo + len);
        for (int half = len / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                s[i] += s[i + half];
            }
        }
        return s[0];
    }

    private static double tree(double[] a, int len) {
        double[] s = a.clone();
        for (int half = len / 2; half >= 1; half /= 2) {
            for (int i = 0; i < half; i++) {
                s[i] += s[i + half];
            }
        }
        return s[0];
    }

    @Test
    void floatSumIsTheHalvingTree() {
        int vl = Species.F.length();
        SplittableRandom r = new SplittableRandom(7);
        boolean orderMattered = false;
        for (int trial = 0; trial < 2000; trial++) {
            float[] a = new float[vl];
            for (int i = 0; i < vl; i++) {
                a[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-4, 5)));
            }
            float got = FixedSum.sum(FloatVector.fromArray(Species.F, a, 0));
            assertEquals(Float.floatToRawIntBits(tree(a, 0, vl)), Float.floatToRawIntBits(got), "trial " + trial);
            float seq = 0f;
            for (float x : a) {
                seq += x;
            }
            orderMattered |= seq != got;
        }
        // the inputs are such that the order is visible, otherwise the test above could not fail
        assertEquals(true, orderMattered);
    }

    @Test
    void doubleSumIsTheHalvingTree() {
        int vl = Species.D.length();
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 2000; trial++) {
            double[] a = new double[vl];
            for (int i = 0; i < vl; i++) {
                a[i] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 9));
            }
            double got = FixedSum.sum(DoubleVector.fromArray(Species.D, a, 0));
            assertEquals(Double.doubleToRawLongBits(tree(a, vl)), Double.doubleToRawLongBits(got), "trial " + trial);
        }
    }
}
