package ssm4j.kernels.lssl;

import ssm4j.api.Check;

/**
 * The fp32 interface of the LSSL routines: their float overloads widen the inputs, run the one double
 * implementation and round each output once. LSSL is setup-time code (discretisation, Krylov kernels, the dense
 * recurrence oracle), so a copy per call costs nothing that matters, and one algorithm per routine is kept instead
 * of a float copy of every loop, LU and product.
 */
final class Widening {
    private Widening() {
    }

    /**
     * {@code a[off .. off+count)} widened into a new array, its range checked first (named {@code name}); its
     * values are checked by the fp64 routine, under the same name, on the exact copy.
     */
    static double[] widen(String name, float[] a, int off, long count) {
        Check.range(name, a, off, count);
        double[] d = new double[Math.toIntExact(count)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[off + i];
        }
        return d;
    }

    /** As {@link #widen} for an optional argument: null stays null. */
    static double[] widenOptional(String name, float[] a, int off, long count) {
        return a == null ? null : widen(name, a, off, count);
    }

    /** Every element of {@code src} rounded once into {@code dst} from {@code off}. */
    static void narrow(double[] src, float[] dst, int off) {
        for (int i = 0; i < src.length; i++) {
            dst[off + i] = (float) src[i];
        }
    }
}
