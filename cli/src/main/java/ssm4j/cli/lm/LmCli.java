package ssm4j.cli.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ssm4j.api.Backends;
import ssm4j.api.Check;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.cli.Opt;
import ssm4j.cli.ParsedOptions;
import ssm4j.lm.tokenizer.TextTokenizer;

/** What the language-model commands share: options, backend choice, token ids, peak RSS. */
final class LmCli {
    private LmCli() {
    }

    static final Opt MODEL = Opt.value("model", "DIR", "checkpoint directory (config.json + model.safetensors)");
    static final Opt BACKEND = Opt.value("backend", "NAME", "scalar, vector or native (default: the best)");
    static final Opt THREADS = Opt.value("threads", "N", "threads per call (default: available processors)");
    static final Opt TOKENIZER = Opt.value("tokenizer", "FILE", "tokenizer.json (default: DIR/tokenizer.json)");
    static final Opt NON_STRICT = Opt.flag("non-strict", "tolerate tensors the config does not use");

    static SsmKernel kernel(ParsedOptions opt) {
        int threads = opt.positiveInt("threads", Parallel.defaultThreads());
        Check.threads("--threads", threads);
        return Backends.byName(opt.get("backend", Backends.get().name()), threads);
    }

    static TextTokenizer tokenizer(ParsedOptions opt, Path model) throws IOException {
        Path p = opt.has("tokenizer") ? Path.of(opt.required("tokenizer")) : model.resolve("tokenizer.json");
        return TextTokenizer.load(p);
    }

    /** Comma- or space-separated non-negative ids. */
    static int[] ids(String s, String what) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                int v = Integer.parseInt(part);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + part + "' is not a token id");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + ": no token ids");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Peak resident set size in MB (VmHWM of /proc/self/status), or -1 where there is none. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
