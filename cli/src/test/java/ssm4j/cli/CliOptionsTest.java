package ssm4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;

/**
 * Issue 17 item 7: nothing on the command line is silently ignored. Every probe of the issue that used to run
 * with exit 0 (a misspelt option, a flag given a value, a non-numeric thread count) must now exit 2 with a message
 * naming the option, and {@code --help} must list what each command takes.
 */
class CliOptionsTest {
    @TempDir
    Path dir;

    /** Exit status, stdout and stderr of one {@link Main#run} call. */
    private record Outcome(int rc, String out, String err) {
    }

    private static Outcome main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = Main.run(args);
            return new Outcome(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String[] scanFiles() throws Exception {
        Path in = dir.resolve("in.npz");
        Path out = dir.resolve("out.npy");
        // u (1,1,3), delta (1,1,3), A (1,1), B (1,1,3), C (1,1,3): the smallest selective scan
        TensorFiles.write(in, Map.of("u", Tensor.wrap(new float[] {1, 2, 3}, 1, 1, 3),
                "delta", Tensor.wrap(new float[] {0.1f, 0.2f, 0.3f}, 1, 1, 3),
                "A", Tensor.wrap(new float[] {-1}, 1, 1),
                "B", Tensor.wrap(new float[] {1, 1, 1}, 1, 1, 3),
                "C", Tensor.wrap(new float[] {1, 1, 1}, 1, 1, 3)));
        return new String[] {"--input", in.toString(), "--output", out.toString(), "--backend", "scalar"};
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void aValidRunStillWorks() throws Exception {
        Outcome o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--delta-softplus",
                "--threads", "1", "--precision", "fp64")));
        assertEquals(0, o.rc(), o.err());
        assertTrue(o.out().contains("fp64"), o.out());
    }

    @Test
    void misspeltOptionsAreErrorsNamingTheClosestOne() throws Exception {
        Outcome o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--precison", "fp64")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("'--precison'") && o.err().contains("did you mean --precision?"), o.err());
        o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--thread", "1")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("did you mean --threads?"), o.err());
        o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--delta_softplus")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("did you mean --delta-softplus?"), o.err());
        o = main("check-golden", "--precison", "fp32");
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("did you mean --precision?"), o.err());
        // an option of another operation is not valid here either
        o = main(concat(new String[] {"run", "fft-conv"}, concat(scanFiles(), "--delta-softplus")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("unknown option '--delta-softplus'"), o.err());
    }

    @Test
    void flagsTakeNoValue() throws Exception {
        Outcome o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--delta-softplus",
                "x")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("'x'") && o.err().contains("--delta-softplus is a flag"), o.err());
        o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--delta-softplus=false")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--delta-softplus: is a flag and takes no value"), o.err());
    }

    @Test
    void badNumbersNameTheOption() throws Exception {
        Outcome o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--threads", "abc")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--threads: expected an integer, got 'abc'"), o.err());
        o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--threads", "50000000")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--threads: must be <="), o.err());
        o = main("run", "make-random-mamba", "--d-model", "x", "--weights", "w.npz", "--input", "h.npy");
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--d-model: expected an integer"), o.err());
        o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--repeat", "0")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--repeat: must be >= 1"), o.err());
    }

    @Test
    void optionGivenTwiceIsAnError() throws Exception {
        Outcome o = main(concat(new String[] {"run", "selective-scan"}, concat(scanFiles(), "--threads", "1",
                "--threads", "2")));
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("--threads: given twice"), o.err());
    }

    @Test
    void helpListsOperationsAndOptions() {
        Outcome o = main("--help");
        assertEquals(0, o.rc());
        for (String op : RunCommand.operations().keySet()) {
            assertTrue(o.out().contains(op), op + " missing from --help: " + o.out());
        }
        o = main("run", "--help");
        assertEquals(0, o.rc(), o.err());
        assertTrue(o.out().contains("selective-scan") && o.out().contains("make-random-mamba"), o.out());
        o = main("run", "selective-scan", "--help");
        assertEquals(0, o.rc(), o.err());
        for (String opt : new String[] {"--precision fp32|fp64", "--threads N", "--delta-softplus", "--weights"}) {
            assertTrue(o.out().contains(opt), opt + " missing: " + o.out());
        }
        o = main("run", "make-random-mamba", "--help");
        assertEquals(0, o.rc(), o.err());
        assertTrue(o.out().contains("--d-model N") && !o.out().contains("--backend"), o.out());
        o = main("check-golden", "--help");
        assertEquals(0, o.rc(), o.err());
        assertTrue(o.out().contains("--precision") && o.out().contains("--skip-missing"), o.out());
        o = main("backends", "--help");
        assertEquals(0, o.rc(), o.err());
        assertEquals(2, main("backends", "--verbose").rc());
    }

    @Test
    void unknownCommandSuggestsTheClosest() {
        Outcome o = main("chek-golden");
        assertEquals(2, o.rc());
        assertTrue(o.err().contains("did you mean check-golden?"), o.err());
    }

    @Test
    void threadCountIsBoundedWhereThreadsEnterTheLibrary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.byName("scalar", 50_000_000));
        assertTrue(e.getMessage().startsWith("threads: must be <= "), e.getMessage());
        assertTrue(e.getMessage().contains("ssm4j.maxThreads"), e.getMessage());
    }
}
