package ssm4j.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The configuration of a Mamba or Mamba-2 language model (SPEC 13.1), read from a checkpoint's
 * {@code config.json} in either convention: state-spaces/mamba's {@code MambaConfig} ({@code d_model},
 * {@code n_layer}, {@code vocab_size}, {@code ssm_cfg} with {@code "layer": "Mamba1"|"Mamba2"} and the mixer's
 * keyword arguments, {@code pad_vocab_size_multiple}, {@code tie_embeddings}) or Hugging Face transformers'
 * {@code MambaConfig} / {@code Mamba2Config} ({@code model_type}, {@code hidden_size}, {@code num_hidden_layers},
 * {@code state_size}, {@code conv_kernel}, {@code time_step_rank}, {@code n_groups}, {@code head_dim},
 * {@code num_heads}, {@code tie_word_embeddings}, ...). Absent mixer fields take the mixer's defaults.
 *
 * @param arch          MAMBA1 or MAMBA2 layers
 * @param hfNames       whether the checkpoint uses Hugging Face's names ({@code backbone.embeddings.weight})
 * @param dModel        d_model
 * @param nLayer        number of layers
 * @param vocabSize     V: the vocabulary greedy decoding and sampling choose from
 * @param paddedVocab   Vp: rows of the embedding and columns of the logits (13.1)
 * @param tied          whether lm_head is the embedding
 * @param normEps       epsilon of every RMSNorm
 * @param dState        N
 * @param dConv         W
 * @param dInner        E = expand·d_model
 * @param dtRank        R (Mamba-1)
 * @param convBias      conv1d has a bias
 * @param bias          in_proj / out_proj have biases
 * @param headdim       P (Mamba-2)
 * @param ngroups       G (Mamba-2)
 * @param nheads        H = E / P (Mamba-2)
 * @param chunkSize     SSD chunk length (Mamba-2; does not change results)
 * @param dHasHdim      D is (H, P) instead of (H) (Mamba-2)
 */
