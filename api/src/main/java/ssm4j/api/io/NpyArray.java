package ssm4j.api.io;

import java.util.Arrays;

import ssm4j.api.Check;

/**
 * An n-dimensional array as stored in a NumPy {@code .npy} file: dtype, C-order shape and the values, widened to
 * {@code double} (exact for float32). Complex values are interleaved {@code (re, im)}, so {@link #data()} has
 * {@code 2·size()} entries for a complex dtype. Immutable view over its data array (not copied: callers own it).
 */
public final class NpyArray {
    /** The four dtypes ssm4j reads and writes (little-endian). */
    public enum Dtype {
        /** {@code <f4} float32. */
        F4("<f4", 4, false),
        /** {@code <f8} float64. */
        F8("<f8", 8, false),
        /** {@code <c8} complex64: two float32. */
        C8("<c8", 4, true),
        /** {@code <c16} complex128: two float64. */
        C16("<c16", 8, true),
        /** {@code <i8} int64 (token ids), held as doubles: exact up to 2^53. */
        I8("<i8", 8, false);

        /** The descr string in a .npy header. */
        public final String descr;
        /** Bytes of one real component. */
        public final int componentBytes;
        /** Whether values are complex (two components). */
        public final boolean complex;

        Dtype(String descr, int componentBytes, boolean complex) {
            this.descr = descr;
            this.componentBytes = componentBytes;
            this.complex = complex;
        }

        /** Single precision (float32 or complex64). */
        public boolean isSingle() {
            return componentBytes == 4;
        }

        /** The dtype for a descr such as {@code "<f4"}, or null. */
        public static Dtype ofDescr(String descr) {
            for (Dtype d : values()) {
                if (d.descr.equals(descr)) {
                    return d;
                }
            }
            return null;
        }
    }

    private final Dtype dtype;
    private final int[] shape;
    private final double[] data;

    /**
     * @param dtype stored type
     * @param shape C-order shape (empty for a scalar)
     * @param data  values, interleaved for complex; length must be the shape's product (×2 when complex)
     */
    public NpyArray(Dtype dtype, int[] shape, double[] data) {
        this.dtype = Check.notNull("dtype", dtype);
        this.shape = Check.notNull("shape", shape).clone();
        this.data = Check.notNull("data", data);
        long size = 1;
        for (int s : shape) {
            Check.nonNegative("shape", s);
            size *= s;
        }
        Check.equal("data.length", size * (dtype.complex ? 2 : 1), data.length);
        if (dtype == Dtype.I8) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] != Math.rint(data[i]) || Math.abs(data[i]) > 0x1p53) {
                    throw new IllegalArgumentException("data: int64 element " + i + " is " + data[i]
                            + " (must be an integer of magnitude at most 2^53)");
                }
            }
        }
    }

    /** A float32 array (or complex64 when {@code complex}) from float values. */
    public static NpyArray ofFloats(int[] shape, float[] values, boolean complex) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new NpyArray(complex ? Dtype.C8 : Dtype.F4, shape, d);
    }

    /** A float64 array (or complex128 when {@code complex}). */
    public static NpyArray ofDoubles(int[] shape, double[] values, boolean complex) {
        return new NpyArray(complex ? Dtype.C16 : Dtype.F8, shape, values);
    }

    /** The stored dtype. */
    public Dtype dtype() {
        return dtype;
    }

    /** Whether values are complex (interleaved in {@link #data()}). */
    public boolean isComplex() {
        return dtype.complex;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Extent of axis {@code i} (negative counts from the end). */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements (a complex number counts once). */
    public long size() {
        long s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }

    /** The values as doubles (interleaved for complex); the array itself, not a copy. */
    public double[] data() {
        return data;
    }

    /** The values rounded to float (interleaved for complex), a new array. */
    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr + " " + Arrays.toString(shape) + "]";
    }
}
