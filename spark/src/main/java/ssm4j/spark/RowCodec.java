package ssm4j.spark;

import java.util.List;

/**
 * Converts one Spark array cell ({@code array<float>}, {@code array<double>}, or the nested
 * {@code array<array<…>>} form) to a flat primitive array and back, and says precisely why a cell is unusable.
 * Spark hands array cells to Java as Scala sequences; the wrapped-primitive-array forms are copied with
 * {@code System.arraycopy}, anything else element by element. Stateless apart from the shape of the last
 * decoded cell; one instance per task.
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

    /** The cell as {@code float[]} (fp32) or {@code double[]} (fp64), flattened row-major when nested. */
    Object decode(Object cell) throws BadCell {
        if (cell == null) {
            throw new BadCell("is null");
        }
        if (!nested) {
            Object a = flat(cell, "");
            int n = java.lang.reflect.Array.getLength(a);
            if (n == 0) {
                throw new BadCell("is empty");
            }
            outer = 1;
            inner = n;
            return a;
        }
        List<Object> rows = asList(cell);
        if (rows.isEmpty()) {
            throw new BadCell("is empty");
        }
        int width = -1;
        Object out = null;
        int r = 0;
        for (Object row : rows) {
            if (row == null) {
                throw new BadCell("element [" + r + "] is null");
            }
            Object a = flat(row, "[" + r + "]");
            int n = java.lang.reflect.Array.getLength(a);
            if (width < 0) {
                width = n;
                if (n == 0) {
                    throw new BadCell("element [0] is empty");
                }
                out = fp64 ? new double[rows.size() * n] : new float[rows.size() * n];
            } else if (n != width) {
                throw new BadCell("is ragged: element [" + r + "] has " + n + " values, element [0] has " + width);
            }
            System.arraycopy(a, 0, out, r * width, width);
            r++;
        }
        outer = rows.size();
        inner = width;
        return out;
    }

    /** The output cell for a flat result, in the input's form ({@code outer × inner} when nested). */
    Object encode(Object flat, int outerN, int innerN) {
        if (!nested) {
            return wrap(flat);
        }
        Object[] rows = new Object[outerN];
        for (int r = 0; r < outerN; r++) {
            Object part = fp64 ? new double[innerN] : new float[innerN];
            System.arraycopy(flat, r * innerN, part, 0, innerN);
            rows[r] = wrap(part);
        }
        return new scala.collection.mutable.ArraySeq.ofRef<>(rows);
    }

    private static Object wrap(Object a) {
        return a instanceof float[] f ? new scala.collection.mutable.ArraySeq.ofFloat(f)
                : new scala.collection.mutable.ArraySeq.ofDouble((double[]) a);
    }

    private Object flat(Object cell, String where) throws BadCell {
        Object arr = switch (cell) {
            case float[] f -> f;
            case double[] d -> d;
            case scala.collection.mutable.ArraySeq.ofFloat s -> s.array();
            case scala.collection.mutable.ArraySeq.ofDouble s -> s.array();
            case scala.collection.immutable.ArraySeq.ofFloat s -> s.unsafeArray();
            case scala.collection.immutable.ArraySeq.ofDouble s -> s.unsafeArray();
            default -> null;
        };
        if (arr != null) {
            if (fp64 != (arr instanceof double[])) {
                throw new BadCell("element type " + arr.getClass().getComponentType() + " does not match the "
                        + (fp64 ? "double" : "float") + " column");
            }
            int n = java.lang.reflect.Array.getLength(arr);
            for (int i = 0; i < n; i++) {
                double v = fp64 ? ((double[]) arr)[i] : ((float[]) arr)[i];
                if (!Double.isFinite(v)) {
                    throw new BadCell("element " + where + "[" + i + "] is " + v);
                }
            }
            return arr;
        }
        List<Object> list = asList(cell);
        int n = list.size();
        float[] f = fp64 ? null : new float[n];
        double[] d = fp64 ? new double[n] : null;
        int i = 0;
        for (Object o : list) {
            if (!(o instanceof Number num)) {
                throw new BadCell("element " + where + "[" + i + "] is " + (o == null ? "null" : o.getClass().getName()));
            }
            double v = num.doubleValue();
            if (!Double.isFinite(v)) {
                throw new BadCell("element " + where + "[" + i + "] is " + v);
            }
            if (fp64) {
                d[i] = v;
            } else {
                f[i] = num.floatValue();
            }
            i++;
        }
        return fp64 ? d : f;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object cell) throws BadCell {
        if (cell instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (cell instanceof scala.collection.Seq<?> s) {
            java.util.ArrayList<Object> out = new java.util.ArrayList<>(s.size());
            scala.collection.Iterator<?> it = s.iterator();
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }
        if (cell instanceof Object[] a) {
            return java.util.Arrays.asList(a);
        }
        throw new BadCell("has unsupported type " + cell.getClass().getName());
    }

}
