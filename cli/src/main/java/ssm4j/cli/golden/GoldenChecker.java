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

    /**
     * Whether a precision applies to a case: fp32 lines only where the runner has an fp32 path and some output is
     * compared in fp32 (a case with no outputs at all still gets its fp64 line, which fails).
     */
    public boolean applies(GoldenCase c, Precision p) {
        CaseRunner r = runners.get(c.primitive());
        if (p == Precision.FP64 || r == null) {
            return true;
        }
        return r.supportsFp32(c) && c.outputNames().stream().anyMatch(o -> compares(c, o, p));
    }

    /** Whether output {@code o} is judged in precision {@code p} (fp32: the _f32 output or a single-precision one). */
    private static boolean compares(GoldenCase c, String o, Precision p) {
        if (p == Precision.FP64 || o.endsWith("_f32")) {
            return true;
        }
        boolean single = c.outputDtype(o).equals("float32") || c.outputDtype(o).equals("complex64");
        return single && !c.outputNames().contains(o + "_f32");
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
        int compared = 0;
        try {
            for (String o : c.outputNames()) {
                if (!compares(c, o, p)) {
                    continue;
                }
                boolean f32 = o.endsWith("_f32");
                String base = f32 ? o.substring(0, o.length() - 4) : o;
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
                // 0/0 (exact answer, zero tolerance) is a pass; NaN anywhere else is a failure
                double ratio = err == 0 ? 0 : Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / all;
                compared++;
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = err;
                    allowed = all;
                    worstName = o;
                }
            }
        } catch (IOException ex) {
            return new Result(c.name(), b, p, Status.FAIL, 0, 0, "", "error=" + oneLine(ex));
        } catch (IllegalArgumentException ex) {
            return new Result(c.name(), b, p, Status.FAIL, 0, 0, worstName, "bad-tolerance " + oneLine(ex));
        }
        if (compared == 0) { // a case that compared nothing proves nothing
            return new Result(c.name(), b, p, Status.FAIL, 0, 0, "", "no-outputs (nothing to compare in "
                    + p.label() + ")");
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

    /**
     * max_i |got_i − ref_i| (complex: modulus of the difference). A non-finite reference component must be matched
     * exactly (same infinity, or NaN for NaN) and is then left out of the maximum; a mismatch there, or a NaN
     * answer where the reference is finite, gives NaN (a failure).
     */
    public static double maxError(double[] got, double[] ref, boolean complex) {
        double m = 0;
        int step = complex ? 2 : 1;
        for (int i = 0; i < got.length; i += step) {
            double d = 0;
            boolean finiteRef = true;
            for (int j = i; j < i + step; j++) {
                if (!Double.isFinite(ref[j])) {
                    finiteRef = false;
                    if (Double.compare(got[j], ref[j]) != 0) { // compare: NaN equals NaN, +Inf only +Inf
                        return Double.NaN;
                    }
                }
            }
            if (finiteRef) {
                d = complex ? Math.hypot(got[i] - ref[i], got[i + 1] - ref[i + 1]) : Math.abs(got[i] - ref[i]);
            } else {
                for (int j = i; j < i + step; j++) { // the finite component of a half-infinite complex value
                    if (Double.isFinite(ref[j])) {
                        d = Math.max(d, Math.abs(got[j] - ref[j]));
                    }
                }
            }
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.NaN;
            }
            m = Math.max(m, d);
        }
        return m;
    }

    /** max_i |ref_i| over the finite reference values (complex: modulus); non-finite ones are matched exactly. */
    public static double maxAbs(double[] ref, boolean complex) {
        double m = 0;
        for (int i = 0; i < ref.length; i += complex ? 2 : 1) {
            double a = complex ? Math.hypot(ref[i], ref[i + 1]) : Math.abs(ref[i]);
            if (Double.isFinite(a)) {
                m = Math.max(m, a);
            }
        }
        return m;
    }

    private static String oneLine(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replace("\n", " ");
    }
}
