package ssm4j.blocks;

import java.util.Arrays;

import ssm4j.api.Check;

/**
 * A row-major array with a shape: a view of a caller's {@code float[]} or {@code double[]} from an offset, never a
 * copy. Complex tensors follow SPEC 0.3: a complex array of shape {@code S} is a real tensor of shape {@code S×2}
 * (as {@code torch.view_as_real}). Exactly one of {@link #floats()} and {@link #doubles()} is non-null.
 *
 * <p>Immutable as a view (shape, array, offset); the elements belong to the caller and may change. Thread safety
 * is the caller's: a tensor shared between threads is safe as long as nobody writes its elements.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] f;
    private final double[] d;
    private final int offset;
    private final long size;

    private Tensor(int[] shape, float[] f, double[] d, int offset) {
        Check.notNull("shape", shape);
        this.shape = shape.clone();
        long n = 1;
        for (int s : this.shape) {
            Check.nonNegative("shape", s);
            n *= s;
        }
        this.size = n;
        this.f = f;
        this.d = d;
        this.offset = offset;
        if (f != null) {
            Check.range("data", f, offset, n);
        } else {
            Check.range("data", d, offset, n);
        }
    }

    /**
     * Wraps {@code data[offset .. offset + prod(shape))} as a float32 tensor (no copy).
     *
     * @throws IllegalArgumentException if the array is null or too short, or a dimension is negative
     */
    public static Tensor of(float[] data, int offset, int... shape) {
        return new Tensor(shape, Check.notNull("data", data), null, offset);
    }

    /** Wraps {@code data[offset .. offset + prod(shape))} as a float64 tensor (no copy). */
    public static Tensor of(double[] data, int offset, int... shape) {
        return new Tensor(shape, null, Check.notNull("data", data), offset);
    }

    /** Wraps {@code data} from offset 0 (no copy). */
    public static Tensor wrap(float[] data, int... shape) {
        return of(data, 0, shape);
    }

    /** Wraps {@code data} from offset 0 (no copy). */
    public static Tensor wrap(double[] data, int... shape) {
        return of(data, 0, shape);
    }

    /** A new zero float32 tensor. */
    public static Tensor zerosF32(int... shape) {
        return of(new float[Math.toIntExact(product(shape))], 0, shape);
    }

    /** A new zero float64 tensor. */
    public static Tensor zerosF64(int... shape) {
        return of(new double[Math.toIntExact(product(shape))], 0, shape);
    }

    /** A new zero tensor of this tensor's precision. */
    public static Tensor zeros(boolean fp64, int... shape) {
        return fp64 ? zerosF64(shape) : zerosF32(shape);
    }

    private static long product(int[] shape) {
        long n = 1;
        for (int s : shape) {
            Check.nonNegative("shape", s);
            n *= s;
        }
        return n;
    }

    /** Whether the elements are doubles. */
    public boolean isDouble() {
        return d != null;
    }

    /** The wrapped float array (not a copy), or null for a float64 tensor. */
    public float[] floats() {
        return f;
    }

    /** The wrapped double array (not a copy), or null for a float32 tensor. */
    public double[] doubles() {
        return d;
    }

    /** Index of element 0 in the wrapped array. */
    public int offset() {
        return offset;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Extent of axis {@code i}; a negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** Number of elements (product of the shape). */
    public long size() {
        return size;
    }

    /** Element {@code i} of the flat row-major order, widened to double. */
    public double get(long i) {
        int k = Math.toIntExact(offset + i);
        return f != null ? f[k] : d[k];
    }

    /**
     * The elements as a float array starting at index 0: the wrapped array itself when the offset is 0 (it may
     * be longer than {@link #size()}), else a copy; a float64 tensor is rounded into a new array.
     */
    public float[] floatsFromZero() {
        if (f != null && offset == 0) {
            return f;
        }
        return toFloats();
    }

    /** Like {@link #floatsFromZero()} for doubles (a float32 tensor is widened into a new array). */
    public double[] doublesFromZero() {
        if (d != null && offset == 0) {
            return d;
        }
        return toDoubles();
    }

    /** A new float array of exactly {@link #size()} elements. */
    public float[] toFloats() {
        int n = Math.toIntExact(size);
        float[] out = new float[n];
        if (f != null) {
            System.arraycopy(f, offset, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) d[offset + i];
            }
        }
        return out;
    }

    /** A new double array of exactly {@link #size()} elements. */
    public double[] toDoubles() {
        int n = Math.toIntExact(size);
        double[] out = new double[n];
        if (d != null) {
            System.arraycopy(d, offset, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = f[offset + i];
            }
        }
        return out;
    }

    /** This tensor in float32 (itself when it already is). */
    public Tensor asF32() {
        return f != null ? this : of(toFloats(), 0, shape);
    }

    /** This tensor in float64 (itself when it already is). */
    public Tensor asF64() {
        return d != null ? this : of(toDoubles(), 0, shape);
    }

    /** The same elements under another shape of equal size (no copy). */
    public Tensor reshape(int... newShape) {
        if (product(newShape) != size) {
            throw new IllegalArgumentException("shape: " + Arrays.toString(newShape) + " has " + product(newShape)
                    + " elements, tensor has " + size);
        }
        return f != null ? of(f, offset, newShape) : of(d, offset, newShape);
    }

    /**
     * Checks the shape.
     *
     * @param name argument name for the message
     * @throws IllegalArgumentException naming {@code name} unless the shape is exactly {@code expected}
     */
    public Tensor requireShape(String name, int... expected) {
        if (!Arrays.equals(shape, expected)) {
            throw new IllegalArgumentException(name + ": must have shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(shape));
        }
        return this;
    }

    /** Checks the rank. @throws IllegalArgumentException naming {@code name} otherwise */
    public Tensor requireRank(String name, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(name + ": must have " + rank + " axes, got shape "
                    + Arrays.toString(shape));
        }
        return this;
    }

    @Override
    public String toString() {
        return "Tensor[" + (d != null ? "f64" : "f32") + " " + Arrays.toString(shape)
                + (offset != 0 ? " @" + offset : "") + "]";
    }
}
