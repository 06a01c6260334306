package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child-JVM path of {@link JmhRunner} against a stand-in "benchmarks jar" whose main prints what JMH prints
 * ({@code -lp}, the run's header and result lines) and records the command line it got: the fork flags, the
 * suite regex, the {@code -p} values and the JSON options must reach it, progress must show, and its exit status
 * must come back.
 */
class JmhRunnerTest {
    @TempDir
    Path tmp;

    private static final String FAKE = """
            import java.nio.file.*;
            import java.util.*;
            public class FakeJmh {
                public static void main(String[] a) throws Exception {
                    List<String> args = List.of(a);
                    if (args.contains("-lp")) {
                        System.out.println("Benchmarks: ");
                        System.out.println("x.y.FooBench.run");
                        System.out.println("  param \\"backend\\" = {scalar, vector}");
                        System.out.println("  param \\"l\\" = {4096, 1024}");
                        return;
                    }
                    String rff = args.get(args.indexOf("-rff") + 1);
                    Files.writeString(Path.of(rff + ".args"), String.join("\\n", args));
                    for (String b : new String[] {"scalar", "vector"}) {
                        System.out.println("# Benchmark: x.y.FooBench.run");
                        System.out.println("# Parameters: (backend = " + b + ", l = 1024)");
                        System.out.println("# Fork: 1 of 1");
                        System.out.println("Result \\"x.y.FooBench.run\\":");
                        System.out.println("  " + (b.equals("scalar") ? "8.000" : "2.000") + " ±(99.9%) 0.1 ms/op");
                    }
                    Files.writeString(Path.of(rff), "[{\\"benchmark\\":\\"x.y.FooBench.run\\",\\"mode\\":\\"avgt\\","
                            + "\\"params\\":{\\"backend\\":\\"vector\\",\\"l\\":\\"1024\\"},\\"primaryMetric\\":{"
                            + "\\"score\\":2.0,\\"scoreUnit\\":\\"ms/op\\",\\"rawData\\":[[2.0,2.1]]}}]");
                    System.exit(3);
                }
            }
            """;

    private Path fakeJar() throws Exception {
        return TestJars.executable(tmp, "FakeJmh", FAKE);
    }

    @Test
    void runsTheJarWithForkFlagsParamsAndJsonAndShowsProgress() throws Exception {
        Path jar = fakeJar();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Path log = tmp.resolve("jmh.log");
        JmhRunner runner = new JmhRunner(jar, log, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchmarkCatalog catalog = runner.catalog();
        assertEquals(List.of("FooBench"), List.copyOf(catalog.suites()));
        RunPlan plan = RunPlan.of("FooBench", catalog.params("FooBench"), catalog.methods("FooBench"),
                RunPlan.Mode.QUICK, b -> true, Map.of(), null, false);
        Path json = tmp.resolve("FooBench.json");
        int rc = runner.run(plan, json, "[1/1]");
        assertEquals(3, rc, "JMH's exit status comes back");
        List<String> args = Files.readAllLines(Path.of(json + ".args"));
        assertEquals("\\.FooBench\\.", args.get(0));
        int prepend = args.indexOf("-jvmArgsPrepend");
        assertTrue(prepend >= 0, args.toString());
        assertEquals("--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED", args.get(prepend + 1));
        assertTrue(String.join(" ", args).contains("-p backend=scalar,vector"), args.toString());
        assertTrue(String.join(" ", args).contains("-p l=1024"), "quick mode takes the smallest size: " + args);
        assertTrue(String.join(" ", args).contains("-rf json -rff " + json), args.toString());
        String p = progress.toString(StandardCharsets.UTF_8);
        assertTrue(p.contains("[1/1] FooBench (1/2) run backend = scalar, l = 1024 ... 8.000"), p);
        assertTrue(p.contains("[1/1] FooBench (2/2) run backend = vector, l = 1024 ... 2.000"), p);
        String logText = Files.readString(log);
        assertTrue(logText.startsWith("$ ") && logText.contains("# exit 3"), logText);
        JmhResult r = JmhJson.read(json).get(0);
        assertNotNull(r);
        assertEquals(2.05, r.median(), 1e-12);
    }
}
