package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges benchmark results against {@link Floors}: every ratio check on every matching row (the ratio of the two
 * sides' fastest measured iterations, {@link JmhResult#bestMillis()}), and the allocation
 * floor on every steady-state row measured with {@code -prof gc}. A suite with no rows at all that is not in
 * {@code present} is ABSENT (not yet written, or left out of this build), which is not a failure; a present suite
 * whose candidate or baseline row is missing (the benchmark crashed) FAILs. Stateless.
 */
public final class Gate {

    /** Outcome of one check. */
    public enum Status { PASS, FAIL, ABSENT }

    /**
     * One line of the gate's report.
     *
     * @param check     the ratio id, or {@code alloc} for the allocation floor
     * @param what      the row(s) judged: primitive, size, threads and sides
     * @param measured  the ratio (or bytes/op), NaN when there was nothing to measure
     * @param floor     the floor (a minimum for ratios, a maximum for bytes/op)
     * @param status    PASS, FAIL or ABSENT
     * @param note      the reason for FAIL or ABSENT, the times behind a ratio, or an exemption
     */
    public record Line(String check, String what, double measured, double floor, Status status, String note) {
    }

    /**
     * The report: every line, and the exit status of {@code --gate}.
     *
     * @param lines one per judged row and check
     */
    public record Report(List<Line> lines) {
        /** 1 when any line FAILed, else 0. */
        public int exitCode() {
            return lines.stream().anyMatch(l -> l.status() == Status.FAIL) ? 1 : 0;
        }

        /** This report followed by {@code more} lines. */
        public Report plus(List<Line> more) {
            List<Line> all = new ArrayList<>(lines);
            all.addAll(more);
            return new Report(List.copyOf(all));
        }

        /** Number of lines with a status. */
        public long count(Status s) {
            return lines.stream().filter(l -> l.status() == s).count();
        }

        /** The report as an aligned text table, then {@code gate: N passed, N failed, N absent}. */
        public String text() {
            String[] head = {"status", "check", "row", "measured", "floor", "note"};
            List<String[]> cells = new ArrayList<>();
            cells.add(head);
            for (Line l : lines) {
                boolean alloc = l.check().equals("alloc");
                cells.add(new String[] {l.status().name(), l.check(), l.what(),
                    Double.isNaN(l.measured()) ? "-" : alloc ? String.format(Locale.ROOT, "%.0f B/op", l.measured())
                            : ResultTable.ratio(l.measured()),
                    alloc ? String.format(Locale.ROOT, "<= %.0f B/op", l.floor())
                            : ">= " + ResultTable.ratio(l.floor()),
                    l.note()});
            }
            int[] w = new int[head.length];
            for (String[] c : cells) {
                for (int i = 0; i < c.length; i++) {
                    w[i] = Math.max(w[i], c[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] c : cells) {
                for (int i = 0; i < c.length; i++) {
                    String cell = i == c.length - 1 ? c[i] : String.format(Locale.ROOT, "%-" + w[i] + "s", c[i]);
                    sb.append(i == 0 ? "" : "  ").append(cell);
                }
                sb.append('\n');
            }
            sb.append(String.format(Locale.ROOT, "gate: %d passed, %d failed, %d absent%n", count(Status.PASS),
                    count(Status.FAIL), count(Status.ABSENT)));
            return sb.toString();
        }
    }

    private Gate() {
    }

    /**
     * Judges results.
     *
     * @param results  the JMH rows (single-shot rows are ignored)
     * @param floors   the floors
     * @param present  suites known to be in the benchmarks jar; null means "the suites that have rows"
     *                 (judging a recorded file, where nothing else is known)
     */
    public static Report judge(List<JmhResult> results, Floors floors, Set<String> present) {
        List<JmhResult> steady = results.stream().filter(r -> !r.mode().equals("ss")).toList();
        List<Line> lines = new ArrayList<>();
        for (Floors.Ratio check : floors.ratios()) {
            boolean suiteHasRows = steady.stream().anyMatch(r -> r.suite().equals(check.suite()));
            boolean isPresent = present == null ? suiteHasRows : present.contains(check.suite());
            List<JmhResult> candidates = steady.stream().filter(check::isCandidate).toList();
            String sides = check.candidate() + " vs " + check.baseline();
            if (!isPresent) {
                lines.add(new Line(check.id(), check.suite() + " " + sides, Double.NaN, check.floor(), Status.ABSENT,
                        "suite not in the benchmarks jar"));
                continue;
            }
            if (candidates.isEmpty()) {
                lines.add(new Line(check.id(), check.suite() + " " + sides, Double.NaN, check.floor(), Status.FAIL,
                        "no result for " + check.candidate()
                                + (check.method() == null ? "" : " method~" + check.method())
                                + " (benchmark failed or was not run: see jmh.log)"));
                continue;
            }
            for (JmhResult c : candidates) {
                String what = c.primitive() + " " + c.size() + " t=" + c.threads() + " " + sides;
                JmhResult b = check.baseline().counterpart(c, steady);
                if (b == null) {
                    lines.add(new Line(check.id(), what, Double.NaN, check.floor(), Status.FAIL,
                            "no " + check.baseline() + " row at the same size (benchmark failed or was not run)"));
                    continue;
                }
                double ratio = b.bestMillis() / c.bestMillis(); // best iterations: see JmhResult.bestMillis
                Status s = ratio >= check.floor() ? Status.PASS : Status.FAIL;
                lines.add(new Line(check.id(), what, ratio, check.floor(), s, String.format(Locale.ROOT,
                        "best %s / %s", ResultTable.time(b.bestMillis()), ResultTable.time(c.bestMillis()))
                        + (s == Status.FAIL ? "  REGRESSED" : "")));
            }
        }
        lines.addAll(allocation(steady, floors, ""));
        return new Report(List.copyOf(lines));
    }

    /**
     * The allocation lines alone for {@code rows} (single-shot rows are ignored), each row's description ending in
     * {@code tag}: the gate's extra runs at the other vector widths are judged this way (their ratios are not
     * gated, their allocation is).
     */
    public static List<Line> allocation(List<JmhResult> rows, Floors floors, String tag) {
        List<Line> lines = new ArrayList<>();
        for (JmhResult r : rows) {
            if (Double.isNaN(r.allocNorm()) || r.mode().equals("ss")) {
                continue;
            }
            String what = r.primitive() + " " + r.size() + " t=" + r.threads() + " backend=" + r.backend() + tag;
            Floors.Exempt ex = floors.exemption(r);
            double limit = floors.allocationLimit(r);
            if (ex != null) {
                lines.add(new Line("alloc", what, r.allocNorm(), limit, Status.PASS, "exempt: " + ex.why()));
            } else {
                boolean ok = r.allocNorm() <= limit;
                lines.add(new Line("alloc", what, r.allocNorm(), limit, ok ? Status.PASS : Status.FAIL,
                        ok ? "" : "hot path allocates"));
            }
        }
        return lines;
    }

    /**
     * Floors proposed from a measurement: per check, the smallest measured ratio times {@code 1 − margin},
     * rounded down to two significant digits. Checks without a measurement keep their floor, and so do checks
     * that failed: calibrating must never turn a regression into the new normal (lower such a floor by hand,
     * with a reason in its source, if the slower code is meant to stay).
     */
    public static List<Floors.Ratio> calibrate(Report report, Floors floors, String source) {
        List<Floors.Ratio> out = new ArrayList<>();
        for (Floors.Ratio r : floors.ratios()) {
            double min = report.lines().stream().filter(l -> l.check().equals(r.id()) && !Double.isNaN(l.measured()))
                    .mapToDouble(Line::measured).min().orElse(Double.NaN);
            if (Double.isNaN(min)) {
                out.add(r);
                continue;
            }
            if (min < r.floor()) {
                out.add(new Floors.Ratio(r.id(), r.suite(), r.method(), r.candidate(), r.baseline(), r.floor(),
                        String.format(Locale.ROOT, "kept: measured %.3g× %s is below this floor; %s", min, source,
                                r.source())));
                continue;
            }
            double floor = floor2(min * (1 - floors.margin()));
            out.add(new Floors.Ratio(r.id(), r.suite(), r.method(), r.candidate(), r.baseline(), floor,
                    String.format(Locale.ROOT, "measured %.3g× %s; floor = measured × (1 − %.2f)", min, source,
                            floors.margin())));
        }
        return out;
    }

    /** Rounds down to two significant digits (0.0347 → 0.034, 12.9 → 12). */
    static double floor2(double v) {
        if (!(v > 0)) {
            return v;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        return Math.floor(v / scale + 1e-9) * scale;
    }
}
