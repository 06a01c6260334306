package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 item 7: {@code bench --suite NoSuchBench} is an error listing the suites, not an empty table. */
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
}
