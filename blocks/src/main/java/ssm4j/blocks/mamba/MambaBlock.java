package ssm4j.blocks.mamba;

import java.util.Map;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.ArrayArgs;
import ssm4j.blocks.MixerBlock;
import ssm4j.blocks.StateDict;
import ssm4j.blocks.Tensor;

/**
 * The Mamba v1 block ({@code mamba_ssm/modules/mamba_simple.py} {@code Mamba}, CPU path), SPEC 11.2, for inference
 * in fp32 or fp64: in_proj, causal depthwise conv1d, SiLU, x_proj, dt_proj + softplus, selective scan with per-time
 * B and C (through {@link SsmKernel#selectiveScan}), D skip, SiLU(z) gate, out_proj. Projections use netlib BLAS
 * ({@code sgemm}/{@code dgemm}); the scan and the decoding step run on the given {@link SsmKernel}.
 *
 * <p>Sizes: E = d_inner, N = d_state, W = d_conv, R = dt_rank, all read from the weights. Hidden states are
 * (B,L,d_model), <b>time before channels</b>; caches are {@code conv_state} (B,E,W) (the last W pre-convolution
 * inputs, oldest first) and {@code ssm_state} (B,E,N), as {@code allocate_inference_cache} makes them.
 *
 * <p>Weights by state_dict name: {@code in_proj.weight} (2E,d_model), {@code conv1d.weight} (E,1,W),
 * {@code conv1d.bias} (E) (optional: conv_bias=False), {@code x_proj.weight} (R+2N,E), {@code dt_proj.weight}
 * (E,R), {@code dt_proj.bias} (E), {@code A_log} (E,N), {@code D} (E), {@code out_proj.weight} (d_model,E), and
 * when the module was built with bias=True {@code in_proj.bias} (2E), {@code out_proj.bias} (d_model). They are
 * copied at construction (the block is immutable). Thread-safe: each thread has its own workspace, grown to the
 * largest shape seen, so repeated calls of one shape allocate nothing but the small shape records.
 */
public final class MambaBlock extends MixerBlock {
    private final int dInner;
    private final int dState;
    private final int dConv;
    private final int dtRank;
    private final MambaF32 f32;
    /** Whether the fp32 copies are faithful (a weight finite in fp64 may overflow fp32). */
    private final StateDict.Narrowing fp32;

    /** The parameters of the reference's Mamba module; the biases exist only when it was built with them. */
    private static final StateDict.Layout LAYOUT = new StateDict.Layout()
            .required("A_log", "E", "N")
            .required("D", "E")
            .required("in_proj.weight", "2*E", "d_model")
            .optional("in_proj.bias", "2*E")
            .required("conv1d.weight", "E", "1", "W")
            .optional("conv1d.bias", "E")
            .required("x_proj.weight", "R+2*N", "E")
            .required("dt_proj.weight", "E", "R")
            .required("dt_proj.bias", "E")
            .required("out_proj.weight", "d_model", "E")
            .optional("out_proj.bias", "d_model");

    /**
     * Builds the block from its state_dict, strictly: a name the module does not have is an error (a misnamed
     * optional bias would otherwise be ignored and the block run as if it were zero).
     *
     * @throws IllegalArgumentException if a weight is missing, unexpected, mis-shaped, not finite, or A_log gives
     *                                  an infinite A
     */
    public MambaBlock(Map<String, Tensor> stateDict) {
        this(stateDict, true);
    }

