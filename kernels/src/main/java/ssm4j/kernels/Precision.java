package ssm4j.kernels;

import ssm4j.api.Check;

/**
 * The conversions between fp32 arguments and the fp64 code that serves them: widening is exact, narrowing rounds
 * each value once. The setup-time and reference code (S4/S4D construction, LSSL) takes fp32 arrays this way instead
 * of keeping fp32 copies of its loops.
 */
public final class Precision {
    private Precision() {
    }

    /** A widened copy of the whole of {@code a}; null is reported under {@code name}. */
    public static double[] widen(String name, float[] a) {
        Check.notNull(name, a);
        return widen(name, a, 0, a.length);
    }

    /** {@code a[off .. off+count)} widened into a new array, its range checked first (reported under {@code name}). */
    public static double[] widen(String name, float[] a, int off, long count) {
        Check.range(name, a, off, count);
        double[] d = new double[Math.toIntExact(count)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[off + i];
        }
        return d;
    }

    /** As {@link #widen(String, float[], int, long)} for an optional argument: null stays null. */
    public static double[] widenOptional(String name, float[] a, int off, long count) {
        return a == null ? null : widen(name, a, off, count);
    }

    /** Each value of {@code d} rounded to float, in a new array. */
    public static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        narrow(d, f, 0);
        return f;
    }

    /** Every element of {@code src} rounded once into {@code dst} from {@code off}. */
    public static void narrow(double[] src, float[] dst, int off) {
        for (int i = 0; i < src.length; i++) {
            dst[off + i] = (float) src[i];
        }
    }
}
