package ssm4j.cli.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a JMH JSON result file: a benchmark method at one point of its {@code @Param} space.
 *
 * @param benchmark   fully qualified {@code class.method}, e.g. {@code ssm4j.jmh.CauchyBench.conjPair}
 * @param mode        JMH mode: {@code avgt}, {@code ss} (single shot, the cold first call), {@code thrpt}, ...
 * @param params      every {@code @Param} and its value, sorted by name (empty when the benchmark has none)
 * @param samples     the primary metric's raw iteration values, all forks concatenated
 * @param unit        the primary metric's unit, e.g. {@code ms/op}
 * @param allocNorm   {@code gc.alloc.rate.norm} in bytes per operation from {@code -prof gc}, or NaN when absent
 * @param iterationMillis the length of one measurement iteration ({@code measurementTime}), NaN when unknown
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double[] samples, String unit,
                        double allocNorm, double iterationMillis) {

    /** Copies the params into a sorted map and the samples into a private array. */
    public JmhResult {
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        samples = samples.clone();
    }

    /** The median of the raw samples (JMH's own score for avgt is the mean, which one slow iteration drags). */
    public double median() {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The median in milliseconds per operation, converting from the JMH time unit ({@code ns/op} ... {@code s/op}). */
    public double medianMillis() {
        return median() * millisPer(unit);
    }

    /**
     * The fastest measured iteration in milliseconds per operation. The gate compares these: on a shared machine
     * interference only ever adds time, so the best iteration of each side is the steadier estimate of what the
     * code can do (measured: one suite's median ratio moved 126× → 12× between two loaded runs, its best-iteration
     * ratio 125× → 136×).
     */
    public double bestMillis() {
        return Arrays.stream(samples).min().orElse(Double.NaN) * millisPer(unit);
    }

    /** Simple class name of the benchmark, e.g. {@code CauchyBench}. */
    public String suite() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    /** Method name of the benchmark, e.g. {@code conjPair}. */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /** {@code Suite.method}, the "primitive" column of the tables. */
    public String primitive() {
        return suite() + "." + method();
    }

    /** The {@code backend} param, or {@code "-"} for a benchmark without one. */
    public String backend() {
        return params.getOrDefault("backend", "-");
    }

    /** The {@code threads} param, or {@code "1"} for a benchmark without one. */
    public String threads() {
        return params.getOrDefault("threads", "1");
    }

    /** The params other than backend and threads, e.g. {@code h=256 l=4096}: the "size" column. */
    public String size() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!k.equals("backend") && !k.equals("threads")) {
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v);
            }
        });
        return sb.isEmpty() ? "-" : sb.toString();
    }

    /** Identity of a row up to one param: same benchmark, mode and every param except {@code without}. */
    public String keyWithout(String without) {
        Map<String, String> p = new TreeMap<>(params);
        p.remove(without);
        return benchmark + "|" + mode + "|" + p;
    }

    /**
     * Operations in one measurement iteration, at least 1 (an iteration runs whole operations): what JMH's own
     * per-iteration allocation is divided by in {@code gc.alloc.rate.norm}. NaN when the iteration time is unknown.
     */
    public double opsPerIteration() {
        return Math.max(1, iterationMillis / medianMillis());
    }

    /** Milliseconds in one unit of a JMH time-per-op unit. @throws IllegalArgumentException for other units */
    static double millisPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-6;
            case "us/op" -> 1e-3;
            case "ms/op" -> 1.0;
            case "s/op" -> 1e3;
            case "min/op" -> 6e4;
            default -> throw new IllegalArgumentException("unit: a time per operation is needed, got '" + unit
                    + "' (run the benchmarks in avgt or ss mode)");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmhResult r && benchmark.equals(r.benchmark) && mode.equals(r.mode)
                && params.equals(r.params) && Arrays.equals(samples, r.samples) && unit.equals(r.unit)
                && Double.compare(allocNorm, r.allocNorm) == 0
                && Double.compare(iterationMillis, r.iterationMillis) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(benchmark, mode, params, Arrays.hashCode(samples), unit, allocNorm,
                iterationMillis);
    }

    @Override
    public String toString() {
        return primitive() + " " + params + " " + mode + " median " + median() + " " + unit;
    }
}