    /**
     * Builds the block from its state_dict.
     *
     * @param strict {@code false} ignores names the module does not have (missing and mis-shaped weights are
     *               still errors)
     * @throws IllegalArgumentException as {@link #MambaBlock(Map)}
     */
    public MambaBlock(Map<String, Tensor> stateDict, boolean strict) {
        StateDict sd = new StateDict("Mamba", stateDict);
        Map<String, Integer> sizes = sd.verify(LAYOUT, strict);
        int dInner = sizes.get("E");
        int dState = sizes.get("N");
        int dModel = sizes.get("d_model");
        int dConv = sizes.get("W");
        int dtRank = sizes.get("R");
        Check.positive("d_inner", dInner);
        Check.positive("d_state", dState);
        Check.positive("d_model", dModel);
        Check.positive("d_conv", dConv);
        Check.positive("dt_rank", dtRank);
        double[] aLogV = sd.finiteDoubles("A_log", dInner, dState);
        double[] aNeg = new double[aLogV.length];
        for (int i = 0; i < aNeg.length; i++) {
            aNeg[i] = -Math.exp(aLogV[i]); // A = −exp(A_log) (11.2)
            if (Double.isInfinite(aNeg[i])) {
                throw new IllegalArgumentException("A_log: element " + i + " = " + aLogV[i]
                        + " gives A = −exp(A_log) = −Infinity; A_log must be <= 709");
            }
        }
        double[][] p = {
            sd.finiteDoubles("in_proj.weight", 2 * dInner, dModel),
            sd.optionalDoubles("in_proj.bias", 2 * dInner),
            sd.finiteDoubles("conv1d.weight", dInner, 1, dConv),
            sd.has("conv1d.bias") ? sd.finiteDoubles("conv1d.bias", dInner) : new double[dInner],
            sd.finiteDoubles("x_proj.weight", dtRank + 2 * dState, dInner),
            sd.finiteDoubles("dt_proj.weight", dInner, dtRank),
            sd.finiteDoubles("dt_proj.bias", dInner),
            aNeg,
            sd.finiteDoubles("D", dInner),
            sd.finiteDoubles("out_proj.weight", dModel, dInner),
            sd.optionalDoubles("out_proj.bias", dModel),
        };
        String[] names = {"in_proj.weight", "in_proj.bias", "conv1d.weight", "conv1d.bias", "x_proj.weight",
            "dt_proj.weight", "dt_proj.bias", "A_log (A = −exp(A_log))", "D", "out_proj.weight", "out_proj.bias"};
        StateDict.Narrowing narrowing = StateDict.narrowing();
        for (int i = 0; i < p.length; i++) {
            narrowing.scan(names[i], p[i]);
        }
        MambaF32 arithmetic32 = new MambaF32(dModel, dInner, dState, dConv, dtRank, p);
        super(dModel, 2L * dInner, Integer.MAX_VALUE / 2, "batch·d_inner·L", dInner * dConv, dInner * dState,
                arithmetic32, new MambaF64(dModel, dInner, dState, dConv, dtRank, p));
        this.f32 = arithmetic32;
        this.fp32 = narrowing;
        this.dInner = dInner;
        this.dState = dState;
        this.dConv = dConv;
        this.dtRank = dtRank;
    }

    /** E = d_inner = expand·d_model. */
    public int dInner() {
        return dInner;
    }

    /** N = d_state. */
    public int dState() {
        return dState;
    }

    /** W = d_conv. */
    public int dConv() {
        return dConv;
    }

    /** R = dt_rank. */
    public int dtRank() {
        return dtRank;
    }

    // ------------------------------------------------------------------ fp32

    /**
     * {@link #forward(SsmKernel, int, int, float[], float[], float[], float[])} that also adds the nanoseconds
     * spent per stage to {@code stageNanos}: [0] projections (in_proj, x_proj, dt_proj, out_proj), [1] causal
     * conv1d + SiLU, [2] selective scan. For profiles and benchmarks.
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] hidden, float[] out, float[] convState,
                        float[] ssmState, long[] stageNanos) {
        checkForwardF32(kernel, batch, length, hidden, out, convState, ssmState);
        ArrayArgs.need("stageNanos", stageNanos, 3);
        f32.forward(kernel, batch, length, hidden, out, convState, ssmState, stageNanos);
    }

    @Override
    protected void checkFp32() {
        fp32.check();
    }
}
