package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 5: the facade rejects NaN and ±Inf in every array whose bad value would spread beyond its own
 * output element or into state (fftConv: x, k, D; diagScan: everything; selectiveScan: every input;
 * selectiveStateUpdate: the persistent state and every input; Cauchy and Vandermonde: v as well as the nodes). In
 * this module the compute parts are missing stand-ins, so a call that passes the checks ends in
 * {@link UnsupportedOperationException}: the test sees exactly which arrays the facade checks. Each array is
 * poisoned at its first and last element (the vector tail) with NaN and with +Inf, in fp32 and fp64.
 */
class FacadeValueChecksTest {
    private final SsmKernel k = Backends.byName("scalar", 1);

    /** A call with named float arrays; {@link #check} poisons one of them at a time. */
    private record Call(String what, List<String> names, List<float[]> arrays, Consumer<float[][]> run) {
    }

    private static float[] ones(long n) {
        float[] a = new float[(int) n];
        java.util.Arrays.fill(a, 0.5f);
        return a;
    }

    private void check(Call c) {
        for (int i = 0; i < c.names().size(); i++) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
                for (boolean last : new boolean[] {false, true}) {
                    float[][] args = new float[c.arrays().size()][];
                    for (int j = 0; j < args.length; j++) {
                        args[j] = c.arrays().get(j).clone();
                    }
                    float[] poisoned = args[i];
                    int at = last ? poisoned.length - 1 : 0;
                    poisoned[at] = bad;
                    String name = c.names().get(i);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> c.run().accept(args), c.what() + ": " + name + "[" + at + "] = " + bad);
                    assertTrue(e.getMessage().startsWith(name + ": must be finite"), c.what() + ": " + e.getMessage());
                    // fp64 the same way
                    double[][] wide = new double[args.length][];
                    for (int j = 0; j < args.length; j++) {
                        wide[j] = new double[args[j].length];
                        for (int t = 0; t < wide[j].length; t++) {
                            wide[j][t] = args[j][t];
                        }
                    }
                    IllegalArgumentException e64 = assertThrows(IllegalArgumentException.class,
                            () -> run64(c.what(), wide), c.what() + " fp64: " + name);
                    assertTrue(e64.getMessage().startsWith(name + ": must be finite"), e64.getMessage());
                }
            }
        }
        // all finite: the checks pass and the (missing) part is reached
        float[][] clean = c.arrays().toArray(new float[0][]);
        assertThrows(UnsupportedOperationException.class, () -> c.run().accept(clean), c.what());
    }

    private DoubleCall current64;

    /** The fp64 twin of the call under test. */
    private interface DoubleCall {
        void run(double[][] a);
    }

    private void run64(String what, double[][] a) {
        current64.run(a);
    }

    @Test
    void fftConvChecksXKAndD() {
        ConvShape s = new ConvShape(2, 3, 17, 1, 17, false);
        current64 = a -> k.fftConv(s, a[0], a[1], a[2], new double[2 * 3 * 17]);
        check(new Call("fftConv", List.of("x", "k", "D"), List.of(ones(2 * 3 * 17), ones(3 * 17), ones(3)),
                a -> k.fftConv(s, a[0], a[1], a[2], new float[2 * 3 * 17])));
    }

    @Test
    void diagScanChecksEverything() {
        DiagScanShape s = new DiagScanShape(2, 3, 4, 19, true);
        current64 = a -> k.diagScan(s, a[0], a[1], a[2], a[3], a[4], a[5], new double[(int) s.seqSize()], null);
        check(new Call("diagScan", List.of("a", "b", "c", "d", "x0", "u"), List.of(ones(s.paramSize()),
                ones(s.paramSize()), ones(s.paramSize()), ones(3), ones(s.stateSize()), ones(s.seqSize())),
                a -> k.diagScan(s, a[0], a[1], a[2], a[3], a[4], a[5], new float[(int) s.seqSize()], null)));
    }

    @Test
    void selectiveScanChecksEveryInput() {
        SelectiveScanShape s = new SelectiveScanShape(1, 4, 3, 21, BcLayout.PER_TIME, BcLayout.PER_TIME, 1, false,
                true);
        long seq = s.seqSize();
        current64 = a -> k.selectiveScan(s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                new double[(int) seq], null);
        check(new Call("selectiveScan", List.of("u", "delta", "A", "B", "C", "D", "z", "deltaBias", "x0"),
                List.of(ones(seq), ones(seq), ones(12), ones(s.bcSize(true)), ones(s.bcSize(false)), ones(4),
                        ones(seq), ones(4), ones(s.stateSize())),
                a -> k.selectiveScan(s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], new float[(int) seq],
                        null)));
    }

    @Test
    void selectiveStateUpdateChecksStateAndInputs() {
        SsuShape s = new SsuShape(2, 3, 2, 4, 1, true);
        long row = s.rowSize();
        long bc = (long) s.batch() * s.groups() * s.dstate();
        current64 = a -> k.selectiveStateUpdate(s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                new double[(int) row]);
        check(new Call("selectiveStateUpdate", List.of("state", "x", "dt", "A", "B", "C", "D", "z", "dtBias"),
                List.of(ones(s.stateSize()), ones(row), ones(row), ones(3L * 2 * 4), ones(bc), ones(bc), ones(6),
                        ones(row), ones(6)),
                a -> k.selectiveStateUpdate(s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                        new float[(int) row])));
    }

    @Test
    void cauchyAndVandermondeCheckVToo() {
        int h = 2;
        int n = 3;
        int l = 5;
        current64 = a -> k.cauchy(h, n, l, a[0], 0, a[1], 0, a[2], 0, new double[2 * h * l], 0);
        check(new Call("cauchy", List.of("v", "w", "z"), List.of(ones(2 * h * n), ones(2 * h * n), ones(2 * l)),
                a -> k.cauchy(h, n, l, a[0], 0, a[1], 0, a[2], 0, new float[2 * h * l], 0)));
        current64 = a -> k.vandermonde(h, n, l, a[0], 0, a[1], 0, new double[h * l], 0);
        check(new Call("vandermonde", List.of("v", "x"), List.of(ones(2 * h * n), ones(2 * h * n)),
                a -> k.vandermonde(h, n, l, a[0], 0, a[1], 0, new float[h * l], 0)));
        current64 = a -> k.vandermondeTranspose(h, n, l, a[0], 0, a[1], 0, a[2], 0, new double[2 * h * n], 0);
        check(new Call("vandermondeTranspose", List.of("u", "v", "x"), List.of(ones(h * l), ones(2 * h * n),
                ones(2 * h * n)), a -> k.vandermondeTranspose(h, n, l, a[0], 0, a[1], 0, a[2], 0,
                        new float[2 * h * n], 0)));
    }
}
