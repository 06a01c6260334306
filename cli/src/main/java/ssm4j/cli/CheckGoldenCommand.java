package ssm4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ssm4j.api.Backends;
import ssm4j.api.Check;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.cli.golden.GoldenCase;
import ssm4j.cli.golden.GoldenChecker;
import ssm4j.cli.golden.Precision;

/**
 * {@code ./ssm4j check-golden [DIR] [--backend NAME|all] [--precision fp32|fp64|both] [--skip-missing]
 * [--case REGEX] [--threads N]}: one line per case and precision, then {@code N passed, N failed}; exit 1 if any failed.
 */
public final class CheckGoldenCommand implements Command {
    static final OptionSet OPTIONS = new OptionSet(List.of(
            Opt.value("backend", "NAME|all", "backend to check (default: the best available; all: every one)"),
            Opt.value("threads", "N", "threads per call (default: available processors)"),
            Opt.value("precision", "fp32|fp64|both", "precisions to check (default both)"),
            Opt.flag("skip-missing", "a case whose data or runner is missing is SKIP instead of FAIL"),
            Opt.value("case", "REGEX", "only cases whose name matches REGEX (find)")));

    @Override
    public int run(String[] args) throws Exception {
        ParsedOptions opt = OPTIONS.parse(args, 1);
        if (opt.helpRequested()) {
            System.out.print("usage: ./ssm4j check-golden [DIR] [options]\n  runs the golden manifest DIR/manifest.json "
                    + "(default ../shared/golden); one line per case and precision, then 'N passed, N failed'\n"
                    + "options:\n" + OPTIONS.help());
            return 0;
        }
        Path dir = opt.positionals().isEmpty() ? null : Path.of(opt.positionals().get(0));
        String backend = opt.get("backend", null);
        String precision = opt.get("precision", "both");
        boolean skipMissing = opt.has("skip-missing");
        Pattern filter = opt.has("case") ? Pattern.compile(opt.get("case", null)) : null;
        int threads = opt.positiveInt("threads", Parallel.defaultThreads());
        Check.threads("--threads", threads);
        List<Precision> precs = switch (precision) {
            case "fp32" -> List.of(Precision.FP32);
            case "fp64" -> List.of(Precision.FP64);
            case "both" -> List.of(Precision.FP64, Precision.FP32);
            default -> throw new IllegalArgumentException("--precision: must be fp32, fp64 or both, got '"
                    + precision + "'");
        };
        GoldenChecker checker = new GoldenChecker(dir == null ? GoldenChecker.defaultDir() : dir);
        List<SsmKernel> kernels = new ArrayList<>();
        if (backend == null) {
            kernels.add(opt.has("threads") ? Backends.byName(Backends.get().name(), threads) : Backends.get());
        } else if (backend.equals("all")) {
            for (String n : Backends.availableNames()) {
                kernels.add(Backends.byName(n, threads));
            }
            Backends.availability().forEach((n, why) -> {
                if (!why.equals("available")) {
                    System.out.println("# " + why);
                }
            });
        } else {
            kernels.add(Backends.byName(backend, threads));
        }
        List<GoldenChecker.Result> results = new ArrayList<>();
        List<GoldenCase> cases = checker.cases(filter);
        for (SsmKernel k : kernels) {
            System.out.println("# backend " + k.describe());
            results.addAll(checker.run(cases, precs, k, skipMissing, System.out));
        }
        System.out.println(GoldenChecker.summary(results, skipMissing));
        return results.stream().anyMatch(r -> r.status() == GoldenChecker.Status.FAIL) ? 1 : 0;
    }
}
