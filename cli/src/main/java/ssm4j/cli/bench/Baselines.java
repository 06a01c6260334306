package ssm4j.cli.bench;

import java.io.IOException;
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
import com.google.gson.JsonParser;

/**
 * The "baseline of its kind" of each suite, from {@code bench/baselines.json}: the row a result is compared with
 * besides the scalar backend (e.g. JTransforms for FFT convolution), and the C anchors of the canonical workloads
 * ({@code shared/anchors}), which {@code --anchors} runs in the same session. Immutable.
 *
 * @param kinds   per suite, the selector of its baseline row and a label
 * @param anchors the C anchor programs and the rows they are compared with
 */
public record Baselines(List<Kind> kinds, List<Anchor> anchors) {

    /**
     * A suite's in-JMH baseline.
     *
     * @param suite    simple class name
     * @param baseline selects the baseline row (e.g. {@code backend=scalar})
     * @param label    what the baseline is, e.g. {@code JTransforms}
     */
    public record Kind(String suite, Selector baseline, String label) {
    }

    /**
     * A C anchor: {@code run} args of {@code shared/anchors/run}; compared with rows of {@code suite} whose size
     * params hold every value of {@code sizes} (param names differ between suites, values do not).
     *
     * @param suite  simple class name
     * @param sizes  values the row's size params must contain, e.g. {@code [256, 32, 4096]}
     * @param run    arguments of the anchors' run script, e.g. {@code [cauchy, 256, 32, 4096]}
     * @param impl   the implementation label in the anchor's output line, e.g. {@code pair-form div, U=2}
     * @param label  short name for tables, e.g. {@code C W1}
     */
    public record Anchor(String suite, List<String> sizes, List<String> run, String impl, String label) {
        /**
         * Whether the row's size params contain every anchor size value (as a multiset), each param value split
         * into tokens at {@code x}, {@code _} and {@code ,} (a {@code shape=8x256x4096} param gives 8, 256, 4096).
         */
        public boolean matches(JmhResult r) {
            if (!r.suite().equals(suite)) {
                return false;
            }
            List<String> have = new ArrayList<>();
            r.params().forEach((k, v) -> {
                if (!k.equals("backend") && !k.equals("threads")) {
                    for (String t : v.split("[x_,]")) {
                        have.add(t.trim());
                    }
                }
            });
            for (String s : sizes) {
                if (!have.remove(s)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** No baselines (when the file is missing). */
    public static Baselines none() {
        return new Baselines(List.of(), List.of());
    }

    /**
     * Reads {@code bench/baselines.json}.
     *
     * @throws IllegalArgumentException naming the file and field when it is malformed
     */
    public static Baselines read(Path file) throws IOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        List<Kind> kinds = new ArrayList<>();
        for (JsonElement e : array(root, "baselines")) {
            JsonObject o = e.getAsJsonObject();
            kinds.add(new Kind(o.get("suite").getAsString(), selector(o.getAsJsonObject("baseline")),
                    o.get("label").getAsString()));
        }
        List<Anchor> anchors = new ArrayList<>();
        for (JsonElement e : array(root, "anchors")) {
            JsonObject o = e.getAsJsonObject();
            anchors.add(new Anchor(o.get("suite").getAsString(), strings(o.getAsJsonArray("sizes")),
                    strings(o.getAsJsonArray("run")), o.get("impl").getAsString(), o.get("label").getAsString()));
        }
        return new Baselines(List.copyOf(kinds), List.copyOf(anchors));
    }

    /** The baseline kind of a suite, or null. */
    public Kind kindOf(String suite) {
        for (Kind k : kinds) {
            if (k.suite().equals(suite)) {
                return k;
            }
        }
        return null;
    }

    static Selector selector(JsonObject o) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        }
        return new Selector(m);
    }

    static JsonArray array(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(x -> out.add(x.getAsString()));
        }
        return out;
    }
}
