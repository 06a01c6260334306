package ssm4j.cli.lm;

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
import ssm4j.lm.SsmLanguageModel;
import ssm4j.lm.tokenizer.TextTokenizer;

/**
 * {@code ./ssm4j score --model DIR --text FILE [--token-ids] [--per-token] [--backend B --threads T]}: one forward
 * over the text's tokens; prints the log-likelihood of every token after the first given its prefix
 * ({@code log softmax} over the first V logits), their sum and the perplexity {@code exp(−mean)}.
 */
public final class ScoreCommand implements Command {
    private static final OptionSet OPTIONS = new OptionSet(List.of(LmCli.MODEL,
            Opt.value("text", "FILE", "the text to score (UTF-8)"),
            Opt.flag("token-ids", "the file holds token ids (comma- or space-separated), not text"),
            Opt.flag("per-token", "print one line per token: position, id, log-likelihood"),
            LmCli.TOKENIZER, LmCli.BACKEND, LmCli.THREADS, LmCli.NON_STRICT));

    /** Public no-arg constructor for Main. */
    public ScoreCommand() {
    }

    @Override
    public int run(String[] args) throws Exception {
        ParsedOptions opt = OPTIONS.parse(args, 0);
        if (opt.helpRequested()) {
            System.out.print("usage: ./ssm4j score --model DIR --text FILE [options]\noptions:\n" + OPTIONS.help());
            return 0;
        }
        Path dir = Path.of(opt.required("model"));
        Path file = Path.of(opt.required("text"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SsmKernel kernel = LmCli.kernel(opt);
        try (SsmLanguageModel model = SsmLanguageModel.load(dir, !opt.has("non-strict"))) {
            int[] ids;
            if (opt.has("token-ids")) {
                ids = LmCli.ids(text, file.toString());
            } else {
                try (TextTokenizer tok = LmCli.tokenizer(opt, dir)) {
                    ids = tok.encode(text);
                }
            }
            if (ids.length < 2) {
                throw new IllegalArgumentException("--text: needs at least 2 tokens, got " + ids.length);
            }
            long t0 = System.nanoTime();
            double[] ll = model.logLikelihoods(kernel, ids);
            double sec = (System.nanoTime() - t0) / 1e9;
            double sum = 0;
            for (int i = 0; i < ll.length; i++) {
                sum += ll[i];
                if (opt.has("per-token")) {
                    System.out.printf(Locale.ROOT, "%d\t%d\t%.6f%n", i + 1, ids[i + 1], ll[i]);
                }
            }
            System.out.printf(Locale.ROOT, "tokens %d, log-likelihood %.4f, mean %.4f, perplexity %.4f%n",
                    ll.length, sum, sum / ll.length, Math.exp(-sum / ll.length));
            System.err.printf(Locale.ROOT, "forward %.1f tok/s, peak RSS %.0f MB (%s)%n", ids.length / sec,
                    LmCli.peakRssMb(), kernel.name());
        }
        return 0;
    }
}
