package ssm4j.blocks.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a mapped safetensors file: name, dtype, shape and its bytes as a read-only
 * {@link MemorySegment} slice of the mapping (no copy). Valid while the arena that mapped the file is open.
 *
 * @param name  the tensor's name in the header
 * @param dtype element type
 * @param shape dimensions (row-major)
 * @param data  the raw little-endian bytes, exactly {@code count() × dtype.bytes()} long
 */
public record TensorView(String name, SafeDtype dtype, int[] shape, MemorySegment data) {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public TensorView {
        shape = shape.clone();
    }

    /** The dimensions (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long count() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Element {@code i} widened to float (F32, F16, BF16; F64 rounded). */
    public float getFloat(long i) {
        return switch (dtype) {
            case F32 -> data.getAtIndex(F32, i);
            case F64 -> (float) data.getAtIndex(F64, i);
            case BF16 -> SafeDtype.bf16ToFloat(data.getAtIndex(I16, i));
            case F16 -> Float.float16ToFloat(data.getAtIndex(I16, i));
            default -> throw new IllegalStateException(name + ": dtype " + dtype + " is not a float type");
        };
    }

    /**
     * All elements widened to a new float array (F64 rounded to float).
     *
     * @throws IllegalStateException if the dtype is not a float type or the tensor exceeds a Java array
     */
    public float[] toFloats() {
        long n = count();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(name + ": " + n + " elements do not fit a Java array");
        }
        float[] out = new float[(int) n];
        if (dtype == SafeDtype.F32) {
            MemorySegment.copy(data, F32, 0, out, 0, out.length);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    /** All elements as a new double array (F64 as stored, float types widened exactly). */
    public double[] toDoubles() {
        long n = count();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(name + ": " + n + " elements do not fit a Java array");
        }
        double[] out = new double[(int) n];
        if (dtype == SafeDtype.F64) {
            MemorySegment.copy(data, F64, 0, out, 0, out.length);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorView t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
