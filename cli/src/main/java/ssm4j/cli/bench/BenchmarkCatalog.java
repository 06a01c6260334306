package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a benchmarks jar holds: each benchmark method and its declared {@code @Param} values, parsed from
 * {@code java -jar benchmarks.jar -lp}. The bench command uses it to run only suites that are present (others are
 * "absent", not failures) and to pass each suite only {@code -p} values for params it declares.
 */
public final class BenchmarkCatalog {
    private static final Pattern PARAM = Pattern.compile("^\\s+param \"([^\"]+)\" = \\{(.*)}\\s*$");

    private final Map<String, Map<String, List<String>>> benchmarks; // class.method -> param -> declared values

    private BenchmarkCatalog(Map<String, Map<String, List<String>>> benchmarks) {
        this.benchmarks = benchmarks;
    }

    /**
     * Parses the output of {@code -lp}: a {@code Benchmarks:} header, then one line per benchmark, each followed
     * by indented {@code param "name" = {v1, v2}} lines.
     */
    public static BenchmarkCatalog parse(List<String> lines) {
        Map<String, Map<String, List<String>>> m = new LinkedHashMap<>();
        String current = null;
        for (String line : lines) {
            Matcher pm = PARAM.matcher(line);
            if (pm.matches() && current != null) {
                List<String> values = new ArrayList<>();
                for (String v : pm.group(2).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
                m.get(current).put(pm.group(1), values);
            } else if (!line.isBlank() && !line.startsWith(" ") && !line.startsWith("\t")
                    && line.matches("[\\w.$]+\\.[\\w$]+")) {
                current = line.trim();
                m.put(current, new LinkedHashMap<>());
            }
        }
        return new BenchmarkCatalog(m);
    }

    /** Every benchmark, fully qualified. */
    public Set<String> benchmarks() {
        return Collections.unmodifiableSet(benchmarks.keySet());
    }

    /** Simple class names of the suites present, in jar order. */
    public Set<String> suites() {
        Set<String> s = new LinkedHashSet<>();
        for (String b : benchmarks.keySet()) {
            s.add(simpleClass(b));
        }
        return s;
    }

    /** Whether a suite (simple class name, e.g. {@code CauchyBench}) is in the jar. */
    public boolean has(String suite) {
        return suites().contains(suite);
    }

    /**
     * The suite a user's {@code --suite} name means: the exact simple class name, else the one whose name matches
     * ignoring case with or without the {@code Bench} suffix ({@code lm} → {@code LmBench},
     * {@code cauchybench} → {@code CauchyBench}).
     *
     * @return the suite, or null when none matches
     */
    public String resolve(String name) {
        Set<String> all = suites();
        if (all.contains(name)) {
            return name;
        }
        for (String s : all) {
            if (s.equalsIgnoreCase(name) || s.equalsIgnoreCase(name + "Bench")) {
                return s;
            }
        }
        return null;
    }

    /** Declared params of a suite, union over its methods, values in declaration order. */
    public Map<String, List<String>> params(String suite) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        benchmarks.forEach((b, params) -> {
            if (simpleClass(b).equals(suite)) {
                params.forEach((name, values) -> {
                    List<String> all = out.computeIfAbsent(name, k -> new ArrayList<>());
                    for (String v : values) {
                        if (!all.contains(v)) {
                            all.add(v);
                        }
                    }
                });
            }
        });
        return out;
    }

    /** Number of benchmark methods of a suite. */
    public int methods(String suite) {
        return (int) benchmarks.keySet().stream().filter(b -> simpleClass(b).equals(suite)).count();
    }

    /** Number of benchmark methods of a suite whose name matches {@code regex} (all when null). */
    public int methods(String suite, String regex) {
        return (int) benchmarks.keySet().stream().filter(b -> simpleClass(b).equals(suite))
                .filter(b -> regex == null || b.substring(b.lastIndexOf('.') + 1).matches(regex)).count();
    }

    /**
     * Regex of a suite's methods without an fp64 twin's suffix ({@code F64}/{@code f64}): quick mode measures the
     * fp32 fast path of each primitive. Null when the suite has no such method (run them all).
     */
    public String fp32Methods(String suite) {
        List<String> keep = new ArrayList<>();
        boolean dropped = false;
        for (String b : benchmarks.keySet()) {
            if (simpleClass(b).equals(suite)) {
                String m = b.substring(b.lastIndexOf('.') + 1);
                if (m.endsWith("F64") || m.endsWith("f64")) {
                    dropped = true;
                } else {
                    keep.add(m);
                }
            }
        }
        return dropped && !keep.isEmpty() ? String.join("|", keep) : null;
    }

    /**
     * The quick tour's methods of a suite: with a {@code backend} param (the backends are the sides compared) only
     * its first fp32 method, the primitive itself (stage breakdowns and variants are for --standard); without one
     * (the methods are the sides, e.g. ours vs jtransforms) every fp32 method. Null means all.
     */
    public String quickMethods(String suite) {
        if (!params(suite).containsKey("backend")) {
            return fp32Methods(suite);
        }
        for (String b : benchmarks.keySet()) {
            String m = b.substring(b.lastIndexOf('.') + 1);
            if (simpleClass(b).equals(suite) && !m.endsWith("F64") && !m.endsWith("f64")) {
                return Pattern.quote(m);
            }
        }
        return null;
    }

    /** {@code CauchyBench} from {@code ssm4j.jmh.CauchyBench.conjPair}. */
    static String simpleClass(String benchmark) {
        String[] p = benchmark.split("\\.");
        return p.length >= 2 ? p[p.length - 2] : benchmark;
    }
}
