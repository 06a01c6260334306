package ssm4j.cli.lm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import ssm4j.api.SsmKernel;
import ssm4j.cli.Command;
import ssm4j.cli.Opt;
import ssm4j.cli.OptionSet;
import ssm4j.cli.ParsedOptions;
import ssm4j.lm.GenerationConfig;
import ssm4j.lm.InferenceState;
import ssm4j.lm.SsmLanguageModel;
import ssm4j.lm.tokenizer.TextTokenizer;

/**
 * {@code ./ssm4j generate --model DIR --prompt "…" [--max-new-tokens N --temperature T --top-k K --top-p P
 * --seed S --batch FILE --backend B --threads T --token-ids IDS --tokenizer FILE --non-strict]}: loads a
 * checkpoint, streams the generated text of one prompt as it is produced (a batch file of one prompt per line
 * prints each completion at the end), and ends with {@code prefill X tok/s, decode Y tok/s, peak RSS Z MB} and
 * the time to the first token. Greedy unless a temperature is given.
 */
public final class GenerateCommand implements Command {
    private static final OptionSet OPTIONS = new OptionSet(List.of(LmCli.MODEL,
            Opt.value("prompt", "TEXT", "the prompt"),
            Opt.value("token-ids", "IDS", "the prompt as token ids (comma-separated): no tokenizer needed"),
            Opt.value("batch", "FILE", "one prompt per line (token ids with --token-ids-batch)"),
            Opt.flag("token-ids-batch", "the --batch file holds token ids, one prompt per line"),
            Opt.value("max-new-tokens", "N", "tokens to generate per prompt (default 32)"),
            Opt.value("temperature", "T", "0 = greedy (default); otherwise sample from softmax(logits/T)"),
            Opt.value("top-k", "K", "sample among the K most likely tokens (default 0: all)"),
            Opt.value("top-p", "P", "nucleus sampling mass in (0, 1] (default 1)"),
            Opt.value("seed", "S", "sampling seed (default 0)"),
            Opt.value("stop-id", "ID", "end a sequence at this token id (e.g. the EOS id)"),
            LmCli.TOKENIZER, LmCli.BACKEND, LmCli.THREADS, LmCli.NON_STRICT));

    /** Public no-arg constructor for Main. */
    public GenerateCommand() {
    }

    @Override
    public int run(String[] args) throws Exception {
        long t0 = System.nanoTime();
        ParsedOptions opt = OPTIONS.parse(args, 0);
        if (opt.helpRequested()) {
            System.out.print("usage: ./ssm4j generate --model DIR (--prompt TEXT | --token-ids IDS | --batch FILE) "
                    + "[options]\noptions:\n" + OPTIONS.help());
            return 0;
        }
        Path dir = Path.of(opt.required("model"));
        int given = (opt.has("prompt") ? 1 : 0) + (opt.has("token-ids") ? 1 : 0) + (opt.has("batch") ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of --prompt, --token-ids, --batch");
        }
        boolean idsOnly = opt.has("token-ids") || opt.has("token-ids-batch");
        int maxNew = opt.positiveInt("max-new-tokens", 32);
        double temp = number(opt, "temperature", 0);
        int topK = opt.intValue("top-k", 0);
        double topP = number(opt, "top-p", 1);
        int stop = opt.intValue("stop-id", -1);
        GenerationConfig cfg = new GenerationConfig(maxNew, temp, topK, topP, opt.longValue("seed", 0),
                stop >= 0 ? tok -> tok == stop : null);
        SsmKernel kernel = LmCli.kernel(opt);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (SsmLanguageModel model = SsmLanguageModel.load(dir, !opt.has("non-strict"));
             TextTokenizer tok = idsOnly ? null : LmCli.tokenizer(opt, dir)) {
            int[][] prompts = prompts(opt, tok);
            Streamer streamer = new Streamer(out, tok, prompts.length == 1);
            long p0 = System.nanoTime();
            InferenceState st = model.prefill(kernel, prompts);
            long p1 = System.nanoTime();
            int[][] result = model.generate(st, cfg, streamer);
            long p2 = System.nanoTime();
            if (prompts.length > 1) {
                for (int s = 0; s < prompts.length; s++) {
                    int[] gen = java.util.Arrays.copyOfRange(result[s], prompts[s].length, result[s].length);
                    out.println("[" + s + "] " + (tok == null ? java.util.Arrays.toString(gen) : tok.decode(gen)));
                }
            } else {
                out.println();
            }
            long promptTokens = 0;
            long newTokens = 0;
            for (int s = 0; s < prompts.length; s++) {
                promptTokens += prompts[s].length;
                newTokens += result[s].length - prompts[s].length;
            }
            // the first token comes from the prefill logits; every later one costs a step
            long steps = newTokens - prompts.length;
            double decodeSec = (p2 - p1) / 1e9;
            System.err.printf(Locale.ROOT, "prefill %.1f tok/s, decode %.1f tok/s, peak RSS %.0f MB "
                            + "(%d prompt + %d new tokens, %s, first token after %.0f ms from start)%n",
                    promptTokens / ((p1 - p0) / 1e9), steps > 0 ? steps / decodeSec : 0.0, LmCli.peakRssMb(),
                    promptTokens, newTokens, kernel.name(), (streamer.firstTokenNanos - t0) / 1e6);
        }
        return 0;
    }

    private static double number(ParsedOptions opt, String name, double dflt) {
        String v = opt.get(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": expected a number, got '" + v + "'");
        }
    }

    private static int[][] prompts(ParsedOptions opt, TextTokenizer tok) throws IOException {
        if (opt.has("prompt")) {
            int[] ids = tok.encode(opt.required("prompt"));
            if (ids.length == 0) {
                throw new IllegalArgumentException("--prompt: encodes to no tokens");
            }
            return new int[][] {ids};
        }
        if (opt.has("token-ids")) {
            return new int[][] {LmCli.ids(opt.required("token-ids"), "--token-ids")};
        }
        Path f = Path.of(opt.required("batch"));
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--batch: " + f + " holds no prompts");
        }
        int[][] p = new int[lines.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = tok == null ? LmCli.ids(lines.get(i), f + " line " + (i + 1)) : tok.encode(lines.get(i));
            if (p[i].length == 0) {
                throw new IllegalArgumentException(f + " line " + (i + 1) + ": encodes to no tokens");
            }
        }
        return p;
    }

    /** Prints one sequence's new text as it grows (decoding the whole completion keeps multi-byte text whole). */
    private static final class Streamer implements ssm4j.lm.TokenListener {
        private final PrintStream out;
        private final TextTokenizer tok;
        private final boolean stream;
        private int[] ids = new int[16];
        private int n;
        private int printed;
        long firstTokenNanos;

        Streamer(PrintStream out, TextTokenizer tok, boolean stream) {
            this.out = out;
            this.tok = tok;
            this.stream = stream;
        }

        @Override
        public void onToken(int sequence, int token) {
            if (firstTokenNanos == 0) {
                firstTokenNanos = System.nanoTime();
            }
            if (!stream) {
                return;
            }
            if (tok == null) {
                out.print(token + " ");
                return;
            }
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, 2 * n);
            }
            ids[n++] = token;
            String text = tok.decode(java.util.Arrays.copyOf(ids, n));
            // a token that ends inside a multi-byte character decodes to U+FFFD: wait for the rest
            if (text.length() > printed && !text.endsWith("\uFFFD")) {
                out.print(text.substring(printed));
                printed = text.length();
            }
        }
    }
}
