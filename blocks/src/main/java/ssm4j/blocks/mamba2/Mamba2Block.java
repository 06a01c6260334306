package ssm4j.blocks.mamba2;

import java.util.Arrays;
import java.util.Map;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.StateDict;
import ssm4j.blocks.Tensor;

/**
 * The Mamba-2 block ({@code mamba_ssm/modules/mamba2.py} {@code Mamba2}, {@code use_mem_eff_path=False}), SPEC 12.6,
 * for inference in fp32 or fp64: in_proj split z / xBC / dt, causal depthwise conv1d + SiLU over xBC, the SSD scan
 * (through {@link SsmKernel#ssdScan}) with dt_bias, softplus and D, the grouped gated RMSNorm, out_proj. Projections
 * use netlib BLAS; the scan runs on the given {@link SsmKernel}. The API mirrors
 * {@link ssm4j.blocks.mamba.MambaBlock}: {@code forward} (optionally filling the prefill caches) and {@code step}.
 *
 * <p>Sizes: E = d_inner, H heads of P = E/H, G groups (from {@link Mamba2Config}), N = d_state, W = d_conv,
 * conv_dim = E + 2GN. Hidden states are (B,L,d_model), <b>time before channels</b>; caches are {@code conv_state}
 * (B,conv_dim,W) (the last W pre-convolution xBC vectors, oldest first) and {@code ssm_state} (B,H,P,N), as
 * {@code allocate_inference_cache} makes them.
 *
 * <p>Weights by state_dict name: {@code in_proj.weight} (2E+2GN+H, d_model), {@code conv1d.weight}
 * (conv_dim,1,W), {@code conv1d.bias} (conv_dim) (optional: conv_bias=False), {@code dt_bias} (H), {@code A_log}
 * (H), {@code D} (H) or (E) (D_has_hdim), {@code norm.weight} (E) (absent: rmsnorm=False, z then gates the scan),
 * {@code out_proj.weight} (d_model,E), and with bias=True {@code in_proj.bias}, {@code out_proj.bias}. They are
 * copied at construction (the block is immutable). Thread-safe: each thread has its own workspace, grown to the
 * largest shape seen, so repeated calls of one shape allocate nothing but small shape records.
 */
public final class Mamba2Block {
    private final Mamba2Sizes sizes;
    private final Mamba2F32 f32;
    private final Mamba2F64 f64;

    /**
     * Builds the block from its state_dict and the options its weights do not reveal.
     *
     * @throws IllegalArgumentException if a weight is missing, mis-shaped or not finite, or {@code cfg} does not
     *                                  fit them (ngroups must divide the heads and 2·ngroups the B/C width)
     */
    public Mamba2Block(Map<String, Tensor> stateDict, Mamba2Config cfg) {
        Check.notNull("cfg", cfg);
        StateDict sd = new StateDict("Mamba2", stateDict);
        int h = sd.get("A_log", -1).dim(0);
        Tensor outW = sd.get("out_proj.weight", -1, -1);
        int dm = outW.dim(0);
        int e = outW.dim(1);
        Tensor conv = sd.get("conv1d.weight", -1, 1, -1);
        int cd = conv.dim(0);
        int w = conv.dim(2);
        int g = cfg.ngroups();
        Check.positive("nheads", h);
        Check.positive("d_inner", e);
        if (e % h != 0) {
            throw new IllegalArgumentException("A_log: nheads=" + h + " must divide d_inner=" + e);
        }
        if (h % g != 0 || (cd - e) <= 0 || (cd - e) % (2 * g) != 0) {
            throw new IllegalArgumentException("cfg: ngroups=" + g + " does not fit nheads=" + h + " and conv_dim="
                    + cd + " (E=" + e + ")");
        }
        int n = (cd - e) / (2 * g);
        int rows = 2 * e + 2 * g * n + h;
        boolean dHd = stateDict.containsKey("D") && stateDict.get("D").size() == e && e != h;
        this.sizes = new Mamba2Sizes(dm, e, h, g, n, w, dHd, cfg);
        double[] aLog = sd.finiteDoubles("A_log", h);
        double[] aNeg = new double[h];
        for (int i = 0; i < h; i++) {
            // A = −exp(A_log), which the reference computes in float32 (SPEC 12.7.5): rounded in the fp32 copy
            aNeg[i] = -Math.exp(aLog[i]);
        }
        double[][] p = {
            sd.finiteDoubles("in_proj.weight", rows, dm),
            optional(sd, stateDict, "in_proj.bias", rows),
            sd.finiteDoubles("conv1d.weight", cd, 1, w),
            stateDict.containsKey("conv1d.bias") ? sd.finiteDoubles("conv1d.bias", cd) : new double[cd],
            sd.finiteDoubles("dt_bias", h),
            aNeg,
            sd.finiteDoubles("D", dHd ? e : h),
            optional(sd, stateDict, "norm.weight", e),
            sd.finiteDoubles("out_proj.weight", dm, e),
            optional(sd, stateDict, "out_proj.bias", dm),
        };
        this.f32 = new Mamba2F32(sizes, p);
        this.f64 = new Mamba2F64(sizes, p);
    }

    private static double[] optional(StateDict sd, Map<String, Tensor> m, String name, int size) {
        return m.containsKey(name) ? sd.finiteDoubles(name, size) : null;
    }

    /** d_model. */
    public int dModel() {
        return sizes.dm();
    }

    /** E = d_inner. */
    public int dInner() {
        return sizes.e();
    }

    /** H = nheads. */
    public int nHeads() {
        return sizes.h();
    }

    /** P = headdim. */
    public int headdim() {
        return sizes.p();
    }

