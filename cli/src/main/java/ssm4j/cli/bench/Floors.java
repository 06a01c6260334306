package ssm4j.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The regression gate's floors, from the one versioned file {@code bench/floors.json}. Only same-run ratios and
 * allocation are gated, never absolute times (the machines are shared and noisy). Immutable.
 *
 * @param margin         the fraction below the measured ratio at which a floor is set ({@code floor = measured ×
 *                       (1 − margin)}), used by {@code --calibrate}
 * @param maxBytesPerOp  the allocation floor: {@code gc.alloc.rate.norm} above it on a gated row fails
 * @param perIterationBytes JMH's own allocation per measurement iteration (the harness and the gc profiler,
 *                       measured at 6-15 KB), which {@code gc.alloc.rate.norm} spreads over the operations of
 *                       the iteration: a row's limit is {@code maxBytesPerOp + perIterationBytes / ops per
 *                       iteration}, so a 1 s operation is not failed for the harness's bytes
 * @param exempt         rows not held to the allocation floor (e.g. the JTransforms baseline), with reasons
 * @param params         per suite, {@code @Param} values the gate runs (otherwise the quick-mode choice)
 * @param ratios         the ratio checks
 */
public record Floors(double margin, double maxBytesPerOp, double perIterationBytes, List<Exempt> exempt,
                     Map<String, Map<String, List<String>>> params, List<Ratio> ratios) {

    /**
     * A row family exempt from the allocation floor.
     *
     * @param suite  simple class name
     * @param select which rows of it
     * @param why    the reason, printed by the gate
     */
    public record Exempt(String suite, Selector select, String why) {
    }

    /**
     * One ratio floor: for every candidate row of {@code suite} (and {@code method}, a regex, when given), the
     * baseline row at the same size and threads must be at least {@code floor} times slower:
     * {@code baseline time / candidate time ≥ floor}, each side's fastest measured iteration
     * ({@link JmhResult#bestMillis()}).
     *
     * @param id        short stable name, e.g. {@code W1-cauchy-vector-vs-scalar}
     * @param suite     simple class name, e.g. {@code CauchyBench}
     * @param method    regex on the method name, or null for all methods
     * @param candidate selects the fast side (e.g. {@code backend=vector})
     * @param baseline  selects the side it is compared with (e.g. {@code backend=scalar})
     * @param floor     the minimum speed-up
     * @param source    where the floor comes from: a measurement (date, machine, value) or a stated goal
     */
    public record Ratio(String id, String suite, String method, Selector candidate, Selector baseline, double floor,
                        String source) {
        /** Whether a row is on the candidate side of this check. */
        public boolean isCandidate(JmhResult r) {
            return r.suite().equals(suite) && candidate.matches(r)
                    && (method == null || Pattern.matches(method, r.method()));
        }
    }

    /**
     * Reads a floors file.
     *
     * @throws IllegalArgumentException naming the file and the field when it is malformed
     */
    public static Floors read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(JsonParser.parseString(text).getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": malformed floors file (" + e.getMessage() + ")", e);
        }
    }

    private static Floors parse(JsonObject root) {
        double margin = root.has("margin") ? root.get("margin").getAsDouble() : 0.3;
        JsonObject alloc = root.has("allocation") ? root.getAsJsonObject("allocation") : new JsonObject();
        double maxBytes = alloc.has("maxBytesPerOp") ? alloc.get("maxBytesPerOp").getAsDouble() : 1024;
        double perIteration = alloc.has("perIterationBytes") ? alloc.get("perIterationBytes").getAsDouble() : 0;
        List<Exempt> exempt = new ArrayList<>();
        for (JsonElement e : Baselines.array(alloc, "exempt")) {
            JsonObject o = e.getAsJsonObject();
            exempt.add(new Exempt(req(o, "suite"), Baselines.selector(o.getAsJsonObject("select")), req(o, "why")));
        }
        Map<String, Map<String, List<String>>> params = new LinkedHashMap<>();
        if (root.has("params")) {
            root.getAsJsonObject("params").entrySet().forEach(s -> {
                Map<String, List<String>> p = new LinkedHashMap<>();
                s.getValue().getAsJsonObject().entrySet().forEach(v -> p.put(v.getKey(),
                        v.getValue().isJsonArray() ? Baselines.strings(v.getValue().getAsJsonArray())
                                : List.of(v.getValue().getAsString())));
                params.put(s.getKey(), p);
            });
        }
        List<Ratio> ratios = new ArrayList<>();
        for (JsonElement e : Baselines.array(root, "ratios")) {
            JsonObject o = e.getAsJsonObject();
            double floor = o.get("floor").getAsDouble();
            if (!(floor > 0)) {
                throw new IllegalArgumentException("ratio '" + req(o, "id") + "': floor must be > 0, got " + floor);
            }
            ratios.add(new Ratio(req(o, "id"), req(o, "suite"),
                    o.has("method") && !o.get("method").isJsonNull() ? o.get("method").getAsString() : null,
                    Baselines.selector(o.getAsJsonObject("candidate")),
                    Baselines.selector(o.getAsJsonObject("baseline")),
                    floor, o.has("source") ? o.get("source").getAsString() : ""));
        }
        return new Floors(margin, maxBytes, perIteration, List.copyOf(exempt), params, List.copyOf(ratios));
    }

    private static String req(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new IllegalArgumentException("field '" + key + "' is missing in " + o);
        }
        return o.get(key).getAsString();
    }

    /** The suites the gate runs, in file order. */
    public List<String> suites() {
        List<String> s = new ArrayList<>();
        for (Ratio r : ratios) {
            if (!s.contains(r.suite())) {
                s.add(r.suite());
            }
        }
        return s;
    }

    /** The backend values the ratio checks of a suite compare (null when a check selects by something else). */
    public List<String> backends(String suite) {
        List<String> b = new ArrayList<>();
        for (Ratio r : ratios) {
            if (r.suite().equals(suite)) {
                for (Selector s : List.of(r.candidate(), r.baseline())) {
                    String v = s.values().get("backend");
                    if (v == null) {
                        return null;
                    }
                    if (!b.contains(v)) {
                        b.add(v);
                    }
                }
            }
        }
        return b;
    }

    /** Regex of the methods of a suite that its checks name, or null when a check takes every method. */
    public String methods(String suite) {
        List<String> m = new ArrayList<>();
        for (Ratio r : ratios) {
            if (r.suite().equals(suite)) {
                if (r.method() == null) {
                    return null;
                }
                m.add(r.method());
            }
        }
        return m.isEmpty() ? null : String.join("|", m);
    }

    /** The allocation limit of a row in bytes per operation (see {@link Floors}). */
    public double allocationLimit(JmhResult r) {
        double ops = r.opsPerIteration();
        return maxBytesPerOp + (Double.isNaN(ops) ? 0 : perIterationBytes / ops);
    }

    /** True when an exemption with an empty selector covers every row of {@code suite}. */
    public boolean allExempt(String suite) {
        return exempt.stream().anyMatch(e -> e.suite().equals(suite) && e.select().values().isEmpty());
    }

    /** The exemption covering a row from the allocation floor, or null. */
    public Exempt exemption(JmhResult r) {
        for (Exempt e : exempt) {
            if (e.suite().equals(r.suite()) && e.select().matches(r)) {
                return e;
            }
        }
        return null;
    }
}
