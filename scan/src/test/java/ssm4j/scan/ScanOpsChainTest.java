package ssm4j.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssm4j.scan.ScanRef.f;
import static ssm4j.scan.ScanRef.uniform;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.spi.ScanOps;
import ssm4j.scan.ref.ScalarScanOps;
import ssm4j.scan.simd.VectorScanOps;

/**
 * The scan chain scalar ← vector (issue 18 item 2): the vector part overrides exactly the fp32 primitives and
 * hands the rest (every fp64 path, the selective scan with complex A) to its lower part, the scalar part, which
 * overrides everything and has no lower part.
 */
class ScanOpsChainTest {
    private final Parallel p = Parallel.of(2);
    private final ScalarScanOps scalar = new ScalarScanOps(p);
    private final List<String> lowerCalls = new ArrayList<>();

    /** The scalar part behind a recorder of the calls that reach it. */
    private final ScanOps recordedScalar = (ScanOps) Proxy.newProxyInstance(ScanOps.class.getClassLoader(),
            new Class<?>[] {ScanOps.class}, (self, m, args) -> {
                if (m.getName().equals("lower")) {
                    return null;
                }
                lowerCalls.add(m.getName() + " " + m.getParameterTypes()[1].getSimpleName());
                return m.invoke(scalar, args);
            });

    private final VectorScanOps vector = new VectorScanOps(p, recordedScalar);

    @Test
    void theFp64LogScanOfTheVectorTierIsTheScalarOne() {
        LogScanShape s = new LogScanShape(2, 37, 5);
        SplittableRandom r = new SplittableRandom(18);
        double[] logA = uniform(r, s.seqSize(), -2, 0);
        double[] logB = uniform(r, s.seqSize(), -3, 1);
        double[] viaVector = new double[s.seqSize()];
        double[] direct = new double[s.seqSize()];
        vector.logScanK(s, logA, logB, null, null, viaVector, null);
        assertEquals(List.of("logScanK double[]"), lowerCalls);
        scalar.logScanK(s, logA, logB, null, null, direct, null);
        assertArrayEquals(direct, viaVector); // the same code ran: bit for bit

        lowerCalls.clear();
        vector.logScanK(s, f(logA), f(logB), null, null, new float[s.seqSize()], null);
        assertEquals(List.of(), lowerCalls, "fp32 is vectorised: the scalar part is not asked");
    }

    @Test
    void onlyTheSelectiveScanWithComplexAFallsBack() {
        for (boolean complexA : new boolean[] {false, true}) {
            lowerCalls.clear();
            SelectiveScanShape s = new SelectiveScanShape(1, 2, 3, 4, BcLayout.FIXED, BcLayout.FIXED, 1, complexA,
                    true);
            int seq = (int) s.seqSize();
            vector.selectiveScanK(s, new float[seq], new float[seq], new float[2 * 3 * (complexA ? 2 : 1)],
                    new float[(int) s.bcSize(true)], new float[(int) s.bcSize(false)], null, null, null, null,
                    new float[seq], null);
            assertEquals(complexA ? List.of("selectiveScanK float[]") : List.of(), lowerCalls, "complexA " + complexA);
        }
    }

    @Test
    void theVectorPartOverridesExactlyTheFp32PrimitivesAndTheScalarPartAll() throws Exception {
        for (Method m : ScanOps.class.getMethods()) {
            if (!m.getName().endsWith("K")) {
                continue;
            }
            boolean fp32 = m.getParameterTypes()[1] == float[].class;
            assertEquals(fp32, declaredBy(VectorScanOps.class, m), "VectorScanOps declares " + m);
            assertTrue(declaredBy(ScalarScanOps.class, m), "ScalarScanOps declares " + m);
        }
        assertNull(scalar.lower());
        assertTrue(Backends.byName("vector", 1).describe().contains("scan=VectorScanOps>ScalarScanOps,"),
                Backends.byName("vector", 1).describe());
        assertTrue(Backends.byName("scalar", 1).describe().contains("scan=ScalarScanOps,"),
                Backends.byName("scalar", 1).describe());
    }

    private static boolean declaredBy(Class<?> c, Method m) throws NoSuchMethodException {
        return c.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() == c;
    }
}