    /** G = ngroups. */
    public int nGroups() {
        return sizes.g();
    }

    /** N = d_state. */
    public int dState() {
        return sizes.n();
    }

    /** W = d_conv. */
    public int dConv() {
        return sizes.w();
    }

    /** conv_dim = E + 2GN, the channels of the convolution. */
    public int convDim() {
        return sizes.convDim();
    }

    /** The options this block was built with. */
    public Mamba2Config config() {
        return sizes.cfg();
    }

    /** Elements of a conv_state cache (B,conv_dim,W) for {@code batch} rows. */
    public int convStateSize(int batch) {
        return Math.multiplyExact(batch, sizes.convDim() * sizes.w());
    }

    /** Elements of an ssm_state cache (B,H,P,N) for {@code batch} rows. */
    public int ssmStateSize(int batch) {
        return Math.multiplyExact(batch, sizes.e() * sizes.n());
    }

    // ------------------------------------------------------------------ checks

    private static void need(String name, Object a, long count) {
        Check.notNull(name, a);
        int len = java.lang.reflect.Array.getLength(a);
        if (len < count) {
            throw new IllegalArgumentException(name + ": needs " + count + " elements, array has " + len);
        }
    }

    private void forwardArgs(SsmKernel kernel, int batch, int len, Object hidden, Object out, Object convState,
                             Object ssmState) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        Check.positive("length", len);
        if ((long) batch * len * sizes.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch·L·(2E+2GN+H): too large for one call");
        }
        need("hidden", hidden, (long) batch * len * sizes.dm());
        need("out", out, (long) batch * len * sizes.dm());
        if (convState != null) {
            need("convState", convState, (long) batch * sizes.convDim() * sizes.w());
        }
        if (ssmState != null) {
            need("ssmState", ssmState, (long) batch * sizes.e() * sizes.n());
        }
    }

    private void stepArgs(SsmKernel kernel, int batch, Object hidden, Object convState, Object ssmState,
                          Object out) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        need("hidden", hidden, (long) batch * sizes.dm());
        need("convState", convState, (long) batch * sizes.convDim() * sizes.w());
        need("ssmState", ssmState, (long) batch * sizes.e() * sizes.n());
        need("out", out, (long) batch * sizes.dm());
    }

    // ------------------------------------------------------------------ fp32

    /**
     * Full forward (fp32): hidden (B,L,d_model) → out (B,L,d_model), both from offset 0. When {@code convState}
     * (B,conv_dim,W) and {@code ssmState} (B,H,P,N) are non-null they are filled as the reference's prompt
     * (prefill) path fills its caches, ready for {@link #step}.
     *
     * @throws IllegalArgumentException on bad sizes, short arrays or non-finite hidden states
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] hidden, float[] out, float[] convState,
                        float[] ssmState) {
        forwardArgs(kernel, batch, length, hidden, out, convState, ssmState);
        Check.allFinite("hidden", hidden, 0, (long) batch * length * sizes.dm());
        f32.forward(kernel, batch, length, hidden, out, convState, ssmState);
    }

    /**
     * One decoding step (fp32, the reference's {@code Mamba2.step}): hidden (B,d_model) for one token → out
     * (B,d_model); {@code convState} (B,conv_dim,W) and {@code ssmState} (B,H,P,N) are updated in place. Starting
     * from zero caches, L steps give the first L rows of {@link #forward}.
     */
    public void step(SsmKernel kernel, int batch, float[] hidden, float[] convState, float[] ssmState,
                     float[] out) {
        stepArgs(kernel, batch, hidden, convState, ssmState, out);
        Check.allFinite("hidden", hidden, 0, (long) batch * sizes.dm());
        f32.step(kernel, batch, hidden, convState, ssmState, out);
    }

    // ------------------------------------------------------------------ fp64

    /** fp64 overload of {@link #forward(SsmKernel, int, int, float[], float[], float[], float[])}. */
    public void forward(SsmKernel kernel, int batch, int length, double[] hidden, double[] out, double[] convState,
                        double[] ssmState) {
        forwardArgs(kernel, batch, length, hidden, out, convState, ssmState);
        Check.allFinite("hidden", hidden, 0, (long) batch * length * sizes.dm());
        f64.forward(kernel, batch, length, hidden, out, convState, ssmState);
    }

    /** fp64 overload of {@link #step(SsmKernel, int, float[], float[], float[], float[])}. */
    public void step(SsmKernel kernel, int batch, double[] hidden, double[] convState, double[] ssmState,
                     double[] out) {
        stepArgs(kernel, batch, hidden, convState, ssmState, out);
        Check.allFinite("hidden", hidden, 0, (long) batch * sizes.dm());
        f64.step(kernel, batch, hidden, convState, ssmState, out);
    }

    // ------------------------------------------------------------------ tensors

    /** Forward on a (B,L,d_model) tensor of either precision; returns a new tensor of the same precision. */
    public Tensor forward(SsmKernel kernel, Tensor hidden) {
        hidden.requireRank("hidden_states", 3);
        int dm = sizes.dm();
        if (hidden.dim(2) != dm) {
            throw new IllegalArgumentException("hidden_states: must have shape (B, L, " + dm + "), got "
                    + Arrays.toString(hidden.shape()));
        }
        int b = hidden.dim(0);
        int l = hidden.dim(1);
        if (hidden.isDouble()) {
            double[] out = new double[b * l * dm];
            forward(kernel, b, l, hidden.doublesFromZero(), out, null, null);
            return Tensor.wrap(out, b, l, dm);
        }
        float[] out = new float[b * l * dm];
        forward(kernel, b, l, hidden.floatsFromZero(), out, null, null);
        return Tensor.wrap(out, b, l, dm);
    }
}
