package ssm4j.lm.proj;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.nativ.blas.OpenBlas;

/**
 * Runs a projection {@code y (n × rows) = x (n × cols) · Wᵀ}, row-major, choosing the kernel by the number of
 * vectors: up to {@link #GEMV_MAX} (decode: a few sequences, one token each) the bandwidth-bound
 * {@link ProjectionOps} GEMV streams the weights once from their compact form; above it (prefill: many tokens) the
 * FMA-bound GEMM (OpenBLAS's {@code cblas_sgemm} through FFM when it loads, else netlib BLAS) runs on panels of {@link #PANEL} weight rows widened to float32 into a per-thread
 * scratch (an F32 heap matrix is used in place). Either way the output rows are split over the kernel's threads
 * in fixed blocks, so the arithmetic of each output is the same for every thread count. Thread-safe.
 */
public final class Projector {
    /** Largest n that runs as GEMV. */
    public static final int GEMV_MAX = 8;
    /** Weight rows per GEMM panel. */
    static final int PANEL = 128;

    /**
     * Whether prefill GEMMs call OpenBLAS (when it loads; {@code -Dssm4j.lm.gemm=netlib} forces netlib, which is
     * also the fallback).
     */
    public static final boolean USE_OPENBLAS = !"netlib".equals(System.getProperty("ssm4j.lm.gemm"))
            && OpenBlas.available();

    private final ProjectionOps ops;
    private final Parallel par;
    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

    /** A projector for {@code kernel}'s tier and thread count. */
    public Projector(SsmKernel kernel) {
        this.ops = ProjectionOps.of(kernel);
        this.par = Parallel.of(kernel.threads());
    }

    /** The parallel splitter (the kernel's thread count). */
    public Parallel parallel() {
        return par;
    }

    /**
     * {@code y[yOff + t·rows + o] = Σ_c W[o,c]·x[xOff + t·cols + c]} for {@code t < n}, {@code o < rows}.
     *
     * @throws IllegalArgumentException if an array is too short
     */
    public void apply(WeightMatrix w, int n, float[] x, int xOff, float[] y, int yOff) {
        apply(w, 0, w.rows(), n, x, xOff, w.cols(), y, yOff, w.rows());
    }

    /**
     * Rows {@code [lo, hi)} of the projection with explicit leading dimensions: x rows are {@code ldx} apart, y
     * rows {@code ldy} apart, and output row o lands at column o of y.
     */
    public void apply(WeightMatrix w, int lo, int hi, int n, float[] x, int xOff, int ldx, float[] y, int yOff,
                      int ldy) {
        int cols = w.cols();
        if (lo < 0 || hi > w.rows() || lo > hi || n < 0 || ldx < cols || ldy < hi) {
            throw new IllegalArgumentException("projection: rows [" + lo + ", " + hi + ") of " + w.rows()
                    + ", n=" + n + ", ldx=" + ldx + ", ldy=" + ldy);
        }
        if (n == 0 || lo == hi) {
            return;
        }
        if ((long) xOff + (long) (n - 1) * ldx + cols > x.length
                || (long) yOff + (long) (n - 1) * ldy + hi > y.length) {
            throw new IllegalArgumentException("projection: x or y too short for n=" + n);
        }
        int rows = hi - lo;
        if (n <= GEMV_MAX) {
            // blocks of 64 rows keep the split independent of the thread count
            int blocks = (rows + 63) / 64;
            par.forRange(blocks, (b0, b1) -> ops.gemv(w, lo + b0 * 64, Math.min(hi, lo + b1 * 64), n, x, xOff, ldx,
                    y, yOff, ldy));
            return;
        }
        if ((long) xOff + (long) n * ldx > x.length) {
            // netlib checks a whole leading dimension after the last column: give it a compact copy
            float[] packed = new float[n * cols];
            for (int t = 0; t < n; t++) {
                System.arraycopy(x, xOff + t * ldx, packed, t * cols, cols);
            }
            apply(w, lo, hi, n, packed, 0, cols, y, yOff, ldy);
            return;
        }
        int panels = (rows + PANEL - 1) / PANEL;
        par.forRange(panels, (p0, p1) -> {
            BLAS blas = BLAS.getInstance();
            float[][] s = scratch.get();
            for (int p = p0; p < p1; p++) {
                int r0 = lo + p * PANEL;
                int m = Math.min(PANEL, hi - r0);
                float[] a;
                int aOff;
                if (w.heapArray() != null) {
                    a = w.heapArray();
                    aOff = r0 * cols;
                } else {
                    if (s[0].length < PANEL * cols) {
                        s[0] = new float[PANEL * cols];
                    }
                    w.widenRows(r0, m, s[0], 0);
                    a = s[0];
                    aOff = 0;
                }
                if (USE_OPENBLAS) {
                    // row-major Y[:, r0 .. r0+m) = X (n × cols) · panelᵀ, straight into y
                    OpenBlas.sgemmRowMajor(false, true, n, m, cols, 1f, x, xOff, ldx, a, aOff, cols, 0f, y,
                            yOff + r0, ldy);
                    continue;
                }
                if (s[1].length < m * n) {
                    s[1] = new float[Math.max(m * n, PANEL * n)];
                }
                float[] c = s[1];
                // column-major C (m × n) = A_panel (m × cols, i.e. col-major cols × m, transposed) · X (cols × n)
                blas.sgemm("T", "N", m, n, cols, 1f, a, aOff, cols, x, xOff, ldx, 0f, c, 0, m);
                for (int t = 0; t < n; t++) {
                    System.arraycopy(c, t * m, y, yOff + t * ldy + r0, m);
                }
            }
        });
    }
}
