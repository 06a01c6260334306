package ssm4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the benchmarks jar in a child JVM on the same JDK as this one
 * ({@code ProcessHandle.current().info().command()}), so the forks measure the JDK the user runs. Every fork
 * gets the Vector API module and native access through {@code -jvmArgsPrepend} (which leaves a suite's own
 * {@code jvmArgsAppend}, such as its heap size, in place). Shows one progress line per fork and keeps JMH's full
 * output in a log file. Not thread-safe; one run at a time.
 */
public final class JmhRunner {
    /** The flags every fork needs (the launcher's JVM_FLAGS). */
    static final String FORK_FLAGS = "--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED";

    private static final Pattern PARAMS = Pattern.compile("^# Parameters: \\((.*)\\)$");
    private static final Pattern BENCH = Pattern.compile("^# Benchmark: (\\S+)$");

    private final String javaCommand;
    private final Path jar;
    private final PrintStream progress;
    private final Path log;
    /** Benchmark points expected over all runs (for the time-left estimate), 0 when unknown. */
    private int expected;
    /** Points started so far over all runs. */
    private int started;
    private long firstStart;

    /**
     * @param jar      the benchmarks jar ({@code jmh/target/benchmarks.jar})
     * @param log      file that receives JMH's full output (appended)
     * @param progress where progress lines go (the terminal)
     */
    public JmhRunner(Path jar, Path log, PrintStream progress) {
        this.javaCommand = ProcessHandle.current().info().command().orElse("java");
        this.jar = jar;
        this.log = log;
        this.progress = progress;
    }

    /** Tells the runner how many benchmark points all its runs will have, so progress lines estimate time left. */
    public void expect(int points) {
        expected = points;
    }

    /** Adds {@code points} to the expected count (a further pass planned after the first estimate). */
    public void expectMore(int points) {
        expected += points;
    }

    /** "~N s left" from the mean time per finished point, or "" before the first one finishes or when unknown. */
    private String timeLeft() {
        int done = started - 1;
        if (expected <= 0 || done <= 0) {
            return "";
        }
        double perPoint = (System.nanoTime() - firstStart) / 1e9 / done;
        return String.format(Locale.ROOT, "[~%.0f s left] ", perPoint * Math.max(0, expected - done));
    }

    /** The benchmarks and params in the jar ({@code -lp}). @throws IOException if the jar cannot be listed */
    public BenchmarkCatalog catalog() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        int rc = run(List.of(javaCommand, "-jar", jar.toString(), "-lp"), lines::add);
        if (rc != 0) {
            throw new IOException(jar + ": 'java -jar " + jar.getFileName() + " -lp' exited " + rc + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        return BenchmarkCatalog.parse(lines);
    }

    /**
     * Runs one suite's plan and writes its JSON results.
     *
     * @param plan  what to run
     * @param json  the {@code -rff} file
     * @param label prefix of the progress lines, e.g. {@code [2/9]}
     * @return JMH's exit status (non-zero when a benchmark failed; the others still ran)
     */
    public int run(RunPlan plan, Path json, String label) throws IOException, InterruptedException {
        return run(plan, json, label, "");
    }

    /**
     * {@link #run(RunPlan, Path, String)} with {@code extraFlags} (e.g. {@code -Dssm4j.vectorbits=256}) added to
     * every fork's JVM flags, before the suite's own.
     */
    public int run(RunPlan plan, Path json, String label, String extraFlags) throws IOException,
            InterruptedException {
        // JMH finds the regex anywhere in "package.Class.method".
        List<String> cmd = new ArrayList<>(List.of(javaCommand, "-jar", jar.toString(), plan.benchmarkRegex()));
        cmd.addAll(plan.options());
        cmd.addAll(plan.paramOptions());
        String flags = extraFlags.isBlank() ? FORK_FLAGS : FORK_FLAGS + " " + extraFlags.trim();
        cmd.addAll(List.of("-jvmArgsPrepend", flags, "-rf", "json", "-rff", json.toString()));
        int[] fork = {0};
        String[] bench = {"", ""};
        boolean[] expectResult = {false};
        boolean[] pending = {false};
        long t0 = System.nanoTime();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            w.println("$ " + String.join(" ", cmd));
            int rc = run(cmd, line -> {
                w.println(line);
                Matcher b = BENCH.matcher(line);
                Matcher p = PARAMS.matcher(line);
                if (b.matches()) {
                    bench[0] = b.group(1).substring(b.group(1).lastIndexOf('.') + 1);
                    bench[1] = "";
                } else if (p.matches()) {
                    bench[1] = p.group(1);
                } else if (line.startsWith("# Fork: 1 of")) {
                    // One line per (method, param point); its result or first error is appended to it.
                    fork[0]++;
                    if (started++ == 0) {
                        firstStart = System.nanoTime();
                    }
                    progress.printf(Locale.ROOT, "%s %s (%d/%d) %s%s %s ... ", label, plan.suite(), fork[0],
                            plan.runs(), timeLeft(), bench[0], bench[1]);
                    progress.flush();
                    pending[0] = true;
                } else if (line.startsWith("Result \"")) {
                    expectResult[0] = true;
                } else if (expectResult[0] && !line.isBlank() && !line.trim().startsWith("N = ")) {
                    // avgt prints "  2162.855 ±(99.9%) 7.4 us/op"; single shot "  N = 3" then "  mean = ...".
                    expectResult[0] = false;
                    if (pending[0]) {
                        progress.println(line.trim());
                        pending[0] = false;
                    }
                } else if (pending[0] && (line.startsWith("<failure>") || line.startsWith("java.")
                        || line.startsWith("Caused by:"))) {
                    progress.println("FAILED: " + (line.startsWith("<failure>") ? "see " + log : line));
                    pending[0] = false;
                }
            });
            w.printf(Locale.ROOT, "# exit %d after %.1f s%n", rc, (System.nanoTime() - t0) / 1e9);
            return rc;
        }
    }

    private interface LineSink {
        void accept(String line);
    }

    private static int run(List<String> cmd, LineSink sink) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.accept(line);
            }
        } finally {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        return p.waitFor();
    }
}
