package ssm4j.lm.checkpoint;

import java.io.IOException;
import java.io.StringReader;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import ssm4j.blocks.io.SafeTensors;
import ssm4j.blocks.io.TensorView;
import ssm4j.lm.LmConfig;

/**
 * Opens a checkpoint directory as published: {@code config.json} plus {@code model.safetensors}, or a sharded
 * {@code model.safetensors.index.json} with its shards. Every file is mapped with FFM (no copy) and validated by
 * the strict safetensors reader; names are brought to the state-spaces convention (Hugging Face's
 * {@code backbone.embeddings.weight} becomes {@code backbone.embedding.weight}); the tensors are then compared
 * with what the config implies ({@link ExpectedTensors}) and every difference is reported in one
 * {@link CheckpointException}. A pickle checkpoint ({@code pytorch_model.bin}) is refused with the command that
 * converts it. Stateless and thread-safe.
 */
public final class CheckpointLoader {
    /** Names of the files of a checkpoint directory. */
    public static final String CONFIG = "config.json";
    /** The single-file weights. */
    public static final String SINGLE = "model.safetensors";
    /** The index of sharded weights. */
    public static final String INDEX = "model.safetensors.index.json";

    private CheckpointLoader() {
    }

    /**
     * Loads and validates a checkpoint directory.
     *
     * @param strict whether tensors the config does not need are an error (PyTorch's strict loading); missing and
     *               mis-shaped tensors are always an error
     * @throws CheckpointException listing every mismatch between weights and config
     * @throws IOException         if a file is missing, unreadable or malformed (naming it)
     */
    public static Checkpoint load(Path dir, boolean strict) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory (a checkpoint is a directory with " + CONFIG + " and "
                    + SINGLE + ")");
        }
        Path cfgFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfgFile)) {
            throw new IOException(dir + ": no " + CONFIG);
        }
        LmConfig config;
        try {
            config = LmConfig.parse(readJsonObject(cfgFile), cfgFile.toString());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(cfgFile.toString(), List.of(e.getMessage()));
        }
        Arena arena = Arena.ofShared();
        try {
            Map<String, TensorView> raw = mapWeights(dir, arena);
            Map<String, TensorView> canon = canonical(raw, dir);
            List<String> problems = ExpectedTensors.check(config, canon, strict);
            if (!problems.isEmpty()) {
                throw new CheckpointException(dir.toString(), problems);
            }
            return new Checkpoint(config, canon, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A strict JSON object from a file (comments, unquoted names and trailing text are errors). */
    static JsonObject readJsonObject(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(r);
            if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new IOException(file + ": text after the JSON object");
            }
            if (!e.isJsonObject()) {
                throw new IOException(file + ": must hold a JSON object");
            }
            return e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorView> mapWeights(Path dir, Arena arena) throws IOException {
        Path single = dir.resolve(SINGLE);
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(single)) {
            return SafeTensors.map(single, arena);
        }
        if (Files.isRegularFile(index)) {
            return mapShards(dir, index, arena);
        }
        for (String pickle : new String[] {"pytorch_model.bin", "pytorch_model.bin.index.json"}) {
            if (Files.exists(dir.resolve(pickle))) {
                throw new IOException(dir.resolve(pickle) + ": pickle checkpoints are not read (unpickling runs "
                        + "arbitrary code). Convert once with Python:\n  import torch; from safetensors.torch import "
                        + "save_file\n  sd = torch.load('pytorch_model.bin', map_location='cpu')\n  sd.pop('lm_head."
                        + "weight', None)  # tied to the embedding: stored once\n  save_file({k: v.contiguous() for k, "
                        + "v in sd.items()}, 'model.safetensors', metadata={'format': 'pt'})");
            }
        }
        throw new IOException(dir + ": no " + SINGLE + " or " + INDEX);
    }

    private static Map<String, TensorView> mapShards(Path dir, Path index, Arena arena) throws IOException {
        JsonObject idx = readJsonObject(index);
        JsonElement wm = idx.get("weight_map");
        if (wm == null || !wm.isJsonObject()) {
            throw new IOException(index + ": missing 'weight_map' object");
        }
        Map<String, String> nameToShard = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : wm.getAsJsonObject().entrySet()) {
            if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
                throw new IOException(index + ": weight_map entry '" + e.getKey() + "' must name a shard file");
            }
            String shard = e.getValue().getAsString();
            if (shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                throw new IOException(index + ": shard name '" + shard + "' must be a plain file name in " + dir);
            }
            nameToShard.put(e.getKey(), shard);
        }
        Map<String, Map<String, TensorView>> shards = new TreeMap<>();
        for (String shard : nameToShard.values()) {
            if (!shards.containsKey(shard)) {
                Path f = dir.resolve(shard);
                if (!Files.isRegularFile(f)) {
                    throw new IOException(index + ": shard " + f + " does not exist");
                }
                shards.put(shard, SafeTensors.map(f, arena));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, TensorView> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : nameToShard.entrySet()) {
            TensorView t = shards.get(e.getValue()).get(e.getKey());
            if (t == null) {
                problems.add(e.getKey() + ": listed in the index under " + e.getValue() + " but not in that file");
            } else {
                out.put(e.getKey(), t);
            }
        }
        for (Map.Entry<String, Map<String, TensorView>> s : shards.entrySet()) {
            for (String name : s.getValue().keySet()) {
                if (!s.getKey().equals(nameToShard.get(name))) {
                    problems.add(name + ": in shard " + s.getKey() + " but the index "
                            + (nameToShard.containsKey(name) ? "puts it in " + nameToShard.get(name) : "omits it"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(index.toString(), problems);
        }
        return out;
    }

    /** Hugging Face's embedding name to the state-spaces one; both at once is an error. */
    static Map<String, TensorView> canonical(Map<String, TensorView> raw, Path dir) throws IOException {
        if (raw.containsKey(ExpectedTensors.HF_EMBEDDING) && raw.containsKey(ExpectedTensors.EMBEDDING)) {
            throw new CheckpointException(dir.toString(), List.of("both " + ExpectedTensors.HF_EMBEDDING + " and "
                    + ExpectedTensors.EMBEDDING + " are present"));
        }
        Map<String, TensorView> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k.equals(ExpectedTensors.HF_EMBEDDING) ? ExpectedTensors.EMBEDDING : k, v));
        return out;
    }
}
