package ssm4j.cli.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads the JSON that JMH writes with {@code -rf json}: an array of objects with {@code benchmark}, {@code mode},
 * {@code params}, {@code primaryMetric.rawData} (one array of iteration values per fork) and, with
 * {@code -prof gc}, {@code secondaryMetrics["gc.alloc.rate.norm"]}. JMH writes missing numbers as the string
 * {@code "NaN"}; only the fields above are read, so the file of any JMH 1.x version parses.
 */
public final class JmhJson {
    private JmhJson() {
    }

    /**
     * Parses a JMH JSON result file.
     *
     * @throws IllegalArgumentException naming the file when it is not a JMH result array
     * @throws IOException when it cannot be read
     */
    public static List<JmhResult> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(JsonParser.parseReader(r), file.toString());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + ": not a JMH JSON result file (" + e.getMessage() + ")", e);
        }
    }

    /** Parses JMH JSON text; {@code origin} names it in error messages. */
    public static List<JmhResult> parse(String json, String origin) {
        try {
            return parse(JsonParser.parseString(json), origin);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(origin + ": not a JMH JSON result file (" + e.getMessage() + ")", e);
        }
    }

    private static List<JmhResult> parse(JsonElement root, String origin) {
        if (root == null || root.isJsonNull()) {
            return List.of(); // JMH writes an empty file when every benchmark failed
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException(origin + ": not a JMH JSON result file (top level is not an array)");
        }
        List<JmhResult> out = new ArrayList<>();
        JsonArray arr = root.getAsJsonArray();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject o = arr.get(i).getAsJsonObject();
            String where = origin + "[" + i + "]";
            String benchmark = string(o, "benchmark", where);
            String mode = string(o, "mode", where);
            Map<String, String> params = new LinkedHashMap<>();
            if (o.has("params") && o.get("params").isJsonObject()) {
                o.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            }
            JsonObject pm = o.getAsJsonObject("primaryMetric");
            if (pm == null) {
                throw new IllegalArgumentException(where + ": no primaryMetric");
            }
            double[] samples = flatten(pm.get("rawData"));
            if (samples.length == 0) {
                samples = new double[] {number(pm.get("score"))};
            }
            String unit = string(pm, "scoreUnit", where);
            double alloc = Double.NaN;
            JsonObject sm = o.has("secondaryMetrics") ? o.getAsJsonObject("secondaryMetrics") : null;
            if (sm != null && sm.has("gc.alloc.rate.norm")) {
                JsonObject g = sm.getAsJsonObject("gc.alloc.rate.norm");
                double[] raw = flatten(g.get("rawData"));
                // The median iteration, not the mean or the worst: an allocation on the hot path shows in every
                // iteration, while a JIT tier change inside one iteration (Vector API code running in C1 boxes
                // every vector) shows in that one only: FftBench.ours at n=8192 measured 0 B/op in two iterations
                // and ~2 MB/op in the third (780 ± 24650 B/op) on 2026-11-23 with the gate's short warm-up.
                alloc = raw.length == 0 ? number(g.get("score")) : median(raw);
            }
            double iteration = o.has("measurementTime") ? timeValueMillis(o.get("measurementTime").getAsString())
                    : Double.NaN;
            out.add(new JmhResult(benchmark, mode, params, samples, unit, alloc, iteration));
        }
        return out;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }

    /** JMH's TimeValue text ({@code "400 ms"}, {@code "1 s"}) in ms; NaN for anything else ({@code "single-shot"}). */
    static double timeValueMillis(String t) {
        String[] p = t.trim().split("\\s+");
        if (p.length != 2) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(p[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        return switch (p[1]) {
            case "ns" -> v * 1e-6;
            case "us" -> v * 1e-3;
            case "ms" -> v;
            case "s" -> v * 1e3;
            case "min" -> v * 6e4;
            default -> Double.NaN;
        };
    }

    private static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(where + ": field '" + key + "' is missing");
        }
        return e.getAsString();
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        String s = e.getAsString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static double[] flatten(JsonElement raw) {
        List<Double> v = new ArrayList<>();
        if (raw != null && raw.isJsonArray()) {
            for (JsonElement fork : raw.getAsJsonArray()) {
                if (fork.isJsonArray()) {
                    for (JsonElement x : fork.getAsJsonArray()) {
                        v.add(number(x));
                    }
                } else {
                    v.add(number(fork));
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
