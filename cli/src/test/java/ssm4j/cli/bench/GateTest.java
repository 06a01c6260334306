package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression gate itself can fail: recorded JMH JSON files (bench/fixtures, see its README) judged by
 * {@code ./ssm4j bench --gate --from FILE} against fixed test floors. Expected outcomes follow from the fixture
 * timings by hand (e.g. 250 ms scalar / 40 ms vector = 6.25× &lt; the 15× floor), not from the gate's output.
 */
class GateTest {
    static final Path FIXTURES = Path.of("..", "bench", "fixtures");
    static final Path FLOORS = FIXTURES.resolve("floors-test.json");

    @TempDir
    Path tmp;

    /** The gate's exit status and printed report, with the two assertions every fixture test makes on it. */
    private record Run(int exit, String out) {
        /** The report contains {@code text}. */
        void says(String text) {
            assertTrue(out.contains(text), out);
        }

        /** The report matches {@code regex} somewhere (across lines). */
        void has(String regex) {
            assertTrue(out.matches("(?s).*" + regex + ".*"), out);
        }
    }

    /** Judges {@code fixture} against the test floors and checks the exit status. */
    private Run gate(String fixture, int expectedExit) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new BenchCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(new String[] {
            "--gate", "--from", FIXTURES.resolve(fixture).toString(), "--floors", FLOORS.toString(),
            "--out", tmp.toString()});
        Run r = new Run(rc, buf.toString(StandardCharsets.UTF_8));
        assertEquals(expectedExit, r.exit(), r.out());
        return r;
    }

    @Test
    void goodRunPassesAndReportsTheMissingSuiteAsAbsent() throws Exception {
        Run r = gate("gate-good.json", 0);
        r.says("gate: 6 passed, 0 failed, 1 absent");
        r.has("ABSENT\\s+W2-vandermonde-vector");
        // Best iterations: min {251, 248, 260} / min {10.2, 9.9, 10.0} = 248 / 9.9 = 25.05.
        r.says("25.1×");
        r.says("best 248 ms / 9.90 ms");
    }

    @Test
    void regressedRatioFailsWithExitOne() throws Exception {
        Run r = gate("gate-regressed.json", 1);
        // 248 / 39.5 = 6.278, below the 15× floor; the FFT conv check still passes.
        r.has("FAIL\\s+W1-cauchy-vector\\s+CauchyBench\\.conjPair.*6\\.28×\\s+>= 15\\.0×");
        r.has("PASS\\s+W3-fftconv-vector-vs-jtransforms");
        r.says("gate: FAILED");
    }

    @Test
    void allocatingHotPathFailsWithExitOne() throws Exception {
        Run r = gate("gate-allocating.json", 1);
        r.has("FAIL\\s+alloc\\s+FftConvBench\\.conv .*backend=vector\\s+65560 B/op");
        // The JTransforms baseline allocates too but is exempt, and says why.
        r.has("PASS\\s+alloc\\s+FftConvBench\\.conv .*backend=scalar.*exempt: JTransforms");
        r.says("1 failed");
    }

    @Test
    void presentSuiteWithoutItsCandidateRowFails() throws Exception {
        Run r = gate("gate-crashed.json", 1);
        r.has("FAIL\\s+W1-cauchy-vector.*no result for backend=vector");
    }

    @Test
    void suiteMissingFromTheJarIsAbsentNotFailed() throws Exception {
        Floors floors = Floors.read(FLOORS);
        List<JmhResult> rows = JmhJson.read(FIXTURES.resolve("gate-good.json"));
        // When running, "present" comes from the jar: a suite in the jar with no rows fails, one not in it is absent.
        Gate.Report inJar = Gate.judge(List.of(), floors, java.util.Set.of("CauchyBench"));
        assertEquals(1, inJar.exitCode());
        assertEquals(2, inJar.count(Gate.Status.ABSENT));
        Gate.Report good = Gate.judge(rows, floors, java.util.Set.of("CauchyBench", "FftConvBench"));
        assertEquals(0, good.exitCode());
    }

    @Test
    void calibrationSetsFloorsBelowTheMeasuredRatioByTheMargin() throws Exception {
        Floors floors = Floors.read(FLOORS);
        Gate.Report report = Gate.judge(JmhJson.read(FIXTURES.resolve("gate-good.json")), floors, null);
        List<Floors.Ratio> proposed = Gate.calibrate(report, floors, "test");
        // W1 measured 248/9.9 = 25.05; × (1 − 0.35) = 16.3 → 16 (two significant digits, rounded down).
        assertEquals(16.0, proposed.get(0).floor(), 1e-9);
        // W3: 179/59 = 3.034; × 0.65 = 1.97 → 1.9.
        assertEquals(1.9, proposed.get(1).floor(), 1e-9);
        // Vandermonde was not measured: its floor stays.
        assertEquals(3.0, proposed.get(2).floor(), 1e-9);
        // A failing check keeps its floor: 6.28× measured against 15× must not become a 4.0× floor.
        Gate.Report bad = Gate.judge(JmhJson.read(FIXTURES.resolve("gate-regressed.json")), floors, null);
        Floors.Ratio kept = Gate.calibrate(bad, floors, "test").get(0);
        assertEquals(15.0, kept.floor(), 1e-9);
        assertTrue(kept.source().startsWith("kept: measured 6.28×"), kept.source());
        Path out = tmp.resolve("proposed.json");
        FloorsWriter.write(out, floors, proposed);
        Floors back = Floors.read(out);
        assertEquals(16.0, back.ratios().get(0).floor(), 1e-9);
        assertEquals(floors.exempt(), back.exempt());
        assertEquals(floors.params(), back.params());
    }

    @Test
    void allocationLimitForgivesJmhsPerIterationBytesOnlyForSlowOperations() throws Exception {
        Floors floors = Floors.read(FLOORS); // 1024 B/op + 24576 B per iteration
        // A 1.1 s operation in 0.4 s iterations runs once per iteration: 7 KB/op is the harness, not the kernel.
        JmhResult slow = new JmhResult("ssm4j.jmh.VandermondeBench.conjForm", "avgt", java.util.Map.of("backend",
                "scalar"), new double[] {1130}, "ms/op", 6960, 400);
        assertEquals(1024 + 24576, floors.allocationLimit(slow), 1e-9);
        // A 4 ms operation runs 100 times per iteration: its limit is 1024 + 245.76 bytes.
        JmhResult fast = new JmhResult("ssm4j.jmh.SmokeBench.diagScan", "avgt", java.util.Map.of("backend",
                "vector"), new double[] {4}, "ms/op", 1400, 400);
        assertEquals(1024 + 245.76, floors.allocationLimit(fast), 1e-9);
        // A 9 ms operation that allocates a 4 MB output array per call fails however the harness allocates.
        JmhResult alloc = new JmhResult("ssm4j.jmh.VandermondeBench.conjForm", "avgt", java.util.Map.of("backend",
                "vector"), new double[] {8.98}, "ms/op", 4194461, 400);
        Gate.Report r = Gate.judge(List.of(slow, fast, alloc), floors, java.util.Set.of());
        assertEquals(List.of(Gate.Status.PASS, Gate.Status.FAIL, Gate.Status.FAIL),
                r.lines().stream().filter(l -> l.check().equals("alloc")).map(Gate.Line::status).toList());
    }

    @Test
    void floorRoundsDownToTwoSignificantDigits() {
        assertEquals(0.034, Gate.floor2(0.0347), 1e-12);
        assertEquals(12.0, Gate.floor2(12.9), 1e-12);
        assertEquals(1.9, Gate.floor2(1.96), 1e-12);
        assertEquals(1.0, Gate.floor2(1.0), 1e-12);
    }

    @Test
    void versionedFloorsFileParsesAndCoversEveryIssueSuite() throws Exception {
        Floors f = Floors.read(Path.of("..", "bench", "floors.json"));
        for (String s : List.of("CauchyBench", "VandermondeBench", "DiagScanBench", "SelectiveScanBench",
                "FftConvBench", "FftBench", "S4KernelBench", "S4DKernelBench", "SmokeBench")) {
            assertTrue(f.suites().contains(s), s + " has no floor in bench/floors.json");
        }
        for (Floors.Ratio r : f.ratios()) {
            assertTrue(r.floor() > 0, r.id());
            assertFalse(r.source().isBlank(), r.id() + ": a floor must say where it comes from");
        }
        assertTrue(f.maxBytesPerOp() > 0 && f.maxBytesPerOp() <= 4096, "allocation floor is 'small'");
        assertTrue(f.perIterationBytes() <= 32768, "the harness allowance stays below a real workspace");
        assertTrue(Files.exists(Path.of("..", "bench", "baselines.json")));
        Baselines.read(Path.of("..", "bench", "baselines.json"));
    }
}
