package ssm4j.blocks.s4d;

import java.util.Map;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.Check;
import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.StateDict;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.math.Erf;
import ssm4j.blocks.rows.RowOps;
import ssm4j.blocks.rows.Scratch;

/**
 * The standalone S4D layer of the reference ({@code models/s4/s4d.py} {@code S4D}, transposed, eval mode), SPEC
 * 11.1, for inference in fp32 or fp64. Input u (B,H,L), channels before time; output y (B,H,L):
 * <ol>
 *   <li>K (H,L) by (4.3): {@code dt = exp(log_dt)}, {@code A = −exp(log_A_real) + i·A_imag}, one
 *       {@link SsmKernel#vandermonde} call with {@code v = C·(e^{dtA} − 1)/A} and {@code x = dtA};</li>
 *   <li>{@code y2 = causal conv(u, K) + D∘u} by one {@link SsmKernel#fftConv} call (6.1);</li>
 *   <li>exact GELU (erf form, {@link Erf});</li>
 *   <li>1×1 convolution to 2H channels with netlib {@code sgemm}/{@code dgemm}, then GLU over channels:
 *       {@code y = z[:H]∘sigmoid(z[H:])}.</li>
 * </ol>
 * Weights come by state_dict name: {@code D} (H), {@code kernel.C} (H,N',2), {@code kernel.log_dt} (H),
 * {@code kernel.log_A_real} (H,N'), {@code kernel.A_imag} (H,N'), {@code output_linear.0.weight} (2H,H,1),
 * {@code output_linear.0.bias} (2H), loaded strictly ({@link StateDict#verify}), range-checked (dt a normal fp32
 * number, the pole dt·A finite) and copied at construction, so the layer is immutable; the (v, x)
 * Vandermonde arguments are prepared once in double. Thread-safe: every call uses its own workspace (one per
 * thread, kept in a {@link ThreadLocal} and grown to the largest shape seen, so repeated calls allocate nothing).
 */
public final class S4dLayer {
    private final int h;
    private final int nHalf;
    /** Vandermonde arguments (H,N') complex interleaved: v = C·(e^{dtA} − 1)/A, x = dt·A (SPEC 4.3). */
    private final double[] v64;
    private final double[] x64;
    private final float[] v32;
    private final float[] x32;
    private final double[] d64;
    private final float[] d32;
    /** 1×1 conv weight (2H,H) row-major and bias (2H). */
    private final double[] w64;
    private final float[] w32;
    private final double[] bias64;
    private final float[] bias32;
    /** Whether the fp32 copies are faithful (a weight finite in fp64 may overflow fp32). */
    private final StateDict.Narrowing fp32;
    /** Per-thread scratch slots (either precision): K (H,L), y2 (B,H,L), z (2H,L) per batch row. */
    private enum Slot { K, Y2, Z }

    private final ThreadLocal<Scratch> workspaces = Scratch.perThread(Slot.class);

    /** The parameters of the reference's S4D module (H channels, N' = N/2 stored poles). */
    private static final StateDict.Layout LAYOUT = new StateDict.Layout()
            .required("D", "H")
            .required("kernel.C", "H", "N2", "2")
            .required("kernel.log_dt", "H")
            .required("kernel.log_A_real", "H", "N2")
            .required("kernel.A_imag", "H", "N2")
            .required("output_linear.0.weight", "2*H", "H", "1")
            .required("output_linear.0.bias", "2*H");

    /** Smallest and largest step: dt must be a normal fp32 number, or the fp32 kernel degenerates (0 or ∞). */
    private static final double MIN_DT = Float.MIN_NORMAL;
    private static final double MAX_DT = Float.MAX_VALUE;

    /**
     * Builds the layer from its state_dict, strictly: a name the module does not have is an error.
     *
     * @throws IllegalArgumentException if a weight is missing, unexpected, mis-shaped, not finite, or gives a step
     *                                  or pole out of range (the message names the weight)
     */
    public S4dLayer(Map<String, Tensor> stateDict) {
        this(stateDict, true);
    }

