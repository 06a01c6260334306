package ssm4j.kernels.ref;

import ssm4j.api.Check;

/**
 * A {@code float[]} or {@code double[]} read and written as double, so that one double-precision loop of the
 * scalar oracle serves both storage precisions (SPEC: the scalar tier computes internally in double).
 *
 * <p>Reading widens exactly and writing an fp32 array rounds once, so a loop over views gives, bit for bit, what a
 * hand-written fp32 copy of it that widens on read and casts on store gave. A view wraps the caller's array, no
 * copy, so the oracle allocates a few small objects per call whatever the shape. One final class holding either
 * array (not two implementations of an interface) keeps every call site monomorphic for C2; the branch on the
 * precision is the same for a whole call and predicts perfectly. The argument checks dispatch to {@link Check}'s
 * overload for the array's type, so one check block serves both precisions with the same messages.
 */
public final class Doubles {
    private final float[] f32;
    private final double[] f64;

    private Doubles(float[] f32, double[] f64) {
        this.f32 = f32;
        this.f64 = f64;
    }

    /** A view of an fp32 array. */
    public static Doubles of(float[] a) {
        return new Doubles(a, null);
    }

    /** A view of an fp64 array. */
    public static Doubles of(double[] a) {
        return new Doubles(null, a);
    }

    /** Element {@code i} as double. */
    public double get(int i) {
        return f32 != null ? f32[i] : f64[i];
    }

    /** Stores {@code x} at {@code i}, rounded to the array's precision. */
    public void set(int i, double x) {
        if (f32 != null) {
            f32[i] = (float) x;
        } else {
            f64[i] = x;
        }
    }

    /** {@link Check#range(String, double[], int, long)} on the viewed array (null is reported under name). */
    public void range(String name, int off, long count) {
        if (f32 != null) {
            Check.range(name, f32, off, count);
        } else {
            Check.range(name, f64, off, count);
        }
    }

    /** {@link Check#allFinite(String, double[], int, long)} on the viewed array. */
    public void allFinite(String name, int off, long count) {
        if (f32 != null) {
            Check.allFinite(name, f32, off, count);
        } else {
            Check.allFinite(name, f64, off, count);
        }
    }
}
