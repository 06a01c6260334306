package ssm4j.lm;

import ssm4j.lm.mixer.Mixer;
import ssm4j.lm.mixer.MixerRun;
import ssm4j.lm.mixer.StepBuffers;

/**
 * The decoding caches of a batch of sequences after {@link SsmLanguageModel#prefill}: per layer the conv and SSM
 * states of every sequence (the reference's {@code InferenceParams.key_value_memory_dict}), the logits of each
 * sequence's last position ({@code batch × Vp}), and the scratch of a step, so that {@link SsmLanguageModel#step}
 * allocates nothing. Not thread-safe: one state belongs to one generation on one thread at a time (several
 * states may run concurrently on one model).
 */
public final class InferenceState {
    final MixerRun run;
    final int batch;
    final float[][] conv;
    final float[][] ssm;
    final float[] logits;
    final float[] residual;
    final float[] hidden;
    final float[] normed;
    final float[] mixed;
    final StepBuffers buffers;
    int tokensSeen;
    int[][] prompts;
    boolean stepped;

    InferenceState(MixerRun run, int batch, Mixer[] mixers, int dModel, int paddedVocab) {
        this.run = run;
        this.batch = batch;
        conv = new float[mixers.length][];
        ssm = new float[mixers.length][];
        for (int i = 0; i < mixers.length; i++) {
            conv[i] = new float[batch * mixers[i].convRows() * mixers[i].dConv()];
            ssm[i] = new float[batch * mixers[i].ssmSize()];
        }
        logits = new float[batch * paddedVocab];
        residual = new float[batch * dModel];
        hidden = new float[batch * dModel];
        normed = new float[batch * dModel];
        mixed = new float[batch * dModel];
        buffers = mixers[0].newStepBuffers(batch);
    }

    /** Number of sequences. */
    public int batch() {
        return batch;
    }

    /**
     * The logits of each sequence's latest position, (batch, Vp) row-major — a live view, overwritten by the next
     * step.
     */
    public float[] logits() {
        return logits;
    }

    /** The conv cache of layer {@code layer}, (batch, convRows, W) — a live view. */
    public float[] convState(int layer) {
        return conv[layer];
    }

    /** The SSM cache of layer {@code layer} — a live view. */
    public float[] ssmState(int layer) {
        return ssm[layer];
    }
}