    /**
     * Builds the layer from its state_dict.
     *
     * @param strict {@code false} ignores names the module does not have (missing and mis-shaped weights are
     *               still errors)
     * @throws IllegalArgumentException as {@link #S4dLayer(Map)}
     */
    public S4dLayer(Map<String, Tensor> stateDict, boolean strict) {
        StateDict sd = new StateDict("S4D", stateDict);
        Map<String, Integer> sizes = sd.verify(LAYOUT, strict);
        this.h = sizes.get("H");
        this.nHalf = sizes.get("N2");
        Check.positive("H", h);
        Check.positive("N/2", nHalf);
        double[] cv = sd.finiteDoubles("kernel.C", h, nHalf, 2);
        double[] logDt = sd.finiteDoubles("kernel.log_dt", h);
        double[] logAr = sd.finiteDoubles("kernel.log_A_real", h, nHalf);
        double[] aIm = sd.finiteDoubles("kernel.A_imag", h, nHalf);
        this.d64 = sd.finiteDoubles("D", h);
        this.w64 = sd.finiteDoubles("output_linear.0.weight", 2 * h, h, 1);
        this.bias64 = sd.finiteDoubles("output_linear.0.bias", 2 * h);
        this.v64 = new double[2 * h * nHalf];
        this.x64 = new double[2 * h * nHalf];
        for (int i = 0; i < h; i++) {
            double dt = Math.exp(logDt[i]);
            if (!(dt >= MIN_DT && dt <= MAX_DT)) {
                throw new IllegalArgumentException("kernel.log_dt: element " + i + " = " + logDt[i] + " gives dt = "
                        + dt + (dt < MIN_DT ? ", so small that the kernel degenerates to zero" : ", out of range")
                        + "; log_dt must lie in [" + Math.log(MIN_DT) + ", " + Math.log(MAX_DT) + "]");
            }
            for (int n = 0; n < nHalf; n++) {
                int j = i * nHalf + n;
                double ar = -Math.exp(logAr[j]); // (4.3): A = −exp(log_A_real) + i·A_imag (plus sign, SPEC 9.1)
                double ai = aIm[j];
                double xr = dt * ar;
                double xi = dt * ai;
                if (!Double.isFinite(xr)) {
                    throw new IllegalArgumentException("kernel.log_A_real: element " + j + " = " + logAr[j]
                            + " gives dt·Re(A) = " + xr + " (dt = " + dt + "): the pole overflows");
                }
                if (!Double.isFinite(xi)) {
                    throw new IllegalArgumentException("kernel.A_imag: element " + j + " = " + ai
                            + " gives dt·Im(A) = " + xi + " (dt = " + dt + "): the pole overflows");
                }
                double[] q = expm1OverA(xr, xi, ar, ai, dt);
                double cr = cv[2 * j];
                double ci = cv[2 * j + 1];
                v64[2 * j] = cr * q[0] - ci * q[1];
                v64[2 * j + 1] = cr * q[1] + ci * q[0];
                x64[2 * j] = xr;
                x64[2 * j + 1] = xi;
                if (!Double.isFinite(v64[2 * j]) || !Double.isFinite(v64[2 * j + 1])) {
                    throw new IllegalArgumentException("kernel.C: element " + j + " times (e^{dtA} − 1)/A overflows");
                }
            }
        }
        StateDict.Narrowing narrowing = StateDict.narrowing();
        this.v32 = narrowing.narrow("kernel.C (times (e^{dtA} − 1)/A)", v64);
        this.x32 = narrowing.narrow("kernel.log_A_real, kernel.A_imag (dt·A)", x64);
        this.d32 = narrowing.narrow("D", d64);
        this.w32 = narrowing.narrow("output_linear.0.weight", w64);
        this.bias32 = narrowing.narrow("output_linear.0.bias", bias64);
        this.fp32 = narrowing;
    }

