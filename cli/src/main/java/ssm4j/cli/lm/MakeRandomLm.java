package ssm4j.cli.lm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ssm4j.blocks.io.SafeDtype;
import ssm4j.cli.Opt;
import ssm4j.cli.ParsedOptions;
import ssm4j.lm.LmConfig;
import ssm4j.lm.RandomCheckpoint;

/**
 * {@code ./ssm4j run make-random-lm --arch mamba|mamba2 --preset 130m|370m --dtype f32|bf16|f16 --out DIR
 * [--seed S]}: a checkpoint directory in the published layout with seeded random weights
 * ({@link RandomCheckpoint}) and a tokenizer.json: the shipped demo tokenizer, its vocabulary padded with
 * made-up words up to the model's vocabulary so that every id the model can emit decodes to text.
 */
public final class MakeRandomLm {
    private MakeRandomLm() {
    }

    /** The tool's options. */
    public static final List<Opt> OPTIONS = List.of(
            Opt.value("arch", "mamba|mamba2", "Mamba-1 or Mamba-2 layers"),
            Opt.value("preset", "130m|370m", "sizes of the published model (default 130m)"),
            Opt.value("dtype", "f32|bf16|f16", "storage of the weights (default f32)"),
            Opt.value("out", "DIR", "the checkpoint directory to write"),
            Opt.value("seed", "S", "random seed (default 0)"));

    /** Runs the tool. */
    public static int run(ParsedOptions opt) throws IOException {
        LmConfig.Arch arch = switch (opt.required("arch")) {
            case "mamba", "mamba1" -> LmConfig.Arch.MAMBA1;
            case "mamba2" -> LmConfig.Arch.MAMBA2;
            default -> throw new IllegalArgumentException("--arch: must be mamba or mamba2, got '"
                    + opt.required("arch") + "'");
        };
        RandomCheckpoint.Preset preset = RandomCheckpoint.Preset.byName(opt.get("preset", "130m"));
        SafeDtype dtype = switch (opt.get("dtype", "f32")) {
            case "f32" -> SafeDtype.F32;
            case "bf16" -> SafeDtype.BF16;
            case "f16" -> SafeDtype.F16;
            default -> throw new IllegalArgumentException("--dtype: must be f32, bf16 or f16, got '"
                    + opt.get("dtype", "") + "'");
        };
        Path out = Path.of(opt.required("out"));
        long t0 = System.nanoTime();
        RandomCheckpoint.write(out, arch, preset, dtype, opt.longValue("seed", 0));
        writeTokenizer(out.resolve("tokenizer.json"), RandomCheckpoint.VOCAB);
        System.out.printf("wrote %s %s %s checkpoint to %s in %.1f s%n", arch, opt.get("preset", "130m"), dtype,
                out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The demo tokenizer with vocabulary entries added up to {@code vocab} ids ("Ġ" + a made-up word). */
    static void writeTokenizer(Path file, int vocab) throws IOException {
        JsonObject tok;
        try (InputStream in = MakeRandomLm.class.getResourceAsStream("/ssm4j/lm/demo-tokenizer.json")) {
            if (in == null) {
                throw new IOException("demo-tokenizer.json is missing from the class path");
            }
            tok = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        JsonObject v = tok.getAsJsonObject("model").getAsJsonObject("vocab");
        String letters = "etaoinshrdlucmfwypvbgkjqxz";
        for (int id = v.size(), k = 0; id < vocab; k++) {
            StringBuilder w = new StringBuilder("\u0120"); // the byte-level space
            int x = k;
            do {
                w.append(letters.charAt(x % 26));
                x /= 26;
            } while (x > 0);
            if (!v.has(w.toString())) {
                v.addProperty(w.toString(), id++);
            }
        }
        java.nio.file.Files.writeString(file, new GsonBuilder().disableHtmlEscaping().create().toJson(tok),
                StandardCharsets.UTF_8);
    }
}
