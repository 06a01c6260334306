package ssm4j.api;

/**
 * The one argument checker of ssm4j. Every public facade validates through it, so messages have one form:
 * the argument's name, what is needed and what was given ({@code "v: needs 64 floats from offset 2, array
 * has 50"}). Sizes are computed in {@code long} so products cannot overflow.
 */
public final class Check {
    private Check() {
    }

    /** @throws IllegalArgumentException if {@code value < 1} */
    public static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": must be >= 1, got " + value);
        }
    }

    /**
     * {@link #positive} for each dimension of a shape, in order: {@code names} lists them comma-separated, e.g.
     * {@code positiveDims("batch, h, length", batch, h, length)}. The names are split only on failure, so a valid
     * shape costs a loop over its values.
     *
     * @throws IllegalArgumentException naming the first dimension {@code < 1}
     */
    public static void positiveDims(String names, long... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 1) {
                positive(names.split(",\\s*")[i], values[i]);
            }
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code groupsName} if {@code groups} does not divide {@code total}
     *                                  (call after both are known to be positive)
     */
    public static void divides(String groupsName, int groups, String totalName, int total) {
        if (total % groups != 0) {
            throw new IllegalArgumentException(groupsName + ": must divide " + totalName + "=" + total + ", got "
                    + groups);
        }
    }

    /**
     * The largest thread count a backend accepts: 8 × the available processors by default, or the system property
     * {@code ssm4j.maxThreads}. Far more threads than cores only costs memory (each has a stack and, on the native
     * tier, buffers of its own), and a typo such as {@code 50000000} would exhaust the heap or the machine.
     */
    public static int maxThreads() {
        return (int) Math.min(Integer.MAX_VALUE, ssm4j.api.io.IoLimits.get("ssm4j.maxThreads",
                8L * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A thread count must be in {@code [1, maxThreads()]}.
     *
     * @throws IllegalArgumentException naming {@code name} and the limit
     */
    public static void threads(String name, long threads) {
        positive(name, threads);
        int max = maxThreads();
        if (threads > max) {
            throw new IllegalArgumentException(name + ": must be <= " + max + " (8 x "
                    + Runtime.getRuntime().availableProcessors() + " available processors; -Dssm4j.maxThreads "
                    + "raises it), got " + threads);
        }
    }

    /** @throws IllegalArgumentException if {@code value < 0} */
    public static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": must be >= 0, got " + value);
        }
    }

    /** @throws IllegalArgumentException if {@code value} is null */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and {@code > 0} */
    public static void positiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": must be finite and > 0, got " + value);
        }
    }

    /** @throws IllegalArgumentException unless {@code value} is finite */
    public static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": must be finite, got " + value);
        }
    }

    /** @throws IllegalArgumentException unless {@code actual == expected} */
    public static void equal(String name, long expected, long actual) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + ": must be " + expected + ", got " + actual);
        }
    }

    /** {@code a[off .. off+count)} must exist. */
    public static void range(String name, float[] a, int off, long count) {
        notNull(name, a);
        range(name, "floats", a.length, off, count);
    }

    /** {@code a[off .. off+count)} must exist. */
    public static void range(String name, double[] a, int off, long count) {
        notNull(name, a);
        range(name, "doubles", a.length, off, count);
    }

    /** {@code count} complex numbers (2·count elements) from {@code off} must exist. */
    public static void complexRange(String name, float[] a, int off, long count) {
        range(name, a, off, 2 * count);
    }

    /** {@code count} complex numbers (2·count elements) from {@code off} must exist. */
    public static void complexRange(String name, double[] a, int off, long count) {
        range(name, a, off, 2 * count);
    }

    /** Like {@link #range(String, float[], int, long)} but a null array is allowed (an optional argument). */
    public static void optionalRange(String name, float[] a, int off, long count) {
        if (a != null) {
            range(name, a, off, count);
        }
    }

    /** Like {@link #range(String, double[], int, long)} but a null array is allowed (an optional argument). */
    public static void optionalRange(String name, double[] a, int off, long count) {
        if (a != null) {
            range(name, a, off, count);
        }
    }

    private static void range(String name, String unit, int length, int off, long count) {
        if (off < 0) {
            throw new IllegalArgumentException(name + ": offset must be >= 0, got " + off);
        }
        if (off + count > length) {
            throw new IllegalArgumentException(name + ": needs " + count + " " + unit + " from offset " + off
                    + ", array has " + length);
        }
    }

    /**
     * Finds the first non-finite element of an array range. {@link Check} uses the Vector API implementation
     * ({@code ssm4j.api.simd.VectorFiniteScanner}) once a vector backend has been built and
     * {@code jdk.incubator.vector} is in the boot layer, else a scalar loop; public only so that the implementation
     * in another package can implement it.
     */
    public interface FiniteScanner {
        /** Index (relative to {@code off}) of the first NaN or ±Inf in {@code a[off .. off+n)}, or −1. */
        int firstNonFinite(float[] a, int off, int n);

        /** Index (relative to {@code off}) of the first NaN or ±Inf in {@code a[off .. off+n)}, or −1. */
        int firstNonFinite(double[] a, int off, int n);

        /** Index (relative to {@code off}) of the first element that is not finite or below {@code min}, or −1. */
        int firstNonFiniteOrBelow(float[] a, int off, int n, float min);

        /** Index (relative to {@code off}) of the first element that is not finite or below {@code min}, or −1. */
        int firstNonFiniteOrBelow(double[] a, int off, int n, double min);
    }

    /**
     * The scanner in use: the scalar loop until a Vector API backend is built ({@link #enableVectorScan}). A JVM
     * that only ever runs the scalar tier therefore never runs Vector API code in its checks either: a check that
     * is called rarely (once per slow scalar call) would stay interpreted, and interpreted Vector API code allocates
     * an object per vector operation — the scalar tier must stay plain Java, allocation-free once warm.
     */
    private static volatile FiniteScanner scanner = new ScalarScanner();

    /**
     * Switches the value checks to the Vector API scanner ({@code ssm4j.api.simd.VectorFiniteScanner}, loaded by
     * name) when {@code jdk.incubator.vector} is in the boot layer; called by the registry when it builds a
     * vector, native or GPU backend. Idempotent; without the module the scalar loop stays.
     */
    static void enableVectorScan() {
        if (!(scanner instanceof ScalarScanner)) {
            return;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                scanner = (FiniteScanner) Class.forName("ssm4j.api.simd.VectorFiniteScanner")
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                // the scalar loop is always correct
            }
        }
    }

    /** The plain loops: always correct, used by the scalar tier and wherever the Vector API is absent. */
    private static final class ScalarScanner implements FiniteScanner {
        @Override
        public int firstNonFinite(float[] a, int off, int n) {
            return firstNonFiniteScalar(a, off, n);
        }

        @Override
        public int firstNonFinite(double[] a, int off, int n) {
            return firstNonFiniteScalar(a, off, n);
        }

        @Override
        public int firstNonFiniteOrBelow(float[] a, int off, int n, float min) {
            return firstNonFiniteOrBelowScalar(a, off, n, min);
        }

        @Override
        public int firstNonFiniteOrBelow(double[] a, int off, int n, double min) {
            return firstNonFiniteOrBelowScalar(a, off, n, min);
        }
    }

    /** The scalar search for the first non-finite element (relative index, or −1). */
    public static int firstNonFiniteScalar(float[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(a[off + i])) {
                return i;
            }
        }
        return -1;
    }

    /** The scalar search for the first non-finite element (relative index, or −1). */
    public static int firstNonFiniteScalar(double[] a, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[off + i])) {
                return i;
            }
        }
        return -1;
    }

    /** The scalar search for the first element not finite or below {@code min} (relative index, or −1). */
    public static int firstNonFiniteOrBelowScalar(float[] a, int off, int n, float min) {
        for (int i = 0; i < n; i++) {
            if (!(a[off + i] >= min) || a[off + i] == Float.POSITIVE_INFINITY) {
                return i;
            }
        }
        return -1;
    }

    /** The scalar search for the first element not finite or below {@code min} (relative index, or −1). */
    public static int firstNonFiniteOrBelowScalar(double[] a, int off, int n, double min) {
        for (int i = 0; i < n; i++) {
            if (!(a[off + i] >= min) || a[off + i] == Double.POSITIVE_INFINITY) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first element of {@code a[off .. off+n)} that is not finite or is below {@code min} (relative index, or
     * −1); vectorised like {@link #allFinite}. For checks such as "delta + bias ≥ 0" row by row.
     */
    public static int firstNonFiniteOrBelow(float[] a, int off, int n, float min) {
        return scanner.firstNonFiniteOrBelow(a, off, n, min);
    }

    /** fp64 overload of {@link #firstNonFiniteOrBelow(float[], int, int, float)}. */
    public static int firstNonFiniteOrBelow(double[] a, int off, int n, double min) {
        return scanner.firstNonFiniteOrBelow(a, off, n, min);
    }

    /** Every element of {@code a[off .. off+count)} must be finite (no NaN, no infinity); vectorised. */
    public static void allFinite(String name, float[] a, int off, long count) {
        int bad = scanner.firstNonFinite(a, off, (int) count);
        if (bad >= 0) {
            throw new IllegalArgumentException(name + ": must be finite, element " + bad + " is " + a[off + bad]);
        }
    }

    /** Every element of {@code a[off .. off+count)} must be finite (no NaN, no infinity); vectorised. */
    public static void allFinite(String name, double[] a, int off, long count) {
        int bad = scanner.firstNonFinite(a, off, (int) count);
        if (bad >= 0) {
            throw new IllegalArgumentException(name + ": must be finite, element " + bad + " is " + a[off + bad]);
        }
    }

    /** Every element must be finite and {@code > 0} (steps such as dt or delta without softplus). */
    public static void allPositive(String name, float[] a, int off, long count) {
        for (int i = off, end = (int) (off + count); i < end; i++) {
            if (!(a[i] > 0) || a[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(name + ": must be finite and > 0, element " + (i - off) + " is "
                        + a[i]);
            }
        }
    }

    /** Every element must be finite and {@code > 0} (steps such as dt or delta without softplus). */
    public static void allPositive(String name, double[] a, int off, long count) {
        for (int i = off, end = (int) (off + count); i < end; i++) {
            if (!(a[i] > 0) || a[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(name + ": must be finite and > 0, element " + (i - off) + " is "
                        + a[i]);
            }
        }
    }
}
