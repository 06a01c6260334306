package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** JMH JSON reading, the -lp catalog, run plans, the table's ratios and the chart, on hand-made inputs. */
class BenchToolsTest {
    @TempDir
    Path tmp;

    @Test
    void readsJmhJsonWithNaNStringsRawDataAndGcMetric() throws Exception {
        List<JmhResult> rows = JmhJson.read(GateTest.FIXTURES.resolve("gate-good.json"));
        assertEquals(4, rows.size());
        JmhResult r = rows.get(0);
        assertEquals("CauchyBench", r.suite());
        assertEquals("conjPair", r.method());
        assertEquals("scalar", r.backend());
        assertEquals("h=256 l=4096 n=32", r.size());
        assertEquals(251.0, r.median(), 0); // median of {251, 248, 260}
        assertEquals(28, r.allocNorm(), 0); // the median iteration of {24, 31.5, 28}
        assertEquals(500.0, r.iterationMillis(), 0); // "measurementTime" : "500 ms"
        assertEquals(1000.0, JmhJson.timeValueMillis("1 s"), 0);
        assertTrue(Double.isNaN(JmhJson.timeValueMillis("single-shot")));
        // "scoreError": "NaN" in the file must not break parsing.
        String json = """
                [{"benchmark":"a.B.m","mode":"avgt","params":{"x":"1"},"primaryMetric":{"score":"NaN",
                "scoreError":"NaN","scoreUnit":"us/op","rawData":[[3.0,1.0],[2.0,10.0]]}}]""";
        JmhResult x = JmhJson.parse(json, "inline").get(0);
        assertEquals(2.5, x.median(), 0); // even count: mean of the middle two of {1, 2, 3, 10}
        assertEquals(2.5e-3, x.medianMillis(), 1e-15);
        assertTrue(Double.isNaN(x.allocNorm()));
        assertThrows(IllegalArgumentException.class, () -> JmhJson.parse("{\"a\":1}", "obj"));
        assertEquals(List.of(), JmhJson.parse("", "empty")); // JMH leaves an empty file when all failed
    }

    @Test
    void parsesTheBenchmarkListOfDashLp() {
        BenchmarkCatalog c = BenchmarkCatalog.parse(List.of(
                "Benchmarks: ",
                "ssm4j.jmh.CauchyBench.conjPair",
                "  param \"l\" = {4096, 16384}",
                "  param \"backend\" = {scalar, vector}",
                "ssm4j.jmh.CauchyBench.plain",
                "  param \"l\" = {4096, 1024}",
                "ssm4j.jmh.SmokeBench.diagScan"));
        assertEquals(List.of("CauchyBench", "SmokeBench"), List.copyOf(c.suites()));
        assertEquals(Map.of("l", List.of("4096", "16384", "1024"), "backend", List.of("scalar", "vector")),
                c.params("CauchyBench"));
        assertEquals(2, c.methods("CauchyBench"));
        assertEquals(1, c.methods("CauchyBench", "conj.*"));
        // quick tour: one method where backends are the sides, every method where the methods are
        assertEquals(1, c.methods("CauchyBench", c.quickMethods("CauchyBench")));
        assertTrue(c.quickMethods("SmokeBench") == null || c.methods("SmokeBench", c.quickMethods("SmokeBench")) == 1);
        BenchmarkCatalog sides = BenchmarkCatalog.parse(List.of("Benchmarks: ", "ssm4j.jmh.FftBench.jtransforms",
                "  param \"n\" = {1024}", "ssm4j.jmh.FftBench.ours", "  param \"n\" = {1024}"));
        String q = sides.quickMethods("FftBench");
        assertEquals(2, q == null ? sides.methods("FftBench") : sides.methods("FftBench", q));
        assertTrue(c.params("SmokeBench").isEmpty());
    }

