package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 7: {@code bench --suite NoSuchBench} is an error listing the suites, not an empty table; issue 16:
 * {@code --suite lm} names {@code LmBench}; a misspelt bench option gets "did you mean".
 */
class BenchSuiteSelectionTest {
    @TempDir
    Path tmp;

    /** A stand-in benchmarks jar that only answers JMH's {@code -lp} listing with one suite. */
    private Path listingJar() throws Exception {
        return TestJars.executable(tmp, "ListOnly", """
                public class ListOnly {
                    public static void main(String[] a) {
                        System.out.println("Benchmarks: ");
                        System.out.println("x.y.FooBench.run");
                        System.out.println("  param \\"l\\" = {1024}");
                    }
                }
                """);
    }

    @Test
    void unknownSuiteIsAnErrorListingTheSuites() throws Exception {
        Path jar = listingJar();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchCommand cmd = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cmd.run(new String[] {
            "--suite", "NoSuchBench", "--jar", jar.toString(), "--out", tmp.resolve("out").toString(),
            "--baselines", tmp.resolve("none.json").toString()}));
        assertTrue(e.getMessage().contains("no suite 'NoSuchBench'") && e.getMessage().contains("FooBench"),
                e.getMessage());
    }

    @Test
    void suiteNamesIgnoreCaseAndTheBenchSuffix() {
        BenchmarkCatalog c = BenchmarkCatalog.parse(List.of("Benchmarks: ", "ssm4j.jmh.LmBench.decodeStep",
                "ssm4j.jmh.CauchyBench.conjPair", "ssm4j.jmh.LmBenchExtra.x"));
        assertEquals("LmBench", c.resolve("lm"));
        assertEquals("LmBench", c.resolve("LmBench"));
        assertEquals("CauchyBench", c.resolve("cauchybench"));
        assertEquals("LmBenchExtra", c.resolve("LmBenchExtra"));
        assertNull(c.resolve("lmx"));
    }

    @Test
    void misspeltOptionGetsDidYouMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--suit", "lm"}));
        assertTrue(e.getMessage().contains("unknown option '--suit'; did you mean --suite?"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--qiuck"}));
        assertTrue(e.getMessage().contains("did you mean --quick?"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"stray"}));
        assertTrue(e.getMessage().startsWith("unexpected argument 'stray'"), e.getMessage());
    }
}