    /**
     * (e^{x} − 1)/A for x = dt·A, complex, without forming |A|² (which underflows for |A| below 1e-154 and gave
     * 0/0 = NaN): near x = 0 the series dt·(1 + x/2) (exact to 1e-17 for |x| < 1e-8; the limit dt at A = 0), else
     * Smith's scaled division.
     */
    private static double[] expm1OverA(double xr, double xi, double ar, double ai, double dt) {
        if (Math.hypot(xr, xi) < 1e-8) {
            return new double[] {dt * (1 + 0.5 * xr), dt * 0.5 * xi};
        }
        // e^{dtA} − 1 = (e^{xr}cos xi − 1) + i e^{xr} sin xi; expm1 keeps the small-|dtA| digits
        double em1r = Math.expm1(xr) * Math.cos(xi) - 2 * Math.sin(0.5 * xi) * Math.sin(0.5 * xi);
        double em1i = Math.exp(xr) * Math.sin(xi);
        if (Math.abs(ar) >= Math.abs(ai)) {
            double r = ai / ar;
            double den = ar + ai * r;
            return new double[] {(em1r + em1i * r) / den, (em1i - em1r * r) / den};
        }
        double r = ar / ai;
        double den = ai + ar * r;
        return new double[] {(em1r * r + em1i) / den, (em1i * r - em1r) / den};
    }

    /** H, the model width. */
    public int h() {
        return h;
    }

    /** N' = d_state/2, the stored half of the state. */
    public int stateHalf() {
        return nHalf;
    }

    /** Writes the convolution kernel K (H,L) of (4.3) into {@code out} from offset 0. */
    public void kernel(SsmKernel kernel, int length, float[] out) {
        fp32.check();
        kernel.vandermonde(h, nHalf, length, v32, 0, x32, 0, out, 0);
    }

    /** fp64 overload of {@link #kernel(SsmKernel, int, float[])}. */
    public void kernel(SsmKernel kernel, int length, double[] out) {
        kernel.vandermonde(h, nHalf, length, v64, 0, x64, 0, out, 0);
    }

    /**
     * Runs the layer (fp32) on u (B,H,L) and writes y (B,H,L); both from offset 0.
     *
     * @throws IllegalArgumentException on bad sizes or arrays too short, or non-finite u
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] u, float[] y) {
        forward(kernel, batch, length, u, y, null);
    }

    /**
     * {@link #forward(SsmKernel, int, int, float[], float[])} that also adds the nanoseconds spent per stage to
     * {@code stageNanos} (when non-null, length ≥ 3): [0] kernel generation (Vandermonde), [1] FFT convolution
     * with D, [2] GELU + 1×1 convolution + GLU. For profiles and benchmarks.
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] u, float[] y, long[] stageNanos) {
        checkArgs(kernel, batch, length, u == null ? -1 : u.length, y == null ? -1 : y.length);
        Check.allFinite("u", u, 0, (long) batch * h * length);
        fp32.check();
        if (stageNanos != null && stageNanos.length < 3) {
            throw new IllegalArgumentException("stageNanos: needs 3 elements, array has " + stageNanos.length);
        }
        long t0 = System.nanoTime();
        Scratch ws = workspaces.get();
        float[] k = ws.floats(Slot.K, h * length);
        float[] y2 = ws.floats(Slot.Y2, batch * h * length);
        float[] z = ws.floats(Slot.Z, 2 * batch * h * length);
        kernel(kernel, length, k);
        long t1 = System.nanoTime();
        kernel.fftConv(ConvShape.causal(batch, h, length), u, k, d32, y2);
        long t2 = System.nanoTime();
        perBatchRow(kernel, batch, length, (blas, rows, off) -> {
            for (int i = off, end = off + h * length; i < end; i++) {
                y2[i] = Erf.gelu(y2[i]);
            }
            // z (2H,L) row-major = column-major (L × 2H) = g^T (L×H) · W^T (H×2H)
            blas.sgemm("N", "N", length, 2 * h, h, 1f, y2, off, length, w32, 0, h, 0f, z, 2 * off, length);
            glu(rows, z, 2 * off, bias32, y, off, h, length);
        });
        if (stageNanos != null) {
            stageNanos[0] += t1 - t0;
            stageNanos[1] += t2 - t1;
            stageNanos[2] += System.nanoTime() - t2;
        }
    }

    /** fp64 overload of {@link #forward(SsmKernel, int, int, float[], float[])}. */
    public void forward(SsmKernel kernel, int batch, int length, double[] u, double[] y) {
        checkArgs(kernel, batch, length, u == null ? -1 : u.length, y == null ? -1 : y.length);
        Check.allFinite("u", u, 0, (long) batch * h * length);
        Scratch ws = workspaces.get();
        double[] k = ws.doubles(Slot.K, h * length);
        double[] y2 = ws.doubles(Slot.Y2, batch * h * length);
        double[] z = ws.doubles(Slot.Z, 2 * batch * h * length);
        kernel(kernel, length, k);
        kernel.fftConv(ConvShape.causal(batch, h, length), u, k, d64, y2);
        perBatchRow(kernel, batch, length, (blas, rows, off) -> {
            for (int i = off, end = off + h * length; i < end; i++) {
                y2[i] = Erf.gelu(y2[i]);
            }
            blas.dgemm("N", "N", length, 2 * h, h, 1.0, y2, off, length, w64, 0, h, 0.0, z, 2 * off, length);
            glu(rows, z, 2 * off, bias64, y, off, h, length);
        });
    }

