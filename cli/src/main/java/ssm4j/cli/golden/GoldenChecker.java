package ssm4j.cli.golden;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;

/**
 * Runs a golden manifest against a backend and applies each output's tolerance rule (golden README). Used by
 * {@code ./ssm4j check-golden} and by the JUnit golden tests, so both judge the same way.
 */
public final class GoldenChecker {
    /** Outcome of one case in one precision. */
    public enum Status { PASS, FAIL, SKIP }

    /**
     * One printed line: {@code <case> <backend> <fp32|fp64> PASS|FAIL worst=<error> allowed=<tolerance>}.
     *
     * @param output the output whose error/allowed ratio was worst (or empty)
     * @param detail why a case failed or was skipped (not-implemented, missing output, exception)
     */
    public record Result(String caseName, String backend, Precision precision, Status status, double worst,
                         double allowed, String output, String detail) {
        /** The stable one-line form scripts parse. */
        public String line() {
            String head = caseName + " " + backend + " " + precision.label() + " " + status;
            if (detail != null && !detail.isEmpty()) {
                return head + " " + detail;
            }
            return head + String.format(Locale.ROOT, " worst=%.3e allowed=%.3e", worst, allowed)
                    + (output.isEmpty() ? "" : " output=" + output);
        }
    }

    private final Path dir;
    private final List<GoldenCase> cases = new ArrayList<>();
    private final Map<String, CaseRunner> runners;

    /** Reads {@code dir/manifest.json}. @throws IOException if absent or malformed */
    public GoldenChecker(Path dir) throws IOException {
        this(dir, GoldenRunners.byPrimitive());
    }

