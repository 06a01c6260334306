package ssm4j.cli.golden;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.TensorView;
import ssm4j.lm.InferenceState;
import ssm4j.lm.LmConfig;
import ssm4j.lm.Sampler;
import ssm4j.lm.SsmLanguageModel;

/**
 * Golden runner for the language models (SPEC 13): {@code mamba_lm} and {@code mamba2_lm}. The model is built
 * strictly from the case's {@code params.config} (its config.json) and its state_dict inputs; {@code logits} come
 * from one forward over {@code input_ids}; {@code generated_ids} and {@code decode_scores} from greedy decoding
 * of {@code prompt_ids} as the reference's {@code decode()} does it: prefill, then one {@code step()} per token,
 * argmax over the first V logits. The model computes in fp32, so both precision lines run the same code (the
 * fp64 line is where the checker compares the integer ids).
 */
public final class LmCases implements CaseRunner {
    private static int[][] ids(NpyArray a) {
        int b = a.dim(0);
        int l = a.dim(1);
        double[] d = a.data();
        int[][] out = new int[b][l];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < l; t++) {
                out[i][t] = Math.toIntExact((long) d[i * l + t]);
            }
        }
        return out;
    }

    /** The case's model: its config and every input other than the token ids, as heap tensors. */
    static SsmLanguageModel model(GoldenCase c) throws IOException {
        LmConfig cfg = LmConfig.parse(c.param("config").getAsJsonObject(), c.name() + " config");
        Map<String, TensorView> t = new LinkedHashMap<>();
        for (String n : c.inputNames()) {
            if (n.equals("input_ids") || n.equals("prompt_ids")) {
                continue;
            }
            NpyArray a = c.input(n);
            t.put(n, new TensorView(n, SafeDtype.F32, a.shape(), MemorySegment.ofArray(a.toFloats())));
        }
        return SsmLanguageModel.of(cfg, t, true);
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (SsmLanguageModel m = model(c)) {
            float[] logits = m.logits(kernel, ids(c.input("input_ids")));
            out.put("logits", wide(logits, logits.length));
            int[][] prompts = ids(c.input("prompt_ids"));
            int nNew = c.intParam("n_new");
            int v = m.config().vocabSize();
            int vp = m.config().paddedVocab();
            int b = prompts.length;
            int plen = prompts[0].length;
            double[] gen = new double[b * (plen + nNew)];
            double[] scores = new double[b * nNew * v];
            for (int s = 0; s < b; s++) {
                for (int t = 0; t < plen; t++) {
                    gen[s * (plen + nNew) + t] = prompts[s][t];
                }
            }
            InferenceState st = m.prefill(kernel, prompts);
            int[] next = new int[b];
            for (int k = 0; k < nNew; k++) {
                if (k > 0) {
                    m.step(st, next);
                }
                float[] lg = st.logits();
                for (int s = 0; s < b; s++) {
                    for (int i = 0; i < v; i++) {
                        scores[(s * nNew + k) * v + i] = lg[s * vp + i];
                    }
                    next[s] = Sampler.argmax(lg, s * vp, v);
                    gen[s * (plen + nNew) + plen + k] = next[s];
                }
            }
            out.put("generated_ids", gen);
            out.put("decode_scores", scores);
        }
        return out;
    }

    private static double[] wide(float[] a, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
