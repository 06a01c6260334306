package ssm4j.lm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.SafeTensors;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Writes a checkpoint directory in the published layout (state-spaces/mamba's {@code config.json} and a tied
 * {@code model.safetensors}, lm_head stored once as the embedding) with seeded random weights of a real model's
 * shapes, for benchmarks and demos where real weights cannot be downloaded. Values follow the modules' own
 * initialisation (embedding N(0, 0.02²), norms 1, projections uniform in ±1/√fan_in, dt bias the inverse softplus
 * of a log-uniform step in [1e-3, 1e-1], A_log = log(1…N) for Mamba-1 and log U[1, 16] for Mamba-2, D = 1) and
 * depend on the seed only.
 */
public final class RandomCheckpoint {
    private RandomCheckpoint() {
    }

    /** Sizes of a published model. */
    public enum Preset {
        /** mamba-130m / mamba2-130m: d_model 768, 24 layers. */
        P130M(768, 24),
        /** mamba-370m / mamba2-370m: d_model 1024, 48 layers. */
        P370M(1024, 48);

        final int dModel;
        final int nLayer;

        Preset(int dModel, int nLayer) {
            this.dModel = dModel;
            this.nLayer = nLayer;
        }

        /** {@code 130m} or {@code 370m}. */
        public static Preset byName(String name) {
            return switch (name) {
                case "130m" -> P130M;
                case "370m" -> P370M;
                default -> throw new IllegalArgumentException("preset: must be 130m or 370m, got '" + name + "'");
            };
        }
    }

    /** The GPT-NeoX vocabulary of the published Mamba models (padded to 50280). */
    public static final int VOCAB = 50277;

    /**
     * Writes {@code dir/config.json} and {@code dir/model.safetensors}.
     *
     * @param dtype F32, BF16 or F16 storage of the weights
     * @throws IOException if the files cannot be written
     */
    public static void write(Path dir, LmConfig.Arch arch, Preset preset, SafeDtype dtype, long seed)
            throws IOException {
        write(dir, arch, preset.dModel, preset.nLayer, VOCAB, dtype, seed);
    }

    /** {@link #write(Path, LmConfig.Arch, Preset, SafeDtype, long)} with explicit sizes (tests use small ones). */
    public static void write(Path dir, LmConfig.Arch arch, int dModel, int nLayer, int vocab, SafeDtype dtype,
                             long seed) throws IOException {
        Check.positive("dModel", dModel);
        Check.positive("nLayer", nLayer);
        Check.positive("vocab", vocab);
        Files.createDirectories(dir);
        boolean m2 = arch == LmConfig.Arch.MAMBA2;
        int headdim = m2 && dModel * 2 % 64 == 0 ? 64 : 8;
        int dState = m2 ? (dModel >= 256 ? 128 : 16) : 16;
        JsonObject cfg = new JsonObject();
        cfg.addProperty("d_model", dModel);
        cfg.addProperty("d_intermediate", 0);
        cfg.addProperty("n_layer", nLayer);
        cfg.addProperty("vocab_size", vocab);
        JsonObject ssm = new JsonObject();
        ssm.addProperty("layer", m2 ? "Mamba2" : "Mamba1");
        if (m2) {
            ssm.addProperty("d_state", dState);
            ssm.addProperty("headdim", headdim);
            ssm.addProperty("ngroups", 1);
        }
        cfg.add("ssm_cfg", ssm);
        cfg.add("attn_layer_idx", new JsonArray());
        cfg.add("attn_cfg", new JsonObject());
        cfg.addProperty("rms_norm", true);
        cfg.addProperty("residual_in_fp32", true);
        cfg.addProperty("fused_add_norm", true);
        cfg.addProperty("pad_vocab_size_multiple", 8);
        cfg.addProperty("tie_embeddings", true);
        Files.writeString(dir.resolve("config.json"), new GsonBuilder().setPrettyPrinting().create().toJson(cfg),
                StandardCharsets.UTF_8);
        int vp = (vocab + 7) / 8 * 8;
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("backbone.embedding.weight", normal(rnd.split(), 0.02, vp, dModel));
        for (int i = 0; i < nLayer; i++) {
            String p = "backbone.layers." + i + ".";
            Map<String, Tensor> mixer = m2 ? mamba2(rnd.split(), dModel, dState, headdim)
                    : MambaWeights.random(dModel, 16, 4, 2, rnd.nextLong());
            mixer.forEach((k, v) -> t.put(p + "mixer." + k, v));
            t.put(p + "norm.weight", ones(dModel));
        }
        t.put("backbone.norm_f.weight", ones(dModel));
        SafeTensors.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"), dtype);
    }

    private static Map<String, Tensor> mamba2(SplittableRandom rnd, int dm, int n, int p) {
        int e = 2 * dm;
        int h = e / p;
        int cd = e + 2 * n;
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("in_proj.weight", uniform(rnd, 1 / Math.sqrt(dm), 2 * e + 2 * n + h, dm));
        m.put("conv1d.weight", uniform(rnd, 0.5, cd, 1, 4));
        m.put("conv1d.bias", uniform(rnd, 0.5, cd));
        float[] dtBias = new float[h];
        float[] aLog = new float[h];
        for (int i = 0; i < h; i++) {
            double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
            dtBias[i] = (float) (dt + Math.log(-Math.expm1(-dt)));
            aLog[i] = (float) Math.log(1 + 15 * rnd.nextDouble());
        }
        m.put("dt_bias", Tensor.wrap(dtBias, h));
        m.put("A_log", Tensor.wrap(aLog, h));
        m.put("D", ones(h));
        m.put("norm.weight", ones(e));
        m.put("out_proj.weight", uniform(rnd, 1 / Math.sqrt(e), dm, e));
        return m;
    }

    private static Tensor ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return Tensor.wrap(a, n);
    }

    private static Tensor normal(SplittableRandom rnd, double std, int... shape) {
        return fill(shape, () -> rnd.nextGaussian() * std);
    }

    private static Tensor uniform(SplittableRandom rnd, double bound, int... shape) {
        return fill(shape, () -> (2 * rnd.nextDouble() - 1) * bound);
    }

    private static Tensor fill(int[] shape, java.util.function.DoubleSupplier value) {
        float[] a = new float[java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) value.getAsDouble();
        }
        return Tensor.wrap(a, shape);
    }
}
