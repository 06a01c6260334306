package ssm4j.lm.mixer;

/**
 * One layer's sequence mixer (Mamba-1 or Mamba-2) inside a language model, in fp32, with per-sequence caches:
 * {@code conv} (S, convRows, W) holds the last W pre-convolution inputs of each sequence, oldest first, and
 * {@code ssm} (S, ssmSize) its scan state, as the reference's {@code allocate_inference_cache} lays them out.
 * Immutable after construction and thread-safe; callers own the caches and the step buffers.
 */
public interface Mixer {
    /** Channels of the causal convolution (E for Mamba-1, E + 2GN for Mamba-2). */
    int convRows();

    /** W, the convolution width. */
    int dConv();

    /** Floats of one sequence's scan state. */
    int ssmSize();

    /**
     * Prefill: {@code in} holds the normalised hidden states of S sequences packed along time, (total, d_model)
     * with sequence s at rows {@code [starts[s], starts[s+1])}; writes {@code out} (total, d_model) and fills
     * each sequence's caches from its prompt.
     */
    void prefill(MixerRun run, int total, int[] starts, float[] in, float[] out, float[] conv, float[] ssm);

    /** One token for each of {@code batch} sequences: in (batch, d_model) → out (batch, d_model), caches updated. */
    void step(MixerRun run, int batch, float[] in, float[] conv, float[] ssm, float[] out, StepBuffers buf);

    /** Buffers for {@link #step} with up to {@code batch} sequences. */
    StepBuffers newStepBuffers(int batch);
}
