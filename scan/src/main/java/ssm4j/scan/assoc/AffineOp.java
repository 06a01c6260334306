package ssm4j.scan.assoc;

/**
 * The combining operator of the parallel scan (SPEC 8.2) on affine maps {@code h ↦ a·h + b} of ℝ^m, a an m×m
 * matrix (row-major), b an m-vector. An <em>element</em> is packed as {@code m·m} entries of a followed by
 * {@code m} of b ({@link #size(int)} doubles). Composition "first 1, then 2":
 * {@code (a₁, b₁) • (a₂, b₂) = (a₂·a₁, a₂·b₁ + b₂)} — associative, identity (I, 0), not commutative for
 * matrices (complex diagonal entries are the commuting special case; a complex m×m matrix is the real 2m×2m
 * matrix [[Re, −Im], [Im, Re]]). Stateless; thread-safe.
 */
public final class AffineOp {
    private AffineOp() {
    }

    /** Doubles per element: m² + m. */
    public static int size(int m) {
        return m * m + m;
    }

    /** Writes the identity element (I, 0) at {@code off}. */
    public static void identity(int m, double[] e, int off) {
        java.util.Arrays.fill(e, off, off + size(m), 0.0);
        for (int i = 0; i < m; i++) {
            e[off + i * m + i] = 1.0;
        }
    }

    /**
     * {@code out = e1 • e2} (8.2): first e1, then e2. {@code out} must not overlap e1 or e2.
     *
     * @param m state dimension
     */
    public static void compose(int m, double[] e1, int o1, double[] e2, int o2, double[] out, int oo) {
        int bo = m * m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += e2[o2 + i * m + k] * e1[o1 + k * m + j];    // a₂·a₁: the later map on the left
                }
                out[oo + i * m + j] = s;
            }
            double s = e2[o2 + bo + i];
            for (int k = 0; k < m; k++) {
                s += e2[o2 + i * m + k] * e1[o1 + bo + k];           // a₂·b₁ + b₂
            }
            out[oo + bo + i] = s;
        }
    }

    /** {@code out = a·h + b}: the element applied to the state h (m entries at hOff); out must not overlap h. */
    public static void apply(int m, double[] e, int off, double[] h, int hOff, double[] out, int outOff) {
        int bo = m * m;
        for (int i = 0; i < m; i++) {
            double s = e[off + bo + i];
            for (int k = 0; k < m; k++) {
                s += e[off + i * m + k] * h[hOff + k];
            }
            out[outOff + i] = s;
        }
    }
}
