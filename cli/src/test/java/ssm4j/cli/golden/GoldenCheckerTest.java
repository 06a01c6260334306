package ssm4j.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;
import ssm4j.api.io.Npy;
import ssm4j.api.io.NpyArray;

/** The checker's pass rule can fail: wrong, NaN, missing and mis-sized outputs are all FAIL. */
class GoldenCheckerTest {
    @TempDir
    Path dir;

    /** A one-case manifest: output y = [3, -4] (max |ref| = 4), rtol 1e-3, atol 1e-6; y_f32 likewise. */
    private GoldenChecker checker(double[] answer) throws IOException {
        Files.createDirectories(dir.resolve("c"));
        Npy.write(dir.resolve("c/y.npy"), NpyArray.ofDoubles(new int[] {2}, new double[] {3, -4}, false));
        Npy.write(dir.resolve("c/y_f32.npy"), NpyArray.ofFloats(new int[] {2}, new float[] {3, -4}, false));
        Files.writeString(dir.resolve("manifest.json"), """
                {"cases": [{"name": "c", "primitive": "toy", "params": {}, "inputs": {},
                  "outputs": {"y": {"file": "c/y.npy", "dtype": "float64", "shape": [2]},
                              "y_f32": {"file": "c/y_f32.npy", "dtype": "float32", "shape": [2]}},
                  "tolerance": {"y": {"rtol": 1e-3, "atol": 1e-6}, "y_f32": {"rtol": 1e-3, "atol": 1e-6}}}]}
                """);
        return new GoldenChecker(dir, ToyRunner.answering(answer));
    }

    private GoldenChecker.Result judge(double[] answer, Precision p) throws IOException {
        GoldenChecker ch = checker(answer);
        return ch.check(ch.cases().get(0), p, Backends.byName("scalar", 1), false);
    }

    @Test
    void passesWithinAndFailsBeyondTheAllowedError() throws IOException {
        // allowed = 1e-6 + 1e-3 * 4 = 4.001e-3
        assertEquals(GoldenChecker.Status.PASS, judge(new double[] {3.004, -4}, Precision.FP64).status());
        GoldenChecker.Result r = judge(new double[] {3.0041, -4}, Precision.FP32);
        assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
        assertTrue(r.line().startsWith("c scalar fp32 FAIL worst=4.100e-03 allowed=4.001e-03"), r.line());
    }

    @Test
    void nanMissingAndWrongSizeFail() throws IOException {
        assertEquals(GoldenChecker.Status.FAIL, judge(new double[] {Double.NaN, -4}, Precision.FP64).status());
        assertTrue(judge(null, Precision.FP64).line().contains("missing-output=y"));
        assertTrue(judge(new double[] {3}, Precision.FP64).line().contains("wrong-size"));
    }

    @Test
    void summaryLineHasTheStableForm() {
        var pass = new GoldenChecker.Result("a", "scalar", Precision.FP64, GoldenChecker.Status.PASS, 0, 1, "y", null);
        var skip = new GoldenChecker.Result("b", "scalar", Precision.FP64, GoldenChecker.Status.SKIP, 0, 0, "",
                "not-implemented");
        assertEquals("1 passed, 0 failed", GoldenChecker.summary(List.of(pass), false));
        assertEquals("1 passed, 0 failed, 1 skipped", GoldenChecker.summary(List.of(pass, skip), true));
        assertEquals("b scalar fp64 SKIP not-implemented", skip.line());
    }

    @Test
    void complexErrorsAreModuli() {
        double e = GoldenChecker.maxError(new double[] {3, 4}, new double[] {0, 0}, true);
        assertEquals(5, e, 1e-15);
        assertEquals(5, GoldenChecker.maxAbs(new double[] {3, -4, 1, 1}, true), 1e-15);
    }

    @Test
    void aMissingManifestIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> new GoldenChecker(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
    }
}
