package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.conv.ref.JTransformsConvOps;
import ssm4j.nativ.DirectConv;

/**
 * Issue 17 items 7, 8 and 11 on the native tier: a user closing the shared backend must not break it for the rest
 * of the JVM; the plan cache is bounded (LRU, plans in use never destroyed); a bad {@code -Dssm4j.fftw.planner}
 * is a clear {@link IllegalArgumentException}; and D·u is added after the transform, exactly as the other tiers
 * do, so a large |D| does not bring FFT round-off with it.
 */
@ResourceLock("system-properties")
class FftwLifecycleTest {
    @Test
    void closingTheSharedBackendIsANoOp() throws Exception {
        SsmKernel k = FftwConvOpsTest.nativeBackend(1);
        ((AutoCloseable) k).close();
        FftwConvOpsTest.assertDelayedTap(k::fftConv); // used to throw "FftwConvOps is closed"
        assertSame(k, Backends.byName("native", 1));
    }

    @Test
    void planCacheIsBoundedAndKeepsPlansInUse() {
        FftwApi api = FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        try (FftwPlanCache cache = new FftwPlanCache(api, 4, 2)) {
            FftwPlanCache.Plans a = cache.acquire(16);
            cache.release(cache.acquire(32));
            cache.release(cache.acquire(48));
            cache.release(cache.acquire(64));
            assertTrue(cache.size() <= 2, "bounded: " + cache.size());
            assertTrue(cache.contains(16), "a plan in use is never evicted");
            assertSame(a, cache.acquire(16), "and is shared while cached");
            cache.release(a);
            cache.release(a);
            cache.release(cache.acquire(80));
            cache.release(cache.acquire(96));
            assertTrue(cache.size() <= 2 && !cache.contains(16), "released, it ages out: " + cache.size());
        }
    }

    @Test
    void manyTransformLengthsKeepTheCacheBounded() {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        String old = System.getProperty("ssm4j.fftw.planner");
        System.setProperty("ssm4j.fftw.planner", "estimate"); // the bound is the point, not the plans' speed
        try (FftwConvOps ops = new FftwConvOps(Parallel.of(1), new JTransformsConvOps(Parallel.of(1)))) {
            for (int l = 1; l <= 2 * FftwPlanCache.DEFAULT_CAPACITY; l++) {
                ConvShape s = ConvShape.causal(1, 1, l * 2);
                ops.fftConvK(s, new float[l * 2], new float[l * 2], null, new float[l * 2]);
            }
            // fp32 lengths only: at most the capacity plus the pooled contexts' plans
            assertTrue(ops.cachedPlanLengths() <= FftwPlanCache.DEFAULT_CAPACITY + 4,
                    "plans: " + ops.cachedPlanLengths());
        } finally {
            restore("ssm4j.fftw.planner", old);
        }
    }

    @Test
    void badPlannerPropertyIsAClearError() {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        String old = System.getProperty("ssm4j.fftw.planner");
        System.setProperty("ssm4j.fftw.planner", "fastest");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FftwConvOps(Parallel.of(1), new JTransformsConvOps(Parallel.of(1))));
            assertTrue(e.getMessage().contains("ssm4j.fftw.planner") && e.getMessage().contains("fastest"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Backends.byName("native", 7));
            assertTrue(e.getMessage().contains("ssm4j.fftw.planner"), e.getMessage());
        } finally {
            restore("ssm4j.fftw.planner", old);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void skipTermIsAddedExactlyNotFoldedIntoTheKernel() {
        SsmKernel fftw = FftwConvOpsTest.nativeBackend(1);
        SsmKernel scalar = Backends.byName("scalar", 1);
        int len = 1000;
        ConvShape s = new ConvShape(1, 2, len, 1, len, false);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = FftwConvOpsTest.random(r, 2 * len);
        float[] k = FftwConvOpsTest.random(r, 2 * len);
        for (int i = 0; i < k.length; i++) {
            k[i] *= 1e-3f; // a small kernel: y is dominated by D·u
        }
        float[] d = {3000f, -2500f};
        float[] y1 = new float[2 * len];
        float[] y2 = new float[2 * len];
        fftw.fftConv(s, x, k, d, y1);
        scalar.fftConv(s, x, k, d, y2);
        // Both compute conv(k, x) + D·x with D·x rounded once. Their convolutions differ by at most the FFT bound
        // of the kernel alone (no |D| in it), so the outputs agree to a few ulps of y plus that bound.
        double convBound = 2 * FftwConvOpsTest.bound(s, DirectConv.widen(x), DirectConv.widen(k), null,
                Math.ulp(1.0f) / 2);
        for (int i = 0; i < y1.length; i++) {
            double tol = 2 * Math.ulp(Math.abs(y2[i])) + convBound;
            assertTrue(Math.abs(y1[i] - y2[i]) <= tol, "y[" + i + "] native " + y1[i] + " vs scalar " + y2[i]
                    + " (tolerance " + tol + ")");
        }
    }
}
