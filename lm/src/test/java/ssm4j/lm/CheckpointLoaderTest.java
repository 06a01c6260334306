package ssm4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.SafeTensors;
import ssm4j.lm.checkpoint.CheckpointException;

/** Malformed checkpoints fail naming the tensor or field; both naming conventions and shards load. */
class CheckpointLoaderTest {
    @TempDir
    Path dir;

    private Path base(LmConfig.Arch arch) throws IOException {
        return LmTestModels.write(dir.resolve("base-" + arch), arch, SafeDtype.F32);
    }

    private Path variant(Path from, String name, Map<String, Tensor> t) throws IOException {
        Path d = dir.resolve(name);
        LmTestModels.copyConfig(from, d);
        LmTestModels.rewrite(d, t);
        return d;
    }

    private static String fails(Path d) {
        IOException e = assertThrows(IOException.class, () -> SsmLanguageModel.load(d).close());
        return e.getMessage();
    }

    @Test
    void missingUnexpectedAndMisShapedTensorsAreListedTogether() throws IOException {
        Path b = base(LmConfig.Arch.MAMBA1);
        Map<String, Tensor> t = LmTestModels.tensors(b);
        t.remove("backbone.layers.1.mixer.D");
        t.put("backbone.layers.0.mixer.dt_proj.bias", Tensor.wrap(new float[5], 5));
        t.put("backbone.layers.2.norm.weight", Tensor.wrap(new float[48], 48));
        Path d = variant(b, "bad", t);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SsmLanguageModel.load(d).close());
        String m = e.getMessage();
        assertTrue(m.contains("missing key(s): backbone.layers.1.mixer.D"), m);
        assertTrue(m.contains("size mismatch for backbone.layers.0.mixer.dt_proj.bias") && m.contains("[5]")
                && m.contains("[96]"), m);
        assertTrue(m.contains("unexpected key(s): backbone.layers.2.norm.weight") && m.contains("n_layer = 2"), m);
        assertTrue(e.problems().size() == 3, e.problems().toString());
    }

    @Test
    void nonStrictToleratesOnlyUnexpectedTensors() throws IOException {
        Path b = base(LmConfig.Arch.MAMBA2);
        Map<String, Tensor> t = LmTestModels.tensors(b);
        t.put("extra.weight", Tensor.wrap(new float[3], 3));
        Path d = variant(b, "extra", t);
        assertTrue(fails(d).contains("unexpected key(s): extra.weight"));
        try (SsmLanguageModel m = SsmLanguageModel.load(d, false); SsmLanguageModel ref = SsmLanguageModel.load(b)) {
            assertArrayEquals(ref.logits(LmTestModels.scalar(), new int[][] {{1, 2, 3}}),
                    m.logits(LmTestModels.scalar(), new int[][] {{1, 2, 3}}));
        }
        t.remove("backbone.norm_f.weight");
        Path d2 = variant(b, "missing", t);
        assertThrows(CheckpointException.class, () -> SsmLanguageModel.load(d2, false).close());
    }

    @Test
    void configContradictingTheWeightsNamesTheField() throws IOException {
        Path b = base(LmConfig.Arch.MAMBA1);
        Path d = variant(b, "cfg", LmTestModels.tensors(b));
        String cfg = Files.readString(d.resolve("config.json")).replace("\"d_model\": 48", "\"d_model\": 64");
        Files.writeString(d.resolve("config.json"), cfg);
        String m = fails(d);
        assertTrue(m.contains("size mismatch for backbone.embedding.weight") && m.contains("d_model"), m);
        Files.writeString(d.resolve("config.json"), cfg.replace("\"d_model\": 64", "\"d_model\": \"wide\""));
        assertTrue(fails(d).contains("d_model: must be an integer"), fails(d));
        Files.writeString(d.resolve("config.json"), cfg.replace("\"d_model\": 64,", "// a comment\n\"d_model\": 48,"));
        assertTrue(fails(d).contains("not valid JSON"), fails(d));
    }

    @Test
    void unknownDtypeTruncatedFileAndPickleAreRefusedByName() throws IOException {
        Path b = base(LmConfig.Arch.MAMBA1);
        Path d = variant(b, "file", LmTestModels.tensors(b));
        Path f = d.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(f);
        // a weight stored as I64 (a dtype no model takes): same byte count, named in the error
        Map<String, Tensor> t = LmTestModels.tensors(b);
        SafeTensors.write(f, t);
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"backbone.norm_f.weight\":{\"dtype\":\"F32\"");
        byte[] edited = Files.readAllBytes(f);
        // F32 with shape [48] → I32 with shape [48]: same size, integer type
        byte[] i32 = "I32".getBytes(StandardCharsets.ISO_8859_1);
        int dt = text.indexOf("F32", at);
        System.arraycopy(i32, 0, edited, dt, 3);
        Files.write(f, edited);
        String m = fails(d);
        assertTrue(m.contains("backbone.norm_f.weight") && m.contains("I32"), m);
        System.arraycopy("Q4_".getBytes(StandardCharsets.ISO_8859_1), 0, edited, dt, 3);
        Files.write(f, edited);
        m = fails(d);
        assertTrue(m.contains("backbone.norm_f.weight") && m.contains("unknown dtype 'Q4_'"), m);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        m = fails(d);
        assertTrue(m.contains(f.toString()) && m.contains("past the data buffer"), m);
        Files.delete(f);
        Files.write(d.resolve("pytorch_model.bin"), new byte[16]);
        m = fails(d);
        assertTrue(m.contains("pickle") && m.contains("save_file"), m);
    }

    @Test
    void huggingFaceNamesAndShardedIndexLoadTheSameModel() throws IOException {
        for (LmConfig.Arch arch : LmConfig.Arch.values()) {
            Path b = base(arch);
            Map<String, Tensor> t = LmTestModels.tensors(b);
            // Hugging Face convention: config fields and the embedding's name
            Path hf = dir.resolve("hf-" + arch);
            Files.createDirectories(hf);
            String cfg = arch == LmConfig.Arch.MAMBA1
                    ? "{\"model_type\":\"mamba\",\"hidden_size\":48,\"num_hidden_layers\":2,\"vocab_size\":104,"
                    + "\"state_size\":16,\"conv_kernel\":4,\"expand\":2,\"time_step_rank\":\"auto\","
                    + "\"use_conv_bias\":true,\"use_bias\":false,\"tie_word_embeddings\":true,\"architectures\":"
                    + "[\"MambaForCausalLM\"]}"
                    : "{\"model_type\":\"mamba2\",\"hidden_size\":48,\"num_hidden_layers\":2,\"vocab_size\":104,"
                    + "\"state_size\":16,\"conv_kernel\":4,\"expand\":2,\"head_dim\":8,\"num_heads\":12,"
                    + "\"n_groups\":1,\"use_conv_bias\":true,\"use_bias\":false,\"tie_word_embeddings\":true,"
                    + "\"time_step_limit\":[0.0,\"Infinity\"]}";
            Files.writeString(hf.resolve("config.json"), cfg);
            Map<String, Tensor> renamed = new LinkedHashMap<>();
            t.forEach((k, v) -> renamed.put(k.equals("backbone.embedding.weight") ? "backbone.embeddings.weight" : k,
                    v));
            LmTestModels.rewrite(hf, renamed);
            // sharded: two files and an index
            Path sh = dir.resolve("sharded-" + arch);
            LmTestModels.copyConfig(b, sh);
            Map<String, Tensor> s1 = new LinkedHashMap<>();
            Map<String, Tensor> s2 = new LinkedHashMap<>();
            StringBuilder idx = new StringBuilder("{\"metadata\":{},\"weight_map\":{");
            int i = 0;
            for (Map.Entry<String, Tensor> e : t.entrySet()) {
                String shard = i++ % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
                (shard.startsWith("model-00001") ? s1 : s2).put(e.getKey(), e.getValue());
                idx.append(i > 1 ? "," : "").append('"').append(e.getKey()).append("\":\"").append(shard).append('"');
            }
            SafeTensors.write(sh.resolve("model-00001-of-00002.safetensors"), s1);
            SafeTensors.write(sh.resolve("model-00002-of-00002.safetensors"), s2);
            Files.writeString(sh.resolve("model.safetensors.index.json"), idx.append("}}").toString());
            int[][] seq = {{3, 1, 4, 1, 5, 9, 2, 6}};
            try (SsmLanguageModel ref = SsmLanguageModel.load(b); SsmLanguageModel a = SsmLanguageModel.load(hf);
                 SsmLanguageModel c = SsmLanguageModel.load(sh)) {
                float[] want = ref.logits(LmTestModels.scalar(), seq);
                assertArrayEquals(want, a.logits(LmTestModels.scalar(), seq), arch + " HF names");
                assertArrayEquals(want, c.logits(LmTestModels.scalar(), seq), arch + " sharded");
            }
            // an index that puts a tensor in the wrong shard
            Files.writeString(sh.resolve("model.safetensors.index.json"), idx.toString()
                    .replaceFirst("model-00001-of-00002", "model-00002-of-00002"));
            String m = fails(sh);
            assertTrue(m.contains("backbone.embedding.weight") && m.contains("not in that file"), m);
        }
    }
}
