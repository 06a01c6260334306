package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.ref.JTransformsConvOps;

/**
 * No leak over 10^5 calls: resident memory (native buffers, plans) and Java heap allocation per call. A leak of
 * one plan (kilobytes) or one arena per call would add hundreds of MB; 16 MiB of RSS growth allows for JIT
 * and GC noise while still catching a leak of 168 bytes per call. Heap: after warm-up a call allocates nothing
 * (contexts, segments and range bodies are cached), measured on the calling thread with one thread.
 */
class FftwMemoryTest {
    private static final int CALLS = 100_000;

    @Test
    void noLeakOverHundredThousandCalls() throws IOException {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        ConvShape s = new ConvShape(1, 2, 64, 1, 64, true);
        float[] x = new float[128];
        float[] k = new float[2 * 2 * 64];
        float[] d = {0.5f, -0.5f};
        float[] y = new float[128];
        double[] xd = new double[128];
        double[] kd = new double[2 * 2 * 64];
        double[] yd = new double[128];
        x[3] = 1;
        k[5] = 1;
        xd[3] = 1;
        kd[5] = 1;
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (FftwConvOps ops = new FftwConvOps(Parallel.of(1), new JTransformsConvOps(Parallel.of(1)))) {
            for (int i = 0; i < 20_000; i++) { // warm-up: plans, contexts, JIT
                ops.fftConvK(s, x, k, d, y);
                ops.fftConvK(s, xd, kd, null, yd);
            }
            System.gc();
            long rss0 = rssKiB();
            long tid = Thread.currentThread().threadId();
            long heap0 = threadBean.getThreadAllocatedBytes(tid);
            for (int i = 0; i < CALLS; i++) {
                ops.fftConvK(s, x, k, d, y);
                ops.fftConvK(s, xd, kd, null, yd);
            }
            long heapPerCall = (threadBean.getThreadAllocatedBytes(tid) - heap0) / (2L * CALLS);
            System.gc();
            long rss1 = rssKiB();
            System.out.printf("FftwMemoryTest: %d calls: RSS %d -> %d KiB, heap %d B/call%n", 2 * CALLS, rss0, rss1,
                    heapPerCall);
            assertTrue(rss1 - rss0 < 16 * 1024, "RSS grew by " + (rss1 - rss0) + " KiB over " + 2 * CALLS + " calls");
            assertTrue(heapPerCall < 16, "heap allocation per call: " + heapPerCall + " B");
            assertTrue(y[3 + 5] == 1f && yd[3 + 5] == 1.0 || Math.abs(yd[8] - 1) < 1e-12, "result sanity");
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
