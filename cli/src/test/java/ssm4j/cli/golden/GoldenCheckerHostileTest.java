package ssm4j.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;
import ssm4j.api.io.Npy;
import ssm4j.api.io.NpyArray;

/**
 * Issue 17 item 6: the checker never passes a case that compared nothing. No outputs, a negative or non-finite
 * tolerance, an expected ±Inf or NaN not matched exactly, and a manifest path leaving the data directory are all
 * FAIL with a reason.
 */
class GoldenCheckerHostileTest {
    @TempDir
    Path root;

    private GoldenChecker checker(Path dir, String outputs, String tolerance, double[] answer) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"cases\": [{\"name\": \"c\", \"primitive\": \"toy\", "
                + "\"params\": {}, \"inputs\": {}, \"outputs\": {" + outputs + "}, \"tolerance\": {" + tolerance
                + "}}]}");
        return new GoldenChecker(dir, ToyRunner.answering(answer));
    }

    private static GoldenChecker.Result judge(GoldenChecker ch) {
        return ch.check(ch.cases().get(0), Precision.FP64, Backends.byName("scalar", 1), false);
    }

    private Path dataDir(double... y) throws IOException {
        Path dir = Files.createDirectories(root.resolve("data"));
        Npy.write(dir.resolve("y.npy"), NpyArray.ofDoubles(new int[] {y.length}, y, false));
        return dir;
    }

    private static final String Y = "\"y\": {\"file\": \"y.npy\", \"dtype\": \"float64\", \"shape\": [2]}";

    private static String tol(String rtol, String atol) {
        return "\"y\": {\"rtol\": " + rtol + ", \"atol\": " + atol + "}";
    }

    @Test
    void aCaseWithNoOutputsFails() throws IOException {
        GoldenChecker.Result r = judge(checker(dataDir(1, 2), "", "", new double[] {1, 2}));
        assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
        assertTrue(r.line().contains("no-outputs"), r.line());
    }

    @Test
    void negativeOrNonFiniteTolerancesFail() throws IOException {
        Path d = dataDir(1, 2);
        double[] wrong = {100, 200};
        for (String[] t : new String[][] {{"1e-3", "-1"}, {"-1", "1e-6"}, {"\"NaN\"", "1e-6"},
            {"1e-3", "\"Infinity\""}}) {
            GoldenChecker.Result r = judge(checker(d, Y, tol(t[0], t[1]), wrong));
            assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
            assertTrue(r.line().contains("bad-tolerance"), r.line());
        }
        // a valid tolerance still passes a right answer
        assertEquals(GoldenChecker.Status.PASS, judge(checker(d, Y, tol("1e-3", "0"), new double[] {1, 2}))
                .status());
    }

    @Test
    void expectedInfinitiesAndNanMustBeMatchedExactly() throws IOException {
        Path d = dataDir(Double.POSITIVE_INFINITY, 2);
        String t = tol("1e-3", "1e-6");
        GoldenChecker.Result r = judge(checker(d, Y, t, new double[] {5, 2}));
        assertEquals(GoldenChecker.Status.FAIL, r.status(), "an expected +Inf is not skipped: " + r.line());
        r = judge(checker(d, Y, t, new double[] {Double.POSITIVE_INFINITY, 2.5}));
        assertEquals(GoldenChecker.Status.FAIL, r.status(), "the finite part is still judged: " + r.line());
        r = judge(checker(d, Y, t, new double[] {Double.NEGATIVE_INFINITY, 2}));
        assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
        r = judge(checker(d, Y, t, new double[] {Double.POSITIVE_INFINITY, 2}));
        assertEquals(GoldenChecker.Status.PASS, r.status(), r.line());
        Path n = dataDir(Double.NaN, 2);
        assertEquals(GoldenChecker.Status.FAIL, judge(checker(n, Y, t, new double[] {0, 2})).status());
        assertEquals(GoldenChecker.Status.PASS, judge(checker(n, Y, t, new double[] {Double.NaN, 2})).status());
        // a non-finite answer where the reference is finite fails
        Path f = dataDir(1, 2);
        assertEquals(GoldenChecker.Status.FAIL, judge(checker(f, Y, t, new double[] {1, Double.NEGATIVE_INFINITY}))
                .status());
    }

    @Test
    void manifestPathsStayInsideTheDataDirectory() throws IOException {
        Path d = dataDir(1, 2);
        Npy.write(root.resolve("outside.npy"), NpyArray.ofDoubles(new int[] {2}, new double[] {1, 2}, false));
        String t = tol("1e-3", "1e-6");
        for (String file : new String[] {"../outside.npy", root.resolve("outside.npy").toString()}) {
            String out = "\"y\": {\"file\": \"" + file + "\", \"dtype\": \"float64\", \"shape\": [2]}";
            GoldenChecker.Result r = judge(checker(d, out, t, new double[] {1, 2}));
            assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
            assertTrue(r.line().contains("outside"), r.line());
        }
        Path link = d.resolve("link.npy");
        try {
            Files.createSymbolicLink(link, root.resolve("outside.npy"));
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links on this file system: nothing to escape through
        }
        String out = "\"y\": {\"file\": \"link.npy\", \"dtype\": \"float64\", \"shape\": [2]}";
        GoldenChecker.Result r = judge(checker(d, out, t, new double[] {1, 2}));
        assertEquals(GoldenChecker.Status.FAIL, r.status(), r.line());
        assertTrue(r.line().contains("outside"), r.line());
    }
}
