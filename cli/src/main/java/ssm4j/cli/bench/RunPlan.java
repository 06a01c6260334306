package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one suite is run: which {@code @Param} values go to JMH with {@code -p}, and the JMH run options of the mode.
 * Built from the suite's declared params (from {@link BenchmarkCatalog}), so a suite is only ever given params
 * it has, whatever its authors named its sizes.
 *
 * <ul>
 *   <li><b>quick</b>: every declared backend (that can run here), 1 thread, the smallest declared value of each
 *       other numeric param, the first of a {@code shape} or {@code workload} param, every value of another
 *       non-numeric one (the sides of a comparison); 1 fork, 2 × 0.5 s warm-up, 2 × 0.3 s measured: ~90 s for
 *       the whole tour on 2 cores.</li>
 *   <li><b>standard</b>: the same points with every {@code shape}/{@code workload} value, 1 fork, 2 × 1 s warm-up,
 *       3 × 0.4 s measured (the former quick tour, ~5 minutes).</li>
 *   <li><b>full</b>: every declared value (the canonical sizes of the issues); the suite's own annotations decide
 *       forks and iterations.</li>
 *   <li><b>gate</b>: like standard, restricted to the backends the floors name, with {@code -prof gc} and a 4 s
 *       warm-up.</li>
 *   <li><b>cold</b>: like the mode it accompanies, in single-shot mode: each fork times its first call.</li>
 * </ul>
 *
 * @param suite   simple class name, e.g. {@code CauchyBench}
 * @param params  param name to the values to run (only declared params appear)
 * @param options JMH command-line options (without the benchmark regex and result file)
 * @param methods regex of the methods to run (JMH matches it against the method name), or null for all
 * @param runs    number of (method, param point) combinations, i.e. forks of one fork each, for progress
 */
