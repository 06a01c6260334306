package ssm4j.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks result rows by a few fixed values, e.g. {@code {backend=scalar}} or {@code {method=jtransforms}}: the key
 * {@code method} matches the benchmark method name, any other key a {@code @Param}. Used for "the scalar row of
 * the same size", baselines of a kind and the two sides of a gate ratio.
 *
 * @param values key to required value
 */
public record Selector(Map<String, String> values) {
    /** Copies and sorts the values. */
    public Selector {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** A selector on one key. */
    public static Selector of(String key, String value) {
        return new Selector(Map.of(key, value));
    }

    /** Whether the row has every required value. */
    public boolean matches(JmhResult r) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getValue().equals(get(r, e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row that this selector picks as the counterpart of {@code row}: same suite and mode, this selector's
     * values, and every other param (and the method, unless selected) equal to {@code row}'s. Null if none.
     */
    public JmhResult counterpart(JmhResult row, List<JmhResult> all) {
        for (JmhResult c : all) {
            if (c.suite().equals(row.suite()) && c.mode().equals(row.mode()) && matches(c) && sameElsewhere(row, c)) {
                return c;
            }
        }
        return null;
    }

    private boolean sameElsewhere(JmhResult a, JmhResult b) {
        if (!values.containsKey("method") && !a.method().equals(b.method())) {
            return false;
        }
        Map<String, String> pa = new TreeMap<>(a.params());
        Map<String, String> pb = new TreeMap<>(b.params());
        pa.keySet().removeAll(values.keySet());
        pb.keySet().removeAll(values.keySet());
        return pa.equals(pb);
    }

    private static String get(JmhResult r, String key) {
        return key.equals("method") ? r.method() : r.params().get(key);
    }

    /** {@code backend=scalar}, or several values joined by commas. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
