package ssm4j.api.io;

/**
 * The budgets of the array readers, each a system property read at every call (so a test or a server can change
 * it at run time). A file that exceeds one fails with an {@link java.io.IOException} naming the file, the limit and
 * the property, before the memory is spent.
 * <table>
 *   <caption>reader limits</caption>
 *   <tr><th>property</th><th>default</th><th>what</th></tr>
 *   <tr><td>{@code ssm4j.npy.maxHeaderBytes}</td><td>65536</td><td>.npy header text (NumPy writes ~128)</td></tr>
 *   <tr><td>{@code ssm4j.npy.maxDims}</td><td>64</td><td>rank of one array (NumPy's own maximum)</td></tr>
 *   <tr><td>{@code ssm4j.npy.maxArrayBytes}</td><td>2147483647</td><td>data bytes of one array</td></tr>
 *   <tr><td>{@code ssm4j.npz.maxEntries}</td><td>65536</td><td>entries of one .npz</td></tr>
 *   <tr><td>{@code ssm4j.npz.maxTotalBytes}</td><td>4294967296</td><td>bytes inflated from one .npz, counted as
 *       they are read (the zip directory's sizes are not trusted)</td></tr>
 *   <tr><td>{@code ssm4j.npz.maxRatio}</td><td>100</td><td>bytes inflated per byte of .npz file, checked once
 *       more than {@value #RATIO_GRACE_BYTES} bytes have been inflated: real weights deflate about 1.1:1, a
 *       deflate bomb about 1000:1</td></tr>
 * </table>
 */
public final class IoLimits {
    /** Inflated bytes below which the ratio limit does not apply (small files of zeros are legitimate). */
    public static final long RATIO_GRACE_BYTES = 16L << 20;

    private IoLimits() {
    }

    /** Largest .npy header, in bytes. */
    public static long npyMaxHeaderBytes() {
        return get("ssm4j.npy.maxHeaderBytes", 64 * 1024);
    }

    /** Largest rank of one .npy array. */
    public static long npyMaxDims() {
        return get("ssm4j.npy.maxDims", 64);
    }

    /** Largest data section of one .npy array, in bytes. */
    public static long npyMaxArrayBytes() {
        return get("ssm4j.npy.maxArrayBytes", Integer.MAX_VALUE);
    }

    /** Most entries in one .npz. */
    public static long npzMaxEntries() {
        return get("ssm4j.npz.maxEntries", 65536);
    }

    /** Most bytes inflated from one .npz. */
    public static long npzMaxTotalBytes() {
        return get("ssm4j.npz.maxTotalBytes", 4L << 30);
    }

    /** Most bytes inflated per byte of .npz file (past {@link #RATIO_GRACE_BYTES}). */
    public static long npzMaxRatio() {
        return get("ssm4j.npz.maxRatio", 100);
    }

    /**
     * A positive {@code long} system property, or {@code dflt} when unset (the one parser of ssm4j's numeric
     * limit properties, so each bad value gets the same message).
     *
     * @throws IllegalArgumentException naming the property when it is set but not an integer {@code >= 1}
     */
    public static long get(String property, long dflt) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long l = Long.parseLong(v.trim());
            if (l >= 1) {
                return l;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new IllegalArgumentException("-D" + property + ": must be an integer >= 1, got '" + v + "'");
    }
}
