package ssm4j.lm.proj;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import ssm4j.api.Check;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.TensorView;

/**
 * A row-major (rows × cols) weight matrix in its stored element type: F32 or BF16 bytes in a
 * {@link MemorySegment} (usually a slice of a mapped checkpoint, so nothing is copied), little-endian. F16 and F64
 * are widened to an F32 heap copy when the matrix is made (no Vector API conversion for them; published Mamba
 * checkpoints are F32 or BF16). Kernels read the compact bytes and widen in registers. Immutable, thread-safe
 * while the segment's arena is open.
 */
public final class WeightMatrix {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int rows;
    private final int cols;
    private final SafeDtype dtype;
    private final MemorySegment data;
    private final float[] heap;

    private WeightMatrix(int rows, int cols, SafeDtype dtype, MemorySegment data, float[] heap) {
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
        this.data = data;
        this.heap = heap;
    }

    /** A float32 heap matrix (not copied). @throws IllegalArgumentException if the array is too short */
    public static WeightMatrix of(float[] data, int rows, int cols) {
        Check.notNull("data", data);
        Check.positive("rows", rows);
        Check.positive("cols", cols);
        if ((long) rows * cols > data.length) {
            throw new IllegalArgumentException("data: needs " + (long) rows * cols + " floats, has " + data.length);
        }
        return new WeightMatrix(rows, cols, SafeDtype.F32, MemorySegment.ofArray(data), data);
    }

    /**
     * A matrix over a checkpoint tensor of shape (rows, cols), or any shape whose leading axes multiply to rows
     * when {@code cols} is its last axis: F32 and BF16 stay in the mapping, F16 and F64 are widened to a heap copy.
     *
     * @throws IllegalArgumentException if the element count or dtype does not fit
     */
    public static WeightMatrix of(TensorView t, int rows, int cols) {
        if (t.count() != (long) rows * cols) {
            throw new IllegalArgumentException(t.name() + ": " + t.count() + " elements, expected " + rows + "×"
                    + cols);
        }
        java.util.Optional<Object> base = t.data().heapBase();
        if (t.dtype() == SafeDtype.F32 && base.isPresent() && base.get() instanceof float[] arr
                && t.data().address() == 0 && arr.length == (long) rows * cols) {
            return of(arr, rows, cols); // a heap tensor (e.g. from .npy): netlib's GEMM can use it in place
        }
        return switch (t.dtype()) {
            case F32, BF16 -> new WeightMatrix(rows, cols, t.dtype(), t.data(), null);
            case F16, F64 -> of(t.toFloats(), rows, cols);
            default -> throw new IllegalArgumentException(t.name() + ": dtype " + t.dtype() + " is not a float type");
        };
    }

    /** Number of rows (outputs of a projection). */
    public int rows() {
        return rows;
    }

    /** Number of columns (inputs of a projection). */
    public int cols() {
        return cols;
    }

    /** F32 or BF16. */
    public SafeDtype dtype() {
        return dtype;
    }

    /** The stored bytes, little-endian, row-major. */
    public MemorySegment segment() {
        return data;
    }

    /** The float32 heap array behind an F32 matrix made from an array, or null. */
    public float[] heapArray() {
        return heap;
    }

    /** Bytes of weights a pass over the whole matrix reads. */
    public long bytes() {
        return (long) rows * cols * dtype.bytes();
    }

    /** Element (r, c) widened to float. */
    public float get(int r, int c) {
        long i = (long) r * cols + c;
        return dtype == SafeDtype.F32 ? data.getAtIndex(F32, i) : SafeDtype.bf16ToFloat(data.getAtIndex(I16, i));
    }

    /** Rows [r0, r0+n) widened into {@code dst} from {@code off}, row-major. */
    public void widenRows(int r0, int n, float[] dst, int off) {
        long first = (long) r0 * cols;
        int count = n * cols;
        if (dtype == SafeDtype.F32) {
            MemorySegment.copy(data, F32, first * 4, dst, off, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[off + i] = SafeDtype.bf16ToFloat(data.getAtIndex(I16, first + i));
        }
    }
}