    @Test
    void quickPlanTakesSmallestSizesOneThreadAndAvailableBackends() {
        Map<String, List<String>> declared = new java.util.LinkedHashMap<>();
        declared.put("backend", List.of("scalar", "vector", "native"));
        declared.put("threads", List.of("2", "1"));
        declared.put("l", List.of("16384", "4096"));
        declared.put("impl", List.of("ours", "jtransforms"));
        RunPlan quick = RunPlan.of("X", declared, 2, RunPlan.Mode.QUICK, b -> !b.equals("native"), Map.of(),
                null, false);
        assertEquals(List.of("scalar", "vector"), quick.params().get("backend"));
        assertEquals(List.of("1"), quick.params().get("threads"));
        assertEquals(List.of("4096"), quick.params().get("l"));
        assertEquals(List.of("ours", "jtransforms"), quick.params().get("impl"));
        assertEquals(2 * 2 * 1 * 1 * 2, quick.runs());
        assertTrue(String.join(" ", quick.options()).contains("-wi 2 -w 500ms -i 2 -r 300ms"), "the short quick tour");
        Map<String, List<String>> shaped = new java.util.LinkedHashMap<>(declared);
        shaped.put("shape", List.of("8x256x4096", "1x64x65536"));
        RunPlan quickShaped = RunPlan.of("X", shaped, 1, RunPlan.Mode.QUICK, b -> true, Map.of(), null, false);
        assertEquals(List.of("8x256x4096"), quickShaped.params().get("shape"), "quick: the first shape only");
        RunPlan standard = RunPlan.of("X", shaped, 1, RunPlan.Mode.STANDARD, b -> true, Map.of(), null, false);
        assertEquals(List.of("8x256x4096", "1x64x65536"), standard.params().get("shape"));
        assertEquals(List.of("4096"), standard.params().get("l"));
        assertTrue(String.join(" ", standard.options()).contains("-wi 2 -w 1s"), "standard: 2 s warm-up per fork");
        RunPlan full = RunPlan.of("X", declared, 1, RunPlan.Mode.FULL, b -> true, Map.of("threads", List.of("1")),
                null, false);
        assertEquals(List.of("16384", "4096"), full.params().get("l"));
        assertEquals(List.of("1"), full.params().get("threads"));
        assertTrue(full.options().isEmpty(), "full runs the suite's own annotations");
        RunPlan gate = RunPlan.of("X", declared, 1, RunPlan.Mode.GATE, b -> true, Map.of(), List.of("vector",
                "scalar"), false);
        assertEquals(List.of("scalar", "vector"), gate.params().get("backend"));
        assertTrue(gate.options().containsAll(List.of("-prof", "gc")));
        RunPlan cold = RunPlan.of("X", declared, 1, RunPlan.Mode.QUICK, b -> true, Map.of(), null, true);
        assertTrue(String.join(" ", cold.options()).contains("-bm ss -wi 0 -i 1"));
        assertEquals("\\.X\\.(conj.*)$", quick.onlyMethods("conj.*", 1, 2).benchmarkRegex());
        assertEquals(quick.runs() / 2, quick.onlyMethods("conj.*", 1, 2).runs());
    }

    @Test
    void tableRatiosComeFromTheSameRunsScalarAndBaselineRows() throws Exception {
        List<JmhResult> rows = JmhJson.read(GateTest.FIXTURES.resolve("gate-good.json"));
        Baselines b = Baselines.read(Path.of("..", "bench", "baselines.json"));
        ResultTable t = ResultTable.of(rows, b, List.of());
        ResultTable.Row conv = t.rows().stream().filter(r -> r.result().suite().equals("FftConvBench")
                && r.result().backend().equals("vector")).findFirst().orElseThrow();
        assertEquals(181.0 / 60.0, conv.vsScalar(), 1e-12);
        assertEquals("JTransforms", conv.baselineLabel());
        ResultTable.Row cauchy = t.rows().stream().filter(r -> r.result().suite().equals("CauchyBench")
                && r.result().backend().equals("vector")).findFirst().orElseThrow();
        assertEquals(251.0 / 10.0, cauchy.vsScalar(), 1e-12);
        assertEquals("", cauchy.baselineLabel()); // no anchor run: no baseline
        // With the C anchor measured in the same session at 9.25 ms: 9.25 / 10 = 0.925.
        Baselines.Anchor w1 = b.anchors().get(0);
        ResultTable withAnchor = ResultTable.of(rows, b, List.of(new ResultTable.AnchorTime(w1, "1", 9.25)));
        ResultTable.Row c2 = withAnchor.rows().stream().filter(r -> r.result().suite().equals("CauchyBench")
                && r.result().backend().equals("vector")).findFirst().orElseThrow();
        assertEquals(0.925, c2.vsBaseline(), 1e-12);
        // A measured FFTW anchor (W3, 62 ms) takes the column from JTransforms, which "vs scalar" already shows.
        Baselines.Anchor w3 = b.anchors().stream().filter(x -> x.run().equals(List.of("fftconv", "8", "256", "4096",
                "1"))).findFirst().orElseThrow();
        ResultTable withFftw = ResultTable.of(rows, b, List.of(new ResultTable.AnchorTime(w3, "1", 62.0)));
        ResultTable.Row conv2 = withFftw.rows().stream().filter(r -> r.result().suite().equals("FftConvBench")
                && r.result().backend().equals("vector")).findFirst().orElseThrow();
        assertEquals("FFTW fused", conv2.baselineLabel());
        assertEquals(62.0 / 60.0, conv2.vsBaseline(), 1e-12);
        assertTrue(withAnchor.text().contains("0.93× C W1"), withAnchor.text());
        assertTrue(t.markdown().startsWith("| primitive | size | backend |"));
    }

    @Test
    void anchorLineParsing() {
        Baselines.Anchor a = new Baselines.Anchor("CauchyBench", List.of("256", "32", "4096"),
                List.of("cauchy", "256", "32", "4096"), "pair-form div, U=2", "C W1");
        String line = "W1 H=256 N=32 L=4096 | avx2 pair-form div, U=2                 | threads=2 | median    4.730 ms"
                + " |   3.51 Gpairs/s | rel.err 6.11e-06";
        ResultTable.AnchorTime t = AnchorRunner.parse(line, a).orElseThrow();
        assertEquals("2", t.threads());
        assertEquals(4.73, t.millis(), 0);
        assertTrue(AnchorRunner.parse("W1 ... | avx2 pair-form div, U=4 | threads=1 | median 1 ms", a).isEmpty());
    }

