package ssm4j.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.io.TensorView;
import ssm4j.lm.checkpoint.Checkpoint;
import ssm4j.lm.checkpoint.CheckpointException;
import ssm4j.lm.checkpoint.CheckpointLoader;
import ssm4j.lm.checkpoint.ExpectedTensors;
import ssm4j.lm.mixer.Mamba1Mixer;
import ssm4j.lm.mixer.Mamba2Mixer;
import ssm4j.lm.mixer.Mixer;
import ssm4j.lm.mixer.MixerRun;
import ssm4j.lm.proj.WeightMatrix;

/**
 * A Mamba or Mamba-2 language model ({@code MambaLMHeadModel}, SPEC 13) over a published checkpoint: embedding
 * → n_layer × (RMSNorm, residual in fp32, mixer) → final RMSNorm → tied (or separate) lm_head with the padded
 * vocabulary Vp. Weights stay in the checkpoint's mapped files in their stored dtype (F32 or BF16; F16 widened).
 *
 * <pre>{@code
 * try (SsmLanguageModel m = SsmLanguageModel.load(Path.of("mamba-130m"))) {
 *     int[][] out = m.generate(SsmKernel.get(), new int[][] {prompt}, GenerationConfig.greedy(32),
 *             (seq, token) -> System.out.print(tokenizer.decode(token)));
 * }
 * }</pre>
 *
 * <p>Thread-safety: the model is immutable once loaded; {@link #logits}, {@link #prefill} and {@link #generate}
 * may run concurrently from several threads (each call has its own buffers). An {@link InferenceState} belongs to
 * one thread at a time. {@link #close} unmaps the weights: no call may be running or follow.
 */
public final class SsmLanguageModel implements AutoCloseable {
    private static final float NORM_EPS_DEFAULT = 1e-5f;
    private final LmConfig config;
    private final Checkpoint checkpoint;
    private final WeightMatrix embedding;
    private final WeightMatrix lmHead;
    private final float[][] layerNorm;
    private final float[] normF;
    private final Mixer[] mixers;
    private final float eps;

    private SsmLanguageModel(Checkpoint ck) {
        this.config = ck.config();
        this.checkpoint = ck;
        Map<String, TensorView> t = ck.tensors();
        int dm = config.dModel();
        int vp = config.paddedVocab();
        embedding = WeightMatrix.of(t.get(ExpectedTensors.EMBEDDING), vp, dm);
        TensorView head = t.get(ExpectedTensors.LM_HEAD);
        lmHead = config.tied() || head == null ? embedding : WeightMatrix.of(head, vp, dm);
        layerNorm = new float[config.nLayer()][];
        mixers = new Mixer[config.nLayer()];
        for (int i = 0; i < config.nLayer(); i++) {
            String p = "backbone.layers." + i + ".";
            layerNorm[i] = t.get(p + "norm.weight").toFloats();
            mixers[i] = config.arch() == LmConfig.Arch.MAMBA1 ? new Mamba1Mixer(config, t, p + "mixer.")
                    : new Mamba2Mixer(config, t, p + "mixer.");
        }
        normF = t.get("backbone.norm_f.weight").toFloats();
        eps = config.normEps() > 0 ? (float) config.normEps() : NORM_EPS_DEFAULT;
    }

    /**
     * Loads a checkpoint directory strictly ({@code config.json} + {@code model.safetensors} or a sharded index).
     *
     * @throws CheckpointException listing every tensor or config field that does not fit
     * @throws IOException         if a file is missing or malformed
     */
    public static SsmLanguageModel load(Path dir) throws IOException {
        return load(dir, true);
    }

    /**
     * Loads a checkpoint directory.
     *
     * @param strict false tolerates tensors the config does not use (missing or mis-shaped ones are still errors)
     */
    public static SsmLanguageModel load(Path dir, boolean strict) throws IOException {
        Checkpoint ck = CheckpointLoader.load(dir, strict);
        try {
            return new SsmLanguageModel(ck);
        } catch (RuntimeException e) {
            ck.close();
            throw e;
        }
    }

