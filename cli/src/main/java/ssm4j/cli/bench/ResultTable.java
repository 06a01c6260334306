package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench command's table: one row per benchmark point with its median, the same-run speed-up over the scalar
 * backend, over the baseline of its kind (JTransforms, a C anchor ...) and the cold first-call time. Speed-ups
 * are always {@code baseline time / this time}: above 1 means faster than the baseline. Immutable.
 *
 * @param rows the rows, sorted by primitive, size, threads and backend
 */
public record ResultTable(List<Row> rows) {

    /**
     * One table row.
     *
     * @param result        the steady-state JMH result
     * @param vsScalar      scalar median / this median at the same size and threads, NaN without a scalar row
     * @param baselineLabel what {@code vsBaseline} compares with, or "" when there is none
     * @param vsBaseline    baseline time / this time, NaN without one
     * @param coldMillis    median first-call time in ms from the single-shot run, NaN when not measured
     */
    public record Row(JmhResult result, double vsScalar, String baselineLabel, double vsBaseline, double coldMillis) {
    }

    /** A C anchor's median for one workload and thread count, measured in the same session. */
    public record AnchorTime(Baselines.Anchor anchor, String threads, double millis) {
    }

    /**
     * Builds the table from steady-state rows (mode avgt), optional single-shot rows (mode ss) and anchor times.
     */
    public static ResultTable of(List<JmhResult> results, Baselines baselines, List<AnchorTime> anchorTimes) {
        List<JmhResult> steady = new ArrayList<>();
        List<JmhResult> cold = new ArrayList<>();
        for (JmhResult r : results) {
            (r.mode().equals("ss") ? cold : steady).add(r);
        }
        Selector scalar = Selector.of("backend", "scalar");
        List<Row> rows = new ArrayList<>();
        for (JmhResult r : steady) {
            double vsScalar = Double.NaN;
            if (r.params().containsKey("backend")) {
                JmhResult s = scalar.counterpart(r, steady);
                if (s != null) {
                    vsScalar = s.medianMillis() / r.medianMillis();
                }
            }
            // The C anchor, when one was measured in this session, is the stricter baseline (FFTW fused for W3,
            // where the in-JMH JTransforms baseline already shows as "vs scalar"); else the in-JMH kind.
            String label = "";
            double vsBase = Double.NaN;
            for (AnchorTime a : anchorTimes) {
                if (a.anchor().matches(r) && a.threads().equals(r.threads())) {
                    label = a.anchor().label();
                    vsBase = a.millis() / r.medianMillis();
                    break;
                }
            }
            Baselines.Kind kind = baselines.kindOf(r.suite());
            if (label.isEmpty() && kind != null && !kind.baseline().matches(r)) { // the baseline row: no ratio
                JmhResult b = kind.baseline().counterpart(r, steady);
                if (b != null) {
                    label = kind.label();
                    vsBase = b.medianMillis() / r.medianMillis();
                }
            }
            double coldMs = Double.NaN;
            for (JmhResult c : cold) {
                if (c.benchmark().equals(r.benchmark()) && c.params().equals(r.params())) {
                    coldMs = c.medianMillis();
                }
            }
            rows.add(new Row(r, vsScalar, label, vsBase, coldMs));
        }
        // Cold rows without a steady-state twin (a --cold run alone) still get a line.
        for (JmhResult c : cold) {
            boolean twin = steady.stream().anyMatch(r -> r.benchmark().equals(c.benchmark())
                    && r.params().equals(c.params()));
            if (!twin) {
                rows.add(new Row(c, Double.NaN, "", Double.NaN, c.medianMillis()));
            }
        }
        rows.sort(Comparator.comparing((Row x) -> x.result().primitive())
                .thenComparing(x -> x.result().size())
                .thenComparing(x -> Integer.parseInt(x.result().threads().replaceAll("\\D", "0")))
                .thenComparing(x -> backendOrder(x.result().backend())));
        return new ResultTable(List.copyOf(rows));
    }