    /** The per-batch-row work of a forward: GELU, the 1×1 convolution and GLU of the row at {@code off}. */
    @FunctionalInterface
    private interface RowStage {
        void run(BLAS blas, RowOps rows, int off);
    }

    /** Runs {@code stage} for every batch row, the rows spread over the kernel's threads. */
    private void perBatchRow(SsmKernel kernel, int batch, int length, RowStage stage) {
        RowOps rows = RowOps.of(kernel);
        Parallel.of(kernel.threads()).forRange(batch, (lo, hi) -> {
            BLAS blas = BLAS.getInstance();
            for (int b = lo; b < hi; b++) {
                stage.run(blas, rows, b * h * length);
            }
        });
    }

    /** Runs the layer on a (B,H,L) tensor of either precision and returns a new y of the same precision. */
    public Tensor forward(SsmKernel kernel, Tensor u) {
        u.requireRank("u", 3);
        if (u.dim(1) != h) {
            throw new IllegalArgumentException("u: must have shape (B, " + h + ", L), got "
                    + java.util.Arrays.toString(u.shape()));
        }
        int b = u.dim(0);
        int l = u.dim(2);
        if (u.isDouble()) {
            double[] y = new double[b * h * l];
            forward(kernel, b, l, u.doublesFromZero(), y);
            return Tensor.wrap(y, b, h, l);
        }
        float[] y = new float[b * h * l];
        forward(kernel, b, l, u.floatsFromZero(), y);
        return Tensor.wrap(y, b, h, l);
    }

    private void checkArgs(SsmKernel kernel, int batch, int length, int uLen, int yLen) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        Check.positive("length", length);
        long need = (long) batch * h * length;
        if (need > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("batch·H·L: " + need + " is too large for one call");
        }
        if (uLen < need) {
            throw new IllegalArgumentException("u: needs " + need + " elements (B,H,L), array has "
                    + Math.max(uLen, 0) + (uLen < 0 ? " (null)" : ""));
        }
        if (yLen < need) {
            throw new IllegalArgumentException("y: needs " + need + " elements (B,H,L), array has "
                    + Math.max(yLen, 0) + (yLen < 0 ? " (null)" : ""));
        }
    }

    /** GLU over channels (11.1): {@code y[h,t] = (z[h,t] + c[h])·sigmoid(z[H+h,t] + c[H+h])}. */
    private static void glu(RowOps rows, float[] z, int zOff, float[] bias, float[] y, int yOff, int h, int length) {
        for (int i = 0; i < h; i++) {
            rows.glu(z, zOff + i * length, zOff + (h + i) * length, bias[i], bias[h + i], y, yOff + i * length,
                    length);
        }
    }

    private static void glu(RowOps rows, double[] z, int zOff, double[] bias, double[] y, int yOff, int h,
                            int length) {
        for (int i = 0; i < h; i++) {
            rows.glu(z, zOff + i * length, zOff + (h + i) * length, bias[i], bias[h + i], y, yOff + i * length,
                    length);
        }
    }
}
