package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The registry in isolation: in this module no compute module is on the class path, so every part is a
 * "missing" stand-in and the native tiers are unavailable with a reason.
 */
class BackendsTest {
    @Test
    void unknownNamesAndBadThreadCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.byName("gpu", 1));
        assertTrue(e.getMessage().contains("[native-gpu, native, vector, scalar]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.byName("scalar", 0));
    }

    @Test
    void nativeTiersReportWhyTheyAreUnavailable() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.byName("native", 1));
        assertTrue(e.getMessage().startsWith("native unavailable: "), e.getMessage());
        assertEquals("available", Backends.availability().get("scalar"));
    }

    @Test
    void missingPartsFailLoudlyAndNameTheClass() {
        SsmKernel k = Backends.byName("scalar", 1);
        assertSame(k, Backends.byName("scalar", 1));
        assertTrue(k.describe().contains("kernels=missing"), k.describe());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> k.cauchy(1, 1, 1, new float[2], 0, new float[2], 0, new float[2], 0, new float[2], 0));
        assertTrue(e.getMessage().contains("ScalarKernelOps"), e.getMessage());
    }

    @Test
    void facadeValidatesBeforeAnyKernelRuns() {
        SsmKernel k = Backends.byName("scalar", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.cauchyConj(2, 3, 4, new float[12], 0, new float[12], 0, new float[8], 0, new float[15], 0));
        assertEquals("out: needs 16 floats from offset 0, array has 15", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.cauchy(1, 1, 1, new double[2], 0,
                new double[] {Double.NaN, 0}, 0, new double[2], 0, new double[2], 0));
        assertTrue(e.getMessage().startsWith("w: must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.vandermonde(0, 1, 1, new float[2], 0,
                new float[2], 0, new float[1], 0));
        assertTrue(e.getMessage().startsWith("h: must be >= 1"), e.getMessage());
        SelectiveScanShape s = new SelectiveScanShape(1, 2, 1, 3, BcLayout.FIXED, BcLayout.FIXED, 1, false, false);
        float[] delta = {0.1f, -0.5f, 0.1f, 0.1f, 0.1f, 0.1f};
        e = assertThrows(IllegalArgumentException.class, () -> k.selectiveScan(s, new float[6], delta,
                new float[2], new float[2], new float[2], null, null, null, null, new float[6], null));
        assertTrue(e.getMessage().startsWith("delta: must be finite and delta + deltaBias >= 0"), e.getMessage());
        SsuShape us = new SsuShape(1, 1, 2, 1, 1, false);
        e = assertThrows(IllegalArgumentException.class, () -> k.selectiveStateUpdate(us, new float[2],
                new float[2], new float[] {0.1f, -0.2f}, new float[2], new float[1], new float[1], null, null, null,
                new float[2]));
        assertTrue(e.getMessage().startsWith("dt: dt + dtBias must be >= 0"), e.getMessage());
        ConvShape cs = ConvShape.causal(2, 3, 8);
        e = assertThrows(IllegalArgumentException.class,
                () -> k.fftConv(cs, new double[48], new double[23], null, new double[48]));
        assertEquals("k: needs 24 doubles from offset 0, array has 23", e.getMessage());
    }

    @Test
    void theInstanceCacheIsBoundedAndCloseOfASharedInstanceIsANoOp() throws Exception {
        for (int t = 1; t <= Backends.DEFAULT_CACHE_SIZE + 5 && t <= Check.maxThreads(); t++) {
            Backends.byName("scalar", t);
        }
        assertTrue(Backends.cachedInstances() <= Backends.DEFAULT_CACHE_SIZE, "cache: " + Backends.cachedInstances());
        SsmKernel k = Backends.byName("scalar", 1);
        ((AutoCloseable) k).close();
        assertSame(k, Backends.byName("scalar", 1));
    }

    @Test
    void threadCountsAreBounded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.byName("scalar", Check.maxThreads() + 1));
        assertTrue(e.getMessage().startsWith("threads: must be <= " + Check.maxThreads()), e.getMessage());
    }

    @Test
    void aBadThreadPropertyIsAClearErrorEveryTimeNotAnInitializerError() throws Exception {
        // a fresh copy of the api classes, so that Backends initialises again under the bad property
        java.net.URL classes = Backends.class.getProtectionDomain().getCodeSource().getLocation();
        String old = System.getProperty("ssm4j.threads");
        System.setProperty("ssm4j.threads", "50000000");
        try (java.net.URLClassLoader fresh = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
            java.lang.reflect.Method get = fresh.loadClass("ssm4j.api.Backends").getMethod("get");
            for (int i = 0; i < 2; i++) {
                java.lang.reflect.InvocationTargetException e = assertThrows(
                        java.lang.reflect.InvocationTargetException.class, () -> get.invoke(null));
                assertEquals(IllegalArgumentException.class, e.getCause().getClass(), e.getCause().toString());
                assertTrue(e.getCause().getMessage().contains("50000000"), e.getCause().getMessage());
            }
        } finally {
            if (old == null) {
                System.clearProperty("ssm4j.threads");
            } else {
                System.setProperty("ssm4j.threads", old);
            }
        }
    }
}