    private static int backendOrder(String b) {
        return switch (b) {
            case "scalar" -> 0;
            case "vector" -> 1;
            case "native" -> 2;
            case "native-gpu" -> 3;
            default -> 4;
        };
    }

    private static final String[] HEAD = {"primitive", "size", "backend", "threads", "median", "vs scalar",
        "vs baseline", "first call", "alloc B/op"};

    /** The table as aligned plain text for the terminal. */
    public String text() {
        List<String[]> cells = cells();
        int[] w = new int[HEAD.length];
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            String[] c = cells.get(k);
            for (int i = 0; i < c.length; i++) {
                boolean right = i >= 3;
                String f = "%" + (right ? "" : "-") + w[i] + "s";
                sb.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, f, c[i]));
            }
            sb.append('\n');
            if (k == 0) {
                for (int i = 0; i < w.length; i++) {
                    sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The table as GitHub Markdown, with a note on what the ratios mean. */
    public String markdown() {
        List<String[]> cells = cells();
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            sb.append("| ").append(String.join(" | ", cells.get(k))).append(" |\n");
            if (k == 0) {
                sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
            }
        }
        sb.append("\nSpeed-ups are same-run ratios, baseline median / this median (above 1: faster). "
                + "Median over all measured iterations; first call = median over forks of the first operation "
                + "in a fresh JVM (JMH single-shot).\n");
        return sb.toString();
    }

    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        out.add(HEAD);
        for (Row r : rows) {
            JmhResult x = r.result();
            boolean coldOnly = x.mode().equals("ss");
            out.add(new String[] {
                x.primitive(), x.size(), x.backend(), x.threads(),
                coldOnly ? "-" : time(x.medianMillis()),
                ratio(r.vsScalar()),
                r.baselineLabel().isEmpty() ? "-" : ratio(r.vsBaseline()) + " " + r.baselineLabel(),
                Double.isNaN(r.coldMillis()) ? "-" : time(r.coldMillis()),
                Double.isNaN(x.allocNorm()) ? "-" : String.format(Locale.ROOT, "%.0f", x.allocNorm())});
        }
        return out;
    }

    /** A time in ms with an adaptive unit and three significant digits, e.g. {@code 9.55 ms}, {@code 215 µs}. */
    static String time(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (ms >= 1000) {
            return sig(ms / 1000) + " s";
        }
        if (ms >= 1) {
            return sig(ms) + " ms";
        }
        if (ms >= 1e-3) {
            return sig(ms * 1e3) + " µs";
        }
        return sig(ms * 1e6) + " ns";
    }

    /** A ratio as {@code 12.3×}, or {@code -} when NaN. */
    static String ratio(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return sig(x) + "×";
    }

    private static String sig(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * Speed-ups for the chart: per (primitive, size, threads) group, each non-scalar backend's speed-up over the
     * scalar row; a suite without a backend param (e.g. FftBench's ours/jtransforms methods) contributes its
     * speed-up over the baseline of its kind, as the series "vs LABEL".
     */
    public Map<String, Map<String, Double>> speedups() {
        Map<String, Map<String, Double>> m = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            JmhResult x = r.result();
            String group = x.primitive() + " " + x.size() + (x.threads().equals("1") ? "" : " t=" + x.threads());
            if (!Double.isNaN(r.vsScalar()) && !x.backend().equals("scalar")) {
                m.computeIfAbsent(group, k -> new java.util.LinkedHashMap<>()).put(x.backend(), r.vsScalar());
            } else if (!x.params().containsKey("backend") && !Double.isNaN(r.vsBaseline())) {
                m.computeIfAbsent(group, k -> new java.util.LinkedHashMap<>()).put("vs " + r.baselineLabel(),
                        r.vsBaseline());
            }
        }
        return m;
    }
}
