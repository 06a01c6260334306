package ssm4j.lm.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ssm4j.blocks.io.TensorView;
import ssm4j.lm.LmConfig;

/**
 * The tensors a configuration implies, by canonical name (SPEC 13.2), with their shapes and the config fields
 * each shape comes from, and the strict comparison of a checkpoint's tensors against them.
 */
public final class ExpectedTensors {
    /** The state-spaces name of the embedding; Hugging Face calls it {@code backbone.embeddings.weight}. */
    public static final String EMBEDDING = "backbone.embedding.weight";
    /** Hugging Face transformers' name of the embedding. */
    public static final String HF_EMBEDDING = "backbone.embeddings.weight";
    /** The output projection (absent from tied checkpoints, or the same values as the embedding). */
    public static final String LM_HEAD = "lm_head.weight";

    private ExpectedTensors() {
    }

    /** One expected tensor: shape and the fields that fix it. */
    record Spec(int[] shape, String from) {
    }

    /** Every required tensor of {@code c} (lm_head only when untied), in state_dict order. */
    static Map<String, Spec> of(LmConfig c) {
        Map<String, Spec> m = new LinkedHashMap<>();
        String dm = c.hfNames() ? "hidden_size" : "d_model";
        String vocab = c.hfNames() ? "vocab_size" : "vocab_size, pad_vocab_size_multiple";
        m.put(EMBEDDING, new Spec(new int[] {c.paddedVocab(), c.dModel()}, vocab + ", " + dm));
        int e = c.dInner();
        int n = c.dState();
        String en = "expand·" + dm;
        for (int i = 0; i < c.nLayer(); i++) {
            String p = "backbone.layers." + i + ".";
            m.put(p + "norm.weight", new Spec(new int[] {c.dModel()}, dm));
            String x = p + "mixer.";
            m.put(x + "in_proj.weight", new Spec(new int[] {c.inProjRows(), c.dModel()}, c.arch()
                    == LmConfig.Arch.MAMBA1 ? "2·" + en + ", " + dm : "2E+2GN+H from " + en + ", state, groups, "
                    + "headdim"));
            if (c.bias()) {
                m.put(x + "in_proj.bias", new Spec(new int[] {c.inProjRows()}, "bias"));
            }
            m.put(x + "conv1d.weight", new Spec(new int[] {c.convDim(), 1, c.dConv()}, "conv width, " + en));
            if (c.convBias()) {
                m.put(x + "conv1d.bias", new Spec(new int[] {c.convDim()}, "conv bias, " + en));
            }
            if (c.arch() == LmConfig.Arch.MAMBA1) {
                m.put(x + "x_proj.weight", new Spec(new int[] {c.dtRank() + 2 * n, e}, "dt_rank, d_state, " + en));
                m.put(x + "dt_proj.weight", new Spec(new int[] {e, c.dtRank()}, "dt_rank, " + en));
                m.put(x + "dt_proj.bias", new Spec(new int[] {e}, en));
                m.put(x + "A_log", new Spec(new int[] {e, n}, "d_state, " + en));
                m.put(x + "D", new Spec(new int[] {e}, en));
            } else {
                int h = c.nheads();
                m.put(x + "dt_bias", new Spec(new int[] {h}, "heads = " + en + " / headdim"));
                m.put(x + "A_log", new Spec(new int[] {h}, "heads = " + en + " / headdim"));
                m.put(x + "D", new Spec(c.dHasHdim() ? new int[] {e} : new int[] {h}, "heads, D_has_hdim"));
                m.put(x + "norm.weight", new Spec(new int[] {e}, en));
            }
            m.put(x + "out_proj.weight", new Spec(new int[] {c.dModel(), e}, dm + ", " + en));
            if (c.bias()) {
                m.put(x + "out_proj.bias", new Spec(new int[] {c.dModel()}, "bias"));
            }
        }
        m.put("backbone.norm_f.weight", new Spec(new int[] {c.dModel()}, dm));
        if (!c.tied()) {
            m.put(LM_HEAD, new Spec(new int[] {c.paddedVocab(), c.dModel()}, vocab + ", " + dm));
        }
        return m;
    }

    /**
     * Compares {@code tensors} (canonical names) with what {@code c} needs.
     *
     * @param strict whether unexpected tensors are problems (missing and mis-shaped ones always are)
     * @return the problems, empty when the checkpoint fits
     */
    public static List<String> check(LmConfig c, Map<String, TensorView> tensors, boolean strict) {
        Map<String, Spec> want = of(c);
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Spec> w : want.entrySet()) {
            TensorView t = tensors.get(w.getKey());
            if (t == null) {
                missing.add(w.getKey());
                continue;
            }
            if (!Arrays.equals(t.shape(), w.getValue().shape())) {
                problems.add("size mismatch for " + w.getKey() + ": checkpoint has " + Arrays.toString(t.shape())
                        + ", the config (" + w.getValue().from() + ") needs " + Arrays.toString(w.getValue().shape()));
            }
            if (!t.dtype().isFloat()) {
                problems.add(w.getKey() + ": dtype " + t.dtype() + " is not a float type (F32, BF16, F16, F64)");
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing key(s): " + String.join(", ", missing));
        }
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, TensorView> t : tensors.entrySet()) {
            String k = t.getKey();
            if (want.containsKey(k)) {
                continue;
            }
            if (k.equals(LM_HEAD) && c.tied()) {
                // a tied checkpoint may still store the head: it must then be the embedding's shape
                if (!Arrays.equals(t.getValue().shape(), want.get(EMBEDDING).shape())) {
                    problems.add("size mismatch for " + LM_HEAD + ": checkpoint has "
                            + Arrays.toString(t.getValue().shape()) + ", tied to the embedding "
                            + Arrays.toString(want.get(EMBEDDING).shape()));
                }
                continue;
            }
            unexpected.add(k);
        }
        if (strict && !unexpected.isEmpty()) {
            problems.add("unexpected key(s): " + String.join(", ", unexpected)
                    + (unexpected.stream().anyMatch(u -> u.startsWith("backbone.layers.")) ? " (more layers than "
                    + (c.hfNames() ? "num_hidden_layers" : "n_layer") + " = " + c.nLayer() + "?)" : ""));
        }
        return problems;
    }
}