    /** Reads {@code dir/manifest.json} and judges with the given runners (tests inject their own). */
    GoldenChecker(Path dir, Map<String, CaseRunner> runners) throws IOException {
        this.dir = dir;
        this.runners = runners;
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("no manifest.json in " + dir.toAbsolutePath()
                    + " (set -Dssm4j.golden or pass the golden directory)");
        }
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(manifest + ": not a valid manifest: " + e.getMessage(), e);
        }
        JsonElement cs = root.get("cases");
        if (cs == null || !cs.isJsonArray()) {
            throw new IOException(manifest + ": has no 'cases' array");
        }
        for (JsonElement e : cs.getAsJsonArray()) {
            cases.add(new GoldenCase(dir, e.getAsJsonObject()));
        }
    }

    /** The golden directory of {@code -Dssm4j.golden}, default {@code ../shared/golden}. */
    public static Path defaultDir() {
        return Path.of(System.getProperty("ssm4j.golden", "../shared/golden"));
    }

    /** The directory read. */
    public Path dir() {
        return dir;
    }

    /** All cases, in manifest order. */
    public List<GoldenCase> cases() {
        return List.copyOf(cases);
    }

    /** Cases whose name matches {@code filter} (null: all). */
    public List<GoldenCase> cases(Pattern filter) {
        return cases.stream().filter(c -> filter == null || filter.matcher(c.name()).find()).toList();
    }

    /** Whether some runner computes this case's primitive. */
    public boolean implemented(GoldenCase c) {
        return runners.containsKey(c.primitive());
    }

    /** Whether a precision applies to a case (fp32 lines only where the runner has an fp32 path). */
    public boolean applies(GoldenCase c, Precision p) {
        CaseRunner r = runners.get(c.primitive());
        return p == Precision.FP64 || r == null || r.supportsFp32(c);
    }

    /** Runs one case in one precision and judges it; never throws (a failure is a FAIL result). */
    public Result check(GoldenCase c, Precision p, SsmKernel kernel, boolean skipMissing) {
        CaseRunner r = runners.get(c.primitive());
        String b = kernel.name();
        if (r == null) {
            return new Result(c.name(), b, p, skipMissing ? Status.SKIP : Status.FAIL, 0, 0, "", "not-implemented");
        }
        Map<String, double[]> got;
        try {
            got = r.run(c, p, kernel);
        } catch (Throwable t) {
            return new Result(c.name(), b, p, Status.FAIL, 0, 0, "", "error=" + oneLine(t));
        }
        double worstRatio = -1;
        double worst = 0;
        double allowed = 0;
        String worstName = "";
        try {
            for (String o : c.outputNames()) {
                boolean f32 = o.endsWith("_f32");
                String base = f32 ? o.substring(0, o.length() - 4) : o;
                boolean single = c.outputDtype(o).equals("float32") || c.outputDtype(o).equals("complex64");
                boolean compare = p == Precision.FP64
                        || f32 || (single && !c.outputNames().contains(o + "_f32"));
                if (!compare) {
                    continue;
                }
                // a runner may return an output under its full name when the reference's two runs made
                // different free choices (eigenvector phases, SPEC 2.3); otherwise the base name serves both
                double[] g = got.containsKey(o) ? got.get(o) : got.get(base);
                if (g == null) {
                    return new Result(c.name(), b, p, Status.FAIL, 0, 0, o, "missing-output=" + o);
                }
                NpyArray ref = c.expected(o);
                double[] e = ref.data();
                if (g.length != e.length) {
                    return new Result(c.name(), b, p, Status.FAIL, 0, 0, o,
                            "wrong-size output=" + o + " got=" + g.length + " expected=" + e.length);
                }
                double err = maxError(g, e, ref.isComplex());
                double all = c.tolerance(o).allowed(maxAbs(e, ref.isComplex()));
                double ratio = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / all;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = err;
                    allowed = all;
                    worstName = o;
                }
            }
        } catch (IOException ex) {
            return new Result(c.name(), b, p, Status.FAIL, 0, 0, "", "error=" + oneLine(ex));
        }
        Status s = worstRatio <= 1 ? Status.PASS : Status.FAIL;
        return new Result(c.name(), b, p, s, worst, allowed, worstName, null);
    }

    /** Runs {@code cases} in each precision of {@code precisions}, printing one line per result and a summary. */
    public List<Result> run(List<GoldenCase> selected, List<Precision> precisions, SsmKernel kernel,
                            boolean skipMissing, PrintStream out) {
        List<Result> results = new ArrayList<>();
        for (GoldenCase c : selected) {
            for (Precision p : precisions) {
                if (!applies(c, p)) {
                    continue;
                }
                Result r = check(c, p, kernel, skipMissing);
                results.add(r);
                if (out != null) {
                    out.println(r.line());
                }
            }
        }
        return results;
    }

    /** The summary line: {@code N passed, N failed} (plus {@code , N skipped} when any were skipped). */
    public static String summary(List<Result> results, boolean showSkipped) {
        long pass = results.stream().filter(r -> r.status() == Status.PASS).count();
        long fail = results.stream().filter(r -> r.status() == Status.FAIL).count();
        long skip = results.stream().filter(r -> r.status() == Status.SKIP).count();
        return pass + " passed, " + fail + " failed" + (showSkipped ? ", " + skip + " skipped" : "");
    }

    /** max_i |got_i − ref_i| (complex: modulus of the difference); NaN if any value is NaN. */
    public static double maxError(double[] got, double[] ref, boolean complex) {
        double m = 0;
        if (complex) {
            for (int i = 0; i < got.length; i += 2) {
                double d = Math.hypot(got[i] - ref[i], got[i + 1] - ref[i + 1]);
                if (Double.isNaN(d)) {
                    return Double.NaN;
                }
                m = Math.max(m, d);
            }
        } else {
            for (int i = 0; i < got.length; i++) {
                double d = Math.abs(got[i] - ref[i]);
                if (Double.isNaN(d)) {
                    return Double.NaN;
                }
                m = Math.max(m, d);
            }
        }
        return m;
    }

    /** max_i |ref_i| (complex: modulus). */
    public static double maxAbs(double[] ref, boolean complex) {
        double m = 0;
        for (int i = 0; i < ref.length; i += complex ? 2 : 1) {
            m = Math.max(m, complex ? Math.hypot(ref[i], ref[i + 1]) : Math.abs(ref[i]));
        }
        return m;
    }

    private static String oneLine(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replace("\n", " ");
    }
}
