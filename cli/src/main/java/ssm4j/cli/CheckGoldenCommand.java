package ssm4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.cli.golden.GoldenCase;
import ssm4j.cli.golden.GoldenChecker;
import ssm4j.cli.golden.Precision;

/**
 * {@code ./ssm4j check-golden [DIR] [--backend NAME|all] [--precision fp32|fp64|both] [--skip-missing]
 * [--case REGEX]}: one line per case and precision, then {@code N passed, N failed}; exit 1 if any failed.
 */
public final class CheckGoldenCommand implements Command {
    @Override
    public int run(String[] args) throws Exception {
        Path dir = null;
        String backend = null;
        String precision = "both";
        boolean skipMissing = false;
        Pattern filter = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backend" -> backend = value(args, ++i, "--backend");
                case "--precision" -> precision = value(args, ++i, "--precision");
                case "--skip-missing" -> skipMissing = true;
                case "--case" -> filter = Pattern.compile(value(args, ++i, "--case"));
                default -> {
                    if (args[i].startsWith("--") || dir != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
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
            kernels.add(Backends.get());
        } else if (backend.equals("all")) {
            for (String n : Backends.availableNames()) {
                kernels.add(Backends.byName(n));
            }
            Backends.availability().forEach((n, why) -> {
                if (!why.equals("available")) {
                    System.out.println("# " + why);
                }
            });
        } else {
            kernels.add(Backends.byName(backend));
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

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + ": needs a value");
        }
        return args[i];
    }
}
