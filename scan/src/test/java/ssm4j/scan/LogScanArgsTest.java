package ssm4j.scan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import ssm4j.api.Backends;
import ssm4j.api.LogScanShape;
import ssm4j.api.SsmKernel;

/** Bad arguments of {@link SsmKernel#logScan} fail at the facade with the argument's name, on both CPU tiers. */
class LogScanArgsTest {
    private static void named(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name), "message '" + e.getMessage() + "' should name " + name);
    }

    @Test
    void badArgumentsAreNamed() {
        for (String backend : new String[] {"scalar", "vector"}) {
            SsmKernel k = Backends.byName(backend, 2);
            LogScanShape s = new LogScanShape(2, 5, 3);
            float[] seq = new float[30];
            float[] st = new float[6];
            named("batch", () -> new LogScanShape(0, 5, 3));
            named("length", () -> new LogScanShape(1, 0, 3));
            named("dim", () -> new LogScanShape(1, 1, -1));
            named("shape", () -> k.logScan(null, seq, seq, null, seq.clone(), null, null));
            named("logCoeffs", () -> k.logScan(s, null, seq, null, seq.clone(), null, null));
            named("logValues", () -> k.logScan(s, seq, new float[29], null, seq.clone(), null, null));
            named("logH0", () -> k.logScan(s, seq, seq, new float[5], seq.clone(), null, null));
            named("logH", () -> k.logScan(s, seq, seq, null, new float[3], null, null));
            named("h", () -> k.logScan(s, seq, seq, null, null, new float[29], null));
            named("lastLogH", () -> k.logScan(s, seq, seq, null, null, null, new float[5]));
            named("logH, h, lastLogH", () -> k.logScan(s, seq, seq, null, null, null, null));
            float[] nan = st.clone();
            nan[4] = Float.NaN;
            named("logH0", () -> k.logScan(s, seq, seq, nan, seq.clone(), null, null));
            double[] inf = new double[6];
            inf[1] = Double.POSITIVE_INFINITY;
            named("logH0", () -> k.logScan(s, new double[30], new double[30], inf, new double[30], null, null));
        }
    }
}