    /**
     * A model over tensors already in memory (e.g. golden {@code .npy} arrays wrapped as heap views).
     *
     * @throws CheckpointException if the tensors do not fit the config
     */
    public static SsmLanguageModel of(LmConfig config, Map<String, TensorView> tensors, boolean strict)
            throws CheckpointException {
        java.util.List<String> problems = ExpectedTensors.check(config, tensors, strict);
        if (!problems.isEmpty()) {
            throw new CheckpointException("tensors", problems);
        }
        return new SsmLanguageModel(new Checkpoint(config, tensors, null));
    }

    /** The configuration. */
    public LmConfig config() {
        return config;
    }

    /** Bytes of weights one decoding step reads (every projection, the lm_head once; small vectors ignored). */
    public long weightBytesPerToken() {
        return lmHead.bytes() + mixerBytes();
    }

    private long mixerBytes() {
        long per = 0;
        String p = "backbone.layers.0.mixer.";
        for (String k : new String[] {"in_proj.weight", "x_proj.weight", "dt_proj.weight", "out_proj.weight"}) {
            TensorView v = checkpoint.tensors().get(p + k);
            if (v != null) {
                per += v.count() * (v.dtype() == ssm4j.blocks.io.SafeDtype.BF16 ? 2 : 4);
            }
        }
        return per * config.nLayer();
    }

    // ------------------------------------------------------------------ forward

    private static int[] starts(int[][] seqs) {
        Check.notNull("sequences", seqs);
        if (seqs.length == 0) {
            throw new IllegalArgumentException("sequences: needs at least one sequence");
        }
        int[] st = new int[seqs.length + 1];
        for (int s = 0; s < seqs.length; s++) {
            Check.notNull("sequences[" + s + "]", seqs[s]);
            if (seqs[s].length == 0) {
                throw new IllegalArgumentException("sequences[" + s + "]: empty");
            }
            st[s + 1] = Math.addExact(st[s], seqs[s].length);
        }
        return st;
    }

    private void embed(int id, float[] dst, int off, String what) {
        if (id < 0 || id >= config.paddedVocab()) {
            throw new IllegalArgumentException(what + ": token id " + id + " outside [0, " + config.paddedVocab()
                    + ")");
        }
        embedding.widenRows(id, 1, dst, off);
    }