public record RunPlan(String suite, Map<String, List<String>> params, List<String> options, String methods,
                      int runs) {

    /**
     * Quick and gate modes: 1 fork, warm-up 2 iterations of 1 s (C2 settles after ~0.7 s, STYLE.md section 7),
     * 3 measured iterations of 0.4 s: about 4 s per (method, param point) with the JVM start.
     */
    static final List<String> SHORT = List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "400ms");

    /** Seconds one short fork takes beyond its operations: JVM start, 2 s warm-up, 1.2 s measured, teardown. */
    static final double SHORT_FORK_SECONDS = 4.0;

    /**
     * The quick tour: 2 × 0.5 s warm-up (enough for C2 on the kernels of the smallest sizes on an idle machine; a
     * loaded one shows it as wider error bars), 2 × 0.3 s measured.
     */
    static final List<String> QUICK = List.of("-f", "1", "-wi", "2", "-w", "500ms", "-i", "2", "-r", "300ms");

    /**
     * The gate: 7 × 1 s warm-up, 3 × 0.4 s measured. Two seconds were not enough for C2 to finish the big FFT and
     * scan methods on a loaded 2-core machine (issue 14, Zen 5 at load 17: FftBench.ours still interpreted, 5 MB/op,
     * after 2 s; compiled, 0 B/op, after 4-5 s), and a hot path judged before it is compiled "allocates". Now
     * 7 × 1 s: on a quiet Zen 5 the W4 selective scan once still ran a transitional compile after 4 s (22.5 ± 8.3
     * ms/op and 15.7 MB/op, against 15.1 ± 0.9 ms/op and 329 B/op in the run before: iterations still varying).
     */
    static final List<String> GATE = List.of("-f", "1", "-wi", "7", "-w", "1s", "-i", "3", "-r", "400ms");

    /** Seconds one quick fork takes beyond its operations. */
    static final double QUICK_FORK_SECONDS = 2.4;

    /** Params whose values are problem sizes although not numbers: quick mode runs only the first. */
    static final Set<String> SIZE_NAMES = Set.of("shape", "workload");

    /** Cold latency: each of 3 forks runs one operation, the first of its JVM (JMH SingleShotTime). */
    static final List<String> COLD = List.of("-bm", "ss", "-wi", "0", "-i", "1", "-f", "3", "-tu", "ms");

    /** The JMH modes of the bench command. */
    public enum Mode { QUICK, STANDARD, FULL, GATE }

    /** Seconds per fork beyond its operations in {@code mode} (for the time estimates). */
    static double forkSeconds(Mode mode) {
        return mode == Mode.QUICK ? QUICK_FORK_SECONDS : mode == Mode.GATE ? SHORT_FORK_SECONDS + 2 : SHORT_FORK_SECONDS;
    }

    /**
     * Plans one suite.
     *
     * @param declared   the suite's declared params and values
     * @param methods    number of benchmark methods in the suite
     * @param mode       quick, full or gate
     * @param backendOk  which backend values may run here (e.g. excludes {@code native} without FFTW)
     * @param overrides  user {@code --param name=v1,v2} and {@code --threads}, applied where declared
     * @param backends   for the gate, the backend values the floors compare; null means all that are declared
     * @param cold       plan the single-shot first-call run instead of the steady-state one
     */
    public static RunPlan of(String suite, Map<String, List<String>> declared, int methods, Mode mode,
                             Predicate<String> backendOk, Map<String, List<String>> overrides,
                             List<String> backends, boolean cold) {
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        declared.forEach((name, values) -> {
            List<String> pick;
            if (overrides.containsKey(name)) {
                pick = new ArrayList<>(overrides.get(name));
            } else if (name.equals("backend")) {
                pick = new ArrayList<>(values);
                if (backends != null) {
                    pick.retainAll(backends);
                }
            } else if (mode == Mode.FULL) {
                pick = new ArrayList<>(values);
            } else if (name.equals("threads")) {
                pick = List.of(values.contains("1") ? "1" : smallest(values));
            } else if (allNumeric(values)) {
                pick = List.of(smallest(values));
            } else if (mode == Mode.QUICK && SIZE_NAMES.contains(name) && !values.isEmpty()) {
                pick = List.of(values.get(0));
            } else {
                pick = new ArrayList<>(values);
            }
            if (name.equals("backend")) {
                pick.removeIf(backendOk.negate());
            }
            chosen.put(name, pick);
        });
        List<String> opts = new ArrayList<>();
        if (cold) {
            opts.addAll(COLD);
        } else if (mode == Mode.QUICK) {
            opts.addAll(QUICK);
        } else if (mode == Mode.GATE) {
            opts.addAll(GATE);
        } else if (mode != Mode.FULL) {
            opts.addAll(SHORT);
        }
        if (mode == Mode.GATE && !cold) {
            opts.addAll(List.of("-prof", "gc"));
        }
        int runs = methods;
        for (List<String> v : chosen.values()) {
            runs *= v.size();
        }
        return new RunPlan(suite, chosen, opts, null, runs);
    }

    /** This plan restricted to the methods matching {@code regex}, of which the suite has {@code count}. */
    public RunPlan onlyMethods(String regex, int count, int allMethods) {
        return new RunPlan(suite, params, options, regex, allMethods == 0 ? 0 : runs / allMethods * count);
    }

    /** The JMH benchmark regex: the suite's class exactly (dots pin it), and the methods when restricted. */
    public String benchmarkRegex() {
        return "\\." + suite + "\\." + (methods == null ? "" : "(" + methods + ")$");
    }

    /** True when the plan has nothing to run (e.g. its only backend is unavailable here). */
    public boolean empty() {
        return runs == 0;
    }

    /** The {@code -p name=v1,v2} options of the plan. */
    public List<String> paramOptions() {
        List<String> out = new ArrayList<>();
        params.forEach((k, v) -> {
            out.add("-p");
            out.add(k + "=" + String.join(",", v));
        });
        return out;
    }

    private static boolean allNumeric(List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        for (String v : values) {
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String smallest(List<String> values) {
        if (!allNumeric(values)) {
            return values.get(0);
        }
        String best = values.get(0);
        for (String v : values) {
            if (Double.parseDouble(v) < Double.parseDouble(best)) {
                best = v;
            }
        }
        return best;
    }
}
