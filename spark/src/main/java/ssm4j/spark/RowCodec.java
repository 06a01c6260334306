package ssm4j.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;

/**
 * Converts one Spark array cell ({@code array<float>}, {@code array<double>}, or the nested
 * {@code array<array<…>>} form) between Spark's internal row format and a flat primitive array, and says
 * precisely why a cell is unusable. Working on {@link InternalRow}s (not external {@code Row}s) avoids boxing
 * every value: an {@code array<float>} cell is copied out with one bulk copy and written back as an
 * {@link UnsafeArrayData} from a {@code float[]}. Stateless apart from the shape of the last decoded cell; one
 * instance per task.
 */
final class RowCodec {
    /** Thrown for an unusable cell; the message says what is wrong, without the row's position. */
    static final class BadCell extends Exception {
        private static final long serialVersionUID = 1L;

        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean fp64;
    private final boolean nested;
    /** Outer and inner extents of the last nested cell decoded (for writing the output in the same shape). */
    private int outer;
    private int inner;

    RowCodec(boolean fp64, boolean nested) {
        this.fp64 = fp64;
        this.nested = nested;
    }

    int outer() {
        return outer;
    }

    int inner() {
        return inner;
    }

    /**
     * The cell {@code col} of {@code row} as {@code float[]} (fp32) or {@code double[]} (fp64), flattened row-major
     * when nested. Spark's array data is copied out with one bulk copy per (inner) array.
     */
    Object decode(InternalRow row, int col) throws BadCell {
        if (row.isNullAt(col)) {
            throw new BadCell("is null");
        }
        ArrayData cell = row.getArray(col);
        int outerN = cell.numElements();
        if (outerN == 0) {
            throw new BadCell("is empty");
        }
        if (!nested) {
            outer = 1;
            inner = outerN;
            return flat(cell, "");
        }
        int width = -1;
        Object out = null;
        for (int r = 0; r < outerN; r++) {
            if (cell.isNullAt(r)) {
                throw new BadCell("element [" + r + "] is null");
            }
            ArrayData part = cell.getArray(r);
            int n = part.numElements();
            if (width < 0) {
                if (n == 0) {
                    throw new BadCell("element [0] is empty");
                }
                width = n;
                out = fp64 ? new double[outerN * n] : new float[outerN * n];
            } else if (n != width) {
                throw new BadCell("is ragged: element [" + r + "] has " + n + " values, element [0] has " + width);
            }
            System.arraycopy(flat(part, "[" + r + "]"), 0, out, r * width, width);
        }
        outer = outerN;
        inner = width;
        return out;
    }

    /** The output cell for a flat result, in the input's form ({@code outer × inner} when nested). */
    ArrayData encode(Object flat, int outerN, int innerN) {
        if (!nested) {
            return wrap(flat);
        }
        Object[] rows = new Object[outerN];
        for (int r = 0; r < outerN; r++) {
            Object part = fp64 ? new double[innerN] : new float[innerN];
            System.arraycopy(flat, r * innerN, part, 0, innerN);
            rows[r] = wrap(part);
        }
        return new GenericArrayData(rows);
    }

    private static ArrayData wrap(Object a) {
        return a instanceof float[] f ? UnsafeArrayData.fromPrimitiveArray(f)
                : UnsafeArrayData.fromPrimitiveArray((double[]) a);
    }

    private Object flat(ArrayData a, String where) throws BadCell {
        int n = a.numElements();
        for (int i = 0; i < n; i++) {
            if (a.isNullAt(i)) {
                throw new BadCell("element " + where + "[" + i + "] is null");
            }
        }
        if (fp64) {
            double[] d = a.toDoubleArray();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(d[i])) {
                    throw new BadCell("element " + where + "[" + i + "] is " + d[i]);
                }
            }
            return d;
        }
        float[] f = a.toFloatArray();
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(f[i])) {
                throw new BadCell("element " + where + "[" + i + "] is " + f[i]);
            }
        }
        return f;
    }
}