    /** RMSNorm of {@code rows} rows: {@code x/√(mean(x²) + eps)∘w} (13.3), sum of squares in double. */
    private void rmsNorm(float[] x, float[] w, float[] out, int rows) {
        int dm = config.dModel();
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int j = 0; j < dm; j++) {
                float v = x[r * dm + j];
                ss += (double) v * v;
            }
            float rstd = (float) (1 / Math.sqrt(ss / dm + eps));
            for (int j = 0; j < dm; j++) {
                out[r * dm + j] = x[r * dm + j] * rstd * w[j];
            }
        }
    }

    /**
     * The stack (13.3) over packed sequences: returns the final-normed hidden states (total, d_model) and fills
     * each layer's caches when {@code conv}/{@code ssm} are non-null.
     */
    private float[] backbone(MixerRun run, int[][] seqs, int[] st, float[][] conv, float[][] ssm) {
        int dm = config.dModel();
        int total = st[st.length - 1];
        float[] residual = new float[total * dm];
        float[] h = new float[total * dm];
        for (int s = 0; s < seqs.length; s++) {
            for (int t = 0; t < seqs[s].length; t++) {
                embed(seqs[s][t], h, (st[s] + t) * dm, "sequences[" + s + "][" + t + "]");
            }
        }
        float[] normed = new float[total * dm];
        for (int i = 0; i < mixers.length; i++) {
            addResidual(residual, h, total * dm, i == 0);
            rmsNorm(residual, layerNorm[i], normed, total);
            Mixer m = mixers[i];
            float[] c = conv != null ? conv[i] : new float[seqs.length * m.convRows() * m.dConv()];
            float[] s = ssm != null ? ssm[i] : new float[seqs.length * m.ssmSize()];
            m.prefill(run, total, st, normed, h, c, s);
        }
        addResidual(residual, h, total * dm, false);
        rmsNorm(residual, normF, normed, total);
        return normed;
    }

    /** r = h (first layer) or r = h + r, in float32 (residual_in_fp32). */
    private static void addResidual(float[] r, float[] h, int n, boolean first) {
        if (first) {
            System.arraycopy(h, 0, r, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                r[i] += h[i];
            }
        }
    }

    /**
     * Logits of every position of every sequence (13.3): returns (Σ len, Vp) row-major, sequence after sequence.
     * Sequences may differ in length; each is computed as if alone.
     *
     * @throws IllegalArgumentException on an empty sequence or a token id outside [0, Vp)
     */
    public float[] logits(SsmKernel kernel, int[][] sequences) {
        Check.notNull("kernel", kernel);
        int[] st = starts(sequences);
        MixerRun run = MixerRun.of(kernel);
        float[] hf = backbone(run, sequences, st, null, null);
        int total = st[st.length - 1];
        float[] out = new float[Math.multiplyExact(total, config.paddedVocab())];
        run.projector().apply(lmHead, total, hf, 0, out, 0);
        return out;
    }

    /**
     * Log-likelihood of each token of {@code ids} after the first given its prefix: {@code out[i] = log softmax(
     * logits[i])[ids[i+1]]} over the first V columns, from one forward pass (the lm_head runs on blocks of 64
     * positions, so a long text never holds L × Vp logits).
     *
     * @throws IllegalArgumentException if fewer than two ids are given or an id is outside [0, V)
     */
    public double[] logLikelihoods(SsmKernel kernel, int[] ids) {
        Check.notNull("kernel", kernel);
        Check.notNull("ids", ids);
        if (ids.length < 2) {
            throw new IllegalArgumentException("ids: needs at least 2 tokens, got " + ids.length);
        }
        int v = config.vocabSize();
        int vp = config.paddedVocab();
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= v) {
                throw new IllegalArgumentException("ids[" + i + "]: token id " + ids[i] + " outside [0, " + v + ")");
            }
        }
        int[][] seqs = {ids};
        MixerRun run = MixerRun.of(kernel);
        float[] hf = backbone(run, seqs, starts(seqs), null, null);
        int dm = config.dModel();
        int block = 64;
        float[] lg = new float[block * vp];
        double[] out = new double[ids.length - 1];
        for (int t0 = 0; t0 < ids.length - 1; t0 += block) {
            int m = Math.min(block, ids.length - 1 - t0);
            run.projector().apply(lmHead, m, hf, t0 * dm, lg, 0);
            for (int k = 0; k < m; k++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < v; j++) {
                    max = Math.max(max, lg[k * vp + j]);
                }
                double sum = 0;
                for (int j = 0; j < v; j++) {
                    sum += Math.exp(lg[k * vp + j] - max);
                }
                out[t0 + k] = lg[k * vp + ids[t0 + k + 1]] - max - Math.log(sum);
            }
        }
        return out;
    }

    /**
     * Prefill (13.4): one forward over each prompt (packed, any lengths) filling every layer's caches; the state's
     * {@link InferenceState#logits()} holds each prompt's last-position logits.
     */
    public InferenceState prefill(SsmKernel kernel, int[][] prompts) {
        Check.notNull("kernel", kernel);
        int[] st = starts(prompts);
        MixerRun run = MixerRun.of(kernel);
        InferenceState state = new InferenceState(run, prompts.length, mixers, config.dModel(),
                config.paddedVocab());
        float[] hf = backbone(run, prompts, st, state.conv, state.ssm);
        int dm = config.dModel();
        float[] last = new float[prompts.length * dm];
        for (int s = 0; s < prompts.length; s++) {
            System.arraycopy(hf, (st[s + 1] - 1) * dm, last, s * dm, dm);
        }
        run.projector().apply(lmHead, prompts.length, last, 0, state.logits, 0);
        state.tokensSeen = st[st.length - 1];
        state.prompts = prompts;
        return state;
    }

    /**
     * One decoding step: feeds {@code tokens[s]} to sequence s through every mixer's {@code step()} and leaves the
     * next logits in {@link InferenceState#logits()}. Allocates nothing beyond the projector's task handles.
     */
    public void step(InferenceState state, int[] tokens) {
        Check.notNull("state", state);
        Check.notNull("tokens", tokens);
        if (tokens.length != state.batch) {
            throw new IllegalArgumentException("tokens: needs " + state.batch + " ids, got " + tokens.length);
        }
        int b = state.batch;
        for (int s = 0; s < b; s++) {
            embed(tokens[s], state.hidden, s * config.dModel(), "tokens[" + s + "]");
        }
        for (int i = 0; i < mixers.length; i++) {
            addResidual(state.residual, state.hidden, b * config.dModel(), i == 0);
            rmsNorm(state.residual, layerNorm[i], state.normed, b);
            mixers[i].step(state.run, b, state.normed, state.conv[i], state.ssm[i], state.hidden, state.buffers);
        }
        addResidual(state.residual, state.hidden, b * config.dModel(), false);
        rmsNorm(state.residual, normF, state.normed, b);
        state.run.projector().apply(lmHead, b, state.normed, 0, state.logits, 0);
        state.tokensSeen += b;
        state.stepped = true;
    }

    /**
     * Generates up to {@code cfg.maxNewTokens()} tokens after each prompt: prefill, then one step per token, each
     * token chosen by {@link Sampler} from the first V logits. {@code listener} sees every token as it is chosen;
     * a sequence ends when {@code cfg.stop()} accepts its token (the token is kept) or at the limit; finished
     * sequences keep stepping with their last token but emit nothing (so the batch shape never changes).
     *
     * @return per sequence the prompt followed by its new tokens
     */
    public int[][] generate(SsmKernel kernel, int[][] prompts, GenerationConfig cfg, TokenListener listener) {
        Check.notNull("cfg", cfg);
        return generate(prefill(kernel, prompts), cfg, listener);
    }

    /**
     * {@link #generate(SsmKernel, int[][], GenerationConfig, TokenListener)} from a fresh {@link #prefill} state
     * (so callers can time prefill and decode apart).
     *
     * @throws IllegalArgumentException if the state has already been stepped
     */
    public int[][] generate(InferenceState st, GenerationConfig cfg, TokenListener listener) {
        Check.notNull("state", st);
        Check.notNull("cfg", cfg);
        if (st.stepped) {
            throw new IllegalArgumentException("state: generate needs a state fresh from prefill");
        }
        int[][] prompts = st.prompts;
        Sampler sampler = new Sampler(cfg, config.vocabSize(), config.paddedVocab());
        int b = prompts.length;
        int[][] out = new int[b][];
        int[] len = new int[b];
        boolean[] done = new boolean[b];
        int[] next = new int[b];
        for (int s = 0; s < b; s++) {
            out[s] = java.util.Arrays.copyOf(prompts[s], prompts[s].length + cfg.maxNewTokens());
            len[s] = prompts[s].length;
        }
        int alive = b;
        for (int k = 0; k < cfg.maxNewTokens() && alive > 0; k++) {
            if (k > 0) {
                step(st, next);
            }
            for (int s = 0; s < b; s++) {
                if (done[s]) {
                    continue;
                }
                int tok = sampler.pick(st.logits, s * config.paddedVocab());
                next[s] = tok;
                out[s][len[s]++] = tok;
                if (listener != null) {
                    listener.onToken(s, tok);
                }
                if (cfg.stop() != null && cfg.stop().test(tok)) {
                    done[s] = true;
                    alive--;
                }
            }
        }
        for (int s = 0; s < b; s++) {
            out[s] = java.util.Arrays.copyOf(out[s], len[s]);
        }
        return out;
    }

    /** Unmaps the checkpoint. */
    @Override
    public void close() {
        checkpoint.close();
    }
}