    @Test
    void anchorScriptRunsOnlyForMatchingRowsAndAFailingAnchorIsDropped() throws Exception {
        Path script = tmp.resolve("run");
        Path calls = tmp.resolve("calls");
        // A stand-in for shared/anchors/run: logs its arguments, prints two thread counts, exits 1 for "scan".
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
                + "echo 'W1 H=256 N=32 L=4096 | avx2 pair-form div, U=2 | threads=1 | median    9.250 ms | x'\n"
                + "echo 'W1 H=256 N=32 L=4096 | avx2 pair-form div, U=2 | threads=2 | median    4.730 ms | x'\n"
                + "[ \"$1\" = scan ] && exit 1\nexit 0\n");
        assertTrue(script.toFile().setExecutable(true));
        List<JmhResult> rows = new java.util.ArrayList<>(JmhJson.read(GateTest.FIXTURES.resolve("gate-good.json")));
        rows.add(new JmhResult("ssm4j.jmh.DiagScanBench.scan", "avgt", Map.of("backend", "vector", "threads", "1",
                "workload", "W5"), new double[] {7.0}, "ms/op", Double.NaN, Double.NaN));
        Baselines b = Baselines.read(Path.of("..", "bench", "baselines.json"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        List<ResultTable.AnchorTime> times = AnchorRunner.run(script, b.anchors(), rows,
                new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        // Rows of CauchyBench, FftConvBench and DiagScanBench: W1, both W3 and W5 run; W4 (no row) does not.
        List<String> ran = Files.readAllLines(calls);
        assertEquals(List.of("cauchy 256 32 4096", "fftconv 8 256 4096 1", "fftconv 8 256 4096 2",
                "scan w5 256 32 4096"), ran);
        // W5 exited 1 (a wrong result): none of its lines count, though they parse.
        assertTrue(times.stream().noneMatch(t -> t.anchor().label().equals("C W5")));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("exit 1"));
        assertEquals(2, times.stream().filter(t -> t.anchor().label().equals("C W1")).count());
        assertEquals(9.25, times.get(0).millis(), 0);
        // The fftconv anchor's lines do not carry its "fused" label here, so nothing is read from it.
        assertTrue(times.stream().noneMatch(t -> t.anchor().run().get(0).equals("fftconv")));
    }

    @Test
    void chartIsWellFormedSvgWithOneBarPerBackend() throws Exception {
        Map<String, Map<String, Double>> s = new java.util.LinkedHashMap<>();
        s.put("CauchyBench.conjPair l=4096", Map.of("vector", 25.1));
        s.put("FftConvBench.conv <b&h>", new java.util.LinkedHashMap<>(Map.of("vector", 3.0, "native", 4.2)));
        String svg = SpeedupChart.svg("test & chart", s);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        // 3 bars + background + 2 legend swatches
        assertEquals(3 + 1 + 2, d.getElementsByTagName("rect").getLength());
        assertTrue(svg.contains("25.1×") || svg.contains(">25.1"), svg);
        Files.writeString(tmp.resolve("c.svg"), svg);
    }

    @Test
    void selectorFindsTheCounterpartAtTheSameSizeOnly() throws Exception {
        List<JmhResult> rows = JmhJson.read(GateTest.FIXTURES.resolve("gate-good.json"));
        JmhResult vec = rows.get(1);
        assertEquals("vector", vec.backend());
        assertEquals(rows.get(0), Selector.of("backend", "scalar").counterpart(vec, rows));
        assertNull(Selector.of("backend", "native").counterpart(vec, rows));
    }

    @Test
    void recordedJsonGivesTableMarkdownAndChart() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int rc = new BenchCommand(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8)).run(new String[] {
            "--from", GateTest.FIXTURES.resolve("gate-good.json").toString(), "--out", tmp.toString(),
            "--baselines", Path.of("..", "bench", "baselines.json").toString()});
        assertEquals(0, rc);
        String md = Files.readString(tmp.resolve("table.md"));
        // 181 ms JTransforms / 60 ms vector (medians of the fixture) = 3.02× in both ratio columns.
        assertTrue(md.contains("| FftConvBench.conv | b=8 h=256 l=4096 | vector | 1 | 60.0 ms | 3.02× | 3.02× JTransforms |"),
                md);
        String svg = Files.readString(tmp.resolve("speedup.svg"));
        assertTrue(svg.contains("CauchyBench.conjPair h=256 l=4096 n=32") && svg.contains("25.1"), svg);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("CauchyBench.conjPair"));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--gate", "--quick"}));
        assertTrue(e.getMessage().contains("--gate"));
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--param", "x"}));
        assertTrue(e.getMessage().contains("--param"));
        e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--bogus"}));
        assertTrue(e.getMessage().contains("--bogus"));
        assertEquals(RunPlan.Mode.FULL, BenchOptions.parse(new String[] {"--suite", "CauchyBench"}).mode);
        assertEquals(RunPlan.Mode.QUICK, BenchOptions.parse(new String[] {"--suite", "A", "--quick"}).mode);
    }
}
