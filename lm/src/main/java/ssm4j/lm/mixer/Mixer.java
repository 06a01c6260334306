package ssm4j.lm.mixer;

import java.util.Map;

import ssm4j.blocks.io.TensorView;
import ssm4j.lm.LmConfig;
import ssm4j.lm.proj.WeightMatrix;

/**
 * One layer's sequence mixer (Mamba-1 or Mamba-2) inside a language model, in fp32, with per-sequence caches:
 * {@code conv} (S, convRows, W) holds the last W pre-convolution inputs of each sequence, oldest first, and
 * {@code ssm} (S, ssmSize) its scan state, as the reference's {@code allocate_inference_cache} lays them out.
 * Immutable after construction and thread-safe; callers own the caches and the step buffers. The cache sizes
 * and the weights both mixers have (in_proj, out_proj and their biases, conv1d) are read here, once for both.
 */
public abstract sealed class Mixer permits Mamba1Mixer, Mamba2Mixer {
    private final int convRows;
    private final int ssmSize;
    /** d_model, E = d_inner, N = d_state, W = d_conv. */
    final int dm;
    final int e;
    final int n;
    final int w;
    final WeightMatrix inProj;
    final WeightMatrix outProj;
    final float[] inBias;
    final float[] outBias;
    final float[] convW;
    final float[] convB;

    /**
     * Reads the shared weights under {@code prefix}: in_proj ({@code inRows}, d_model), out_proj (d_model, E), the
     * biases when the config has them, conv1d ({@code convRows}, 1, W) and its bias (zeros when absent).
     */
    Mixer(LmConfig c, Map<String, TensorView> t, String prefix, int inRows, int convRows) {
        this.convRows = convRows;
        dm = c.dModel();
        e = c.dInner();
        n = c.dState();
        w = c.dConv();
        ssmSize = e * n;
        inProj = WeightMatrix.of(t.get(prefix + "in_proj.weight"), inRows, dm);
        outProj = WeightMatrix.of(t.get(prefix + "out_proj.weight"), dm, e);
        inBias = c.bias() ? t.get(prefix + "in_proj.bias").toFloats() : null;
        outBias = c.bias() ? t.get(prefix + "out_proj.bias").toFloats() : null;
        convW = t.get(prefix + "conv1d.weight").toFloats();
        convB = c.convBias() ? t.get(prefix + "conv1d.bias").toFloats() : new float[convRows];
    }

    /** Channels of the causal convolution (E for Mamba-1, E + 2GN for Mamba-2). */
    public final int convRows() {
        return convRows;
    }

    /** W, the convolution width. */
    public final int dConv() {
        return w;
    }

    /** Floats of one sequence's scan state. */
    public final int ssmSize() {
        return ssmSize;
    }

    /**
     * Prefill: {@code in} holds the normalised hidden states of S sequences packed along time, (total, d_model)
     * with sequence s at rows {@code [starts[s], starts[s+1])}; writes {@code out} (total, d_model) and fills
     * each sequence's caches from its prompt.
     */
    public abstract void prefill(MixerRun run, int total, int[] starts, float[] in, float[] out, float[] conv, float[] ssm);

    /** One token for each of {@code batch} sequences: in (batch, d_model) → out (batch, d_model), caches updated. */
    public abstract void step(MixerRun run, int batch, float[] in, float[] conv, float[] ssm, float[] out, StepBuffers buf);

    /** Buffers for {@link #step} with up to {@code batch} sequences. */
    public abstract StepBuffers newStepBuffers(int batch);
}
