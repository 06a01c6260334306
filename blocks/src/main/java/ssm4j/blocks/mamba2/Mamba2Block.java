package ssm4j.blocks.mamba2;

import java.util.Map;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.MixerBlock;
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
public final class Mamba2Block extends MixerBlock {
    private final Mamba2Sizes sizes;

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
        Mamba2Sizes sizes = new Mamba2Sizes(dm, e, h, g, n, w, dHd, cfg);
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
        super(dm, rows, Integer.MAX_VALUE, "batch·L·(2E+2GN+H)", cd * w, e * n, new Mamba2F32(sizes, p),
                new Mamba2F64(sizes, p));
        this.sizes = sizes;
    }

    private static double[] optional(StateDict sd, Map<String, Tensor> m, String name, int size) {
        return m.containsKey(name) ? sd.finiteDoubles(name, size) : null;
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
}
