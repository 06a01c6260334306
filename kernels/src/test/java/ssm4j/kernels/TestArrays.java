package ssm4j.kernels;

import java.util.Random;

/** Array helpers shared by the kernel tests of every package (one copy instead of one per test package). */
public final class TestArrays {
    private TestArrays() {
    }

    /** {@code count} standard normal values from {@code r}. */
    public static double[] gaussian(Random r, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    /** Each value rounded to float. */
    public static float[] toFloats(double[] d) {
        return Precision.toFloats(d);
    }

    /** The largest magnitude in {@code a} (0 for an empty array). */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
