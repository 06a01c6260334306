package ssm4j.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ssm4j.cli.Opt;
import ssm4j.cli.OptionSet;

/**
 * The parsed command line of {@code ./ssm4j bench}. Mutable only while {@link #parse} fills it.
 */
final class BenchOptions {
    RunPlan.Mode mode = RunPlan.Mode.QUICK;
    boolean modeGiven;
    final List<String> suites = new ArrayList<>();
    boolean gate;
    boolean calibrate;
    boolean cold;
    boolean anchors;
    boolean list;
    Path from;
    Path floors;
    Path baselines;
    Path jar;
    Path out;
    Path anchorScript;
    final Map<String, List<String>> overrides = new LinkedHashMap<>();

    static final String USAGE = """
            usage: ./ssm4j bench [--quick | --standard | --full | --gate] [--suite NAME[,NAME]] [--cold] [--anchors]
                                 [--threads 1,2] [--backend scalar,vector] [--param NAME=V1,V2]
                                 [--from FILE.json] [--floors FILE] [--calibrate] [--jar FILE] [--out DIR] [--list]
              --quick      (default) every suite present, every backend, 1 thread, smallest declared sizes (the
                           first shape), 1 fork, 2 x 0.5 s warm-up, 2 x 0.3 s measured: ~90 s on 2 cores
              --standard   the same with every declared shape, 2 x 1 s warm-up, 3 x 0.4 s measured: ~5 min
              --full       the canonical sizes and settings each suite declares (the issues' workloads)
              --suite      only these suites (simple class names, e.g. CauchyBench; case and the Bench suffix
                           optional: lm is LmBench); canonical unless --quick
              --gate       the regression gate: the fixed set of bench/floors.json with -prof gc; exit 1 when a
                           same-run ratio is below its floor or a hot path allocates; absolute times never gated
              --from FILE  judge (with --gate) or tabulate a recorded JMH JSON file instead of running
              --calibrate  with --gate: also write floors.proposed.json (measured ratio x (1 - margin))
              --cold       also time the first call of each kernel in a fresh JVM (JMH single shot, 3 forks)
              --anchors    also run the C anchors (../shared/anchors/run) of matching rows, same session
              --list       list the suites and params in the benchmarks jar
            Results go to bench-results/<UTC timestamp>/: results.json (JMH), table.md, speedup.svg, jmh.log.
            Exit status: 0; 1 when a benchmark failed (or, with --gate, when the gate failed); 2 for bad usage.""";

    /**
     * Every option {@link #parse} accepts (flags, then options with a value), for the "did you mean --x?" of an
     * unknown one. The parser itself stays hand-written: {@code --param} repeats and the mode flags exclude each
     * other, which {@link OptionSet}'s one-value-per-option parse does not express; {@link #USAGE} is the help.
     */
    private static final OptionSet KNOWN = new OptionSet(Stream.concat(
            Stream.of("quick", "standard", "full", "gate", "calibrate", "cold", "anchors", "list")
                    .map(n -> Opt.flag(n, "see usage")),
            Stream.of("suite", "from", "floors", "baselines", "jar", "out", "anchor-script", "threads", "backend",
                    "param").map(n -> Opt.value(n, "VALUE", "see usage"))).toList());

    private BenchOptions() {
    }

    /** @throws IllegalArgumentException naming the bad argument */
    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.mode(RunPlan.Mode.QUICK);
                case "--standard" -> o.mode(RunPlan.Mode.STANDARD);
                case "--full" -> o.mode(RunPlan.Mode.FULL);
                case "--gate" -> o.gate = true;
                case "--calibrate" -> o.calibrate = true;
                case "--cold" -> o.cold = true;
                case "--anchors" -> o.anchors = true;
                case "--list" -> o.list = true;
                case "--suite" -> {
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            o.suites.add(s.trim());
                        }
                    }
                }
                case "--from" -> o.from = Path.of(value(args, ++i, a));
                case "--floors" -> o.floors = Path.of(value(args, ++i, a));
                case "--baselines" -> o.baselines = Path.of(value(args, ++i, a));
                case "--jar" -> o.jar = Path.of(value(args, ++i, a));
                case "--out" -> o.out = Path.of(value(args, ++i, a));
                case "--anchor-script" -> o.anchorScript = Path.of(value(args, ++i, a));
                case "--threads" -> o.overrides.put("threads", List.of(value(args, ++i, a).split(",")));
                case "--backend" -> o.overrides.put("backend", List.of(value(args, ++i, a).split(",")));
                case "--param" -> {
                    String v = value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq <= 0 || eq == v.length() - 1) {
                        throw new IllegalArgumentException("--param: expected NAME=V1,V2, got '" + v + "'");
                    }
                    o.overrides.put(v.substring(0, eq), List.of(v.substring(eq + 1).split(",")));
                }
                case "-h", "--help" -> throw new IllegalArgumentException("\n" + USAGE);
                default -> throw a.startsWith("-") && a.length() > 1
                        ? new IllegalArgumentException(KNOWN.unknown(a).getMessage() + "\n" + USAGE)
                        : new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
            }
        }
        if (o.gate && o.modeGiven) {
            throw new IllegalArgumentException("--gate runs its own fixed set; drop --quick/--standard/--full");
        }
        if (o.calibrate && !o.gate) {
            throw new IllegalArgumentException("--calibrate: only with --gate");
        }
        if (!o.suites.isEmpty() && !o.modeGiven) {
            o.mode = RunPlan.Mode.FULL; // --suite NAME alone means that suite at its canonical sizes
        }
        if (o.gate) {
            o.mode = RunPlan.Mode.GATE;
        }
        return o;
    }

    private void mode(RunPlan.Mode m) {
        if (modeGiven && mode != m) {
            throw new IllegalArgumentException("--quick, --standard and --full: choose one");
        }
        mode = m;
        modeGiven = true;
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(opt + ": needs a value");
        }
        return args[i];
    }
}