public record LmConfig(Arch arch, boolean hfNames, int dModel, int nLayer, int vocabSize, int paddedVocab,
                       boolean tied, double normEps, int dState, int dConv, int dInner, int dtRank, boolean convBias,
                       boolean bias, int headdim, int ngroups, int nheads, int chunkSize, boolean dHasHdim) {
    /** The mixer of every layer. */
    public enum Arch {
        /** Mamba-1 selective-scan mixer (SPEC 11.2). */
        MAMBA1,
        /** Mamba-2 SSD mixer (SPEC 12.6). */
        MAMBA2
    }

    /** Conv channels of the mixer: E for Mamba-1, E + 2·G·N for Mamba-2. */
    public int convDim() {
        return arch == Arch.MAMBA1 ? dInner : dInner + 2 * ngroups * dState;
    }

    /** Rows of in_proj: 2E (Mamba-1) or 2E + 2GN + H (Mamba-2). */
    public int inProjRows() {
        return arch == Arch.MAMBA1 ? 2 * dInner : 2 * dInner + 2 * ngroups * dState + nheads;
    }

    /**
     * Reads a config.json object.
     *
     * @param what names the file in messages
     * @throws IllegalArgumentException listing every missing, ill-typed, unsupported or contradicting field
     */
    public static LmConfig parse(JsonObject c, String what) {
        Fields f = new Fields(c, what);
        LmConfig cfg = c.has("d_model") || c.has("ssm_cfg") ? stateSpaces(f) : huggingFace(f);
        f.throwIfProblems();
        return cfg;
    }

    private static LmConfig stateSpaces(Fields f) {
        int dModel = f.intField("d_model", -1);
        int nLayer = f.intField("n_layer", -1);
        int vocab = f.intField("vocab_size", -1);
        int pad = f.intField("pad_vocab_size_multiple", 8);
        boolean tied = f.boolField("tie_embeddings", true);
        f.unsupportedUnless("d_intermediate", f.intField("d_intermediate", 0) == 0, "MLP layers (d_intermediate > 0)");
        f.unsupportedUnless("rms_norm", f.boolField("rms_norm", true), "LayerNorm (rms_norm false)");
        JsonElement attn = f.raw("attn_layer_idx");
        f.unsupportedUnless("attn_layer_idx", attn == null || attn.isJsonNull()
                || attn.isJsonArray() && attn.getAsJsonArray().isEmpty(), "attention layers");
        Fields s = f.sub("ssm_cfg");
        String layer = s.stringField("layer", "Mamba1");
        Arch arch = arch(f, layer, "Mamba1", "Mamba2", "ssm_cfg.layer: unknown mixer '" + layer
                + "' (Mamba1 or Mamba2)");
        int paddedVocab = pad > 0 && vocab > 0 ? (vocab + pad - 1) / pad * pad : vocab;
        return mixer(f, s, arch, false, dModel, nLayer, vocab, paddedVocab, tied, 1e-5, "d_state", "d_conv",
                "dt_rank", "conv_bias", "bias", "headdim", "ngroups", null);
    }

    /** The architecture {@code name} names in a config's spelling ({@code mamba1}, {@code mamba2}); else a problem. */
    private static Arch arch(Fields f, String name, String mamba1, String mamba2, String problem) {
        if (name.equals(mamba1)) {
            return Arch.MAMBA1;
        }
        if (name.equals(mamba2)) {
            return Arch.MAMBA2;
        }
        f.problem(problem);
        return Arch.MAMBA1;
    }

    private static LmConfig huggingFace(Fields f) {
        String type = f.stringField("model_type", "mamba");
        Arch arch = arch(f, type, "mamba", "mamba2", "model_type: '" + type
                + "' is not a Mamba model (mamba or mamba2)");
        int dModel = f.intField("hidden_size", -1);
        int nLayer = f.intField("num_hidden_layers", -1);
        int vocab = f.intField("vocab_size", -1);
        boolean tied = f.boolField("tie_word_embeddings", arch == Arch.MAMBA1);
        double eps = f.doubleField("layer_norm_epsilon", 1e-5);
        f.unsupportedUnless("rms_norm", f.boolField("rms_norm", true), "LayerNorm (rms_norm false)");
        JsonElement lim = f.raw("time_step_limit");
        if (lim != null && lim.isJsonArray() && lim.getAsJsonArray().size() == 2) {
            JsonElement hi = lim.getAsJsonArray().get(1);
            double lo = lim.getAsJsonArray().get(0).getAsDouble();
            boolean inf = hi.isJsonPrimitive() && (hi.getAsJsonPrimitive().isString() || hi.getAsDouble() > 1e30);
            f.unsupportedUnless("time_step_limit", lo == 0 && inf, "a dt limit other than (0, inf)");
        }
        return mixer(f, f, arch, true, dModel, nLayer, vocab, vocab, tied, eps, "state_size", "conv_kernel",
                "time_step_rank", "use_conv_bias", "use_bias", "head_dim", "n_groups", "num_heads");
    }

    private static LmConfig mixer(Fields f, Fields s, Arch arch, boolean hf, int dModel, int nLayer, int vocab,
                                  int paddedVocab, boolean tied, double eps, String kState, String kConv,
                                  String kRank, String kConvBias, String kBias, String kHeaddim, String kGroups,
                                  String kHeads) {
        boolean m1 = arch == Arch.MAMBA1;
        int dState = s.intField(kState, m1 ? 16 : 128);
        int dConv = s.intField(kConv, 4);
        int expand = s.intField("expand", 2);
        int dInner = expand * Math.max(dModel, 0);
        boolean convBias = s.boolField(kConvBias, true);
        boolean bias = s.boolField(kBias, false);
        int dtRank = 0;
        int headdim = 0;
        int ngroups = 0;
        int nheads = 0;
        int chunk = 0;
        boolean dHasHdim = false;
        if (m1) {
            JsonElement r = s.raw(kRank);
            dtRank = r == null || r.isJsonNull() || r.isJsonPrimitive() && r.getAsJsonPrimitive().isString()
                    && r.getAsString().equals("auto") ? (dModel + 15) / 16 : s.intField(kRank, -1);
        } else {
            headdim = s.intField(kHeaddim, 64);
            ngroups = s.intField(kGroups, 1);
            chunk = s.intField("chunk_size", 256);
            dHasHdim = s.boolField("D_has_hdim", false);
            if (!hf) {
                s.unsupportedUnless("rmsnorm", s.boolField("rmsnorm", true), "Mamba-2 without the gated RMSNorm");
                s.unsupportedUnless("norm_before_gate", !s.boolField("norm_before_gate", false),
                        "norm_before_gate=True");
                JsonElement dssm = s.raw("d_ssm");
                s.unsupportedUnless("d_ssm", dssm == null || dssm.isJsonNull() || dssm.getAsInt() == dInner,
                        "d_ssm != d_inner (an MLP part inside the mixer)");
                JsonElement lim = s.raw("dt_limit");
                s.unsupportedUnless("dt_limit", lim == null || lim.isJsonArray() && lim.getAsJsonArray().size() == 2
                        && lim.getAsJsonArray().get(0).getAsDouble() == 0
                        && lim.getAsJsonArray().get(1).getAsDouble() > 1e30, "a dt_limit other than (0, inf)");
            }
            if (headdim > 0 && dInner % headdim != 0) {
                f.problem(kHeaddim + ": " + headdim + " does not divide d_inner = " + dInner);
            }
            nheads = headdim > 0 ? dInner / headdim : 0;
            if (kHeads != null && s.raw(kHeads) != null && s.intField(kHeads, nheads) != nheads) {
                f.problem(kHeads + ": " + s.intField(kHeads, nheads) + " contradicts d_inner / " + kHeaddim + " = "
                        + nheads);
            }
            if (ngroups > 0 && nheads % ngroups != 0) {
                f.problem(kGroups + ": " + ngroups + " does not divide the " + nheads + " heads");
            }
        }
        for (Object[] pos : new Object[][] {{hf ? "hidden_size" : "d_model", dModel},
                {hf ? "num_hidden_layers" : "n_layer", nLayer}, {"vocab_size", vocab}, {kState, dState},
                {kConv, dConv}, {"expand", expand}}) {
            if ((int) pos[1] < 1) {
                f.problem(pos[0] + ": must be a positive integer, got " + pos[1]);
            }
        }
        return new LmConfig(arch, hf, dModel, nLayer, vocab, paddedVocab, tied, eps, dState, dConv, dInner, dtRank,
                convBias, bias, headdim, ngroups, nheads, chunk, dHasHdim);
    }

    /** Typed access to a JSON object that collects problems instead of failing on the first. */
    private static final class Fields {
        private final JsonObject o;
        private final String what;
        private final String prefix;
        private final List<String> problems;

        Fields(JsonObject o, String what) {
            this(o, what, "", new ArrayList<>());
        }

        private Fields(JsonObject o, String what, String prefix, List<String> problems) {
            this.o = o;
            this.what = what;
            this.prefix = prefix;
            this.problems = problems;
        }

        Fields sub(String key) {
            JsonElement e = o.get(key);
            if (e != null && !e.isJsonNull() && !e.isJsonObject()) {
                problem(prefix + key + ": must be an object");
            }
            JsonObject sub = e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
            return new Fields(sub, what, prefix + key + ".", problems);
        }

        JsonElement raw(String key) {
            return o.get(key);
        }

        void problem(String p) {
            problems.add(p);
        }

        void unsupportedUnless(String key, boolean ok, String feature) {
            if (!ok) {
                problems.add(prefix + key + ": " + feature + " is not supported");
            }
        }

        /**
         * The value of {@code key} read by {@code read} (null or an exception: not of the {@code expected} kind,
         * a problem); {@code dflt} when absent (a problem when {@code required}) or unreadable.
         */
        private <T> T field(String key, T dflt, boolean required, String expected, Function<JsonElement, T> read) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                if (required) {
                    problems.add(prefix + key + ": missing");
                }
                return dflt;
            }
            T v;
            try {
                v = read.apply(e);
            } catch (RuntimeException ex) {
                v = null;
            }
            if (v == null) {
                problems.add(prefix + key + ": must be " + expected + ", got " + e);
                return dflt;
            }
            return v;
        }

        int intField(String key, int dflt) {
            return field(key, dflt, dflt < 0, "an integer",
                    e -> e.getAsJsonPrimitive().getAsBigDecimal().intValueExact());
        }

        double doubleField(String key, double dflt) {
            return field(key, dflt, false, "a number", e -> e.getAsJsonPrimitive().getAsDouble());
        }

        boolean boolField(String key, boolean dflt) {
            return field(key, dflt, false, "true or false",
                    e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : null);
        }

        String stringField(String key, String dflt) {
            return field(key, dflt, false, "a string",
                    e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null);
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(what + ": config problems: " + String.join("; ", problems));
            }
        }
    }
}
