package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.ref.JTransformsConvOps;
import ssm4j.nativ.DirectConv;

/**
 * cuFFT/cuBLAS convolution against SPEC (6.1)/(6.2) summed directly in double, fp32 and fp64, awkward sizes,
 * causal, bidirectional, short kernels, two channels, with and without D; skipped without a GPU. Tolerance:
 * the same derivation as the FFTW test (c·eps·log2(n)·‖x‖₂·‖k‖₂, c = 6, with ‖k‖₂ + |D|: D·x is added after the
 * transform, so this over-covers its single rounding).
 */
class CudaConvOpsTest {
    private static final long SEED = 424242L;

    static List<ConvShape> shapes() {
        List<ConvShape> out = new ArrayList<>();
        for (int len : new int[] {1, 2, 3, 17, 33, 64, 65, 1000, 4097}) {
            out.add(new ConvShape(2, 3, len, 1, len, false));
            out.add(new ConvShape(1, 3, len, 2, Math.max(1, len / 3), true));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matchesDirectConvolution(ConvShape s) {
        CudaTestSupport.requireDevice();
        try (CudaConvOps ops = new CudaConvOps(Parallel.of(3), new JTransformsConvOps(Parallel.of(3)))) {
            SplittableRandom r = new SplittableRandom(SEED + s.hashCode());
            double[] x = rnd(r, s.batch() * s.h() * s.length());
            double[] k = rnd(r, s.kernelRows() * s.h() * s.kernelLength());
            double[] d = rnd(r, s.channels() * s.h());
            double[] ref = DirectConv.conv(s, x, k, d);
            int n = Integer.highestOneBit(s.kernelLength() + s.length() - 1) << 1;
            double kn = 0;
            double xn = 0;
            for (int row = 0; row < s.kernelRows() * s.h(); row++) {
                kn = Math.max(kn, norm(k, row * s.kernelLength(), s.kernelLength()) + 1);
            }
            for (int row = 0; row < s.batch() * s.h(); row++) {
                xn = Math.max(xn, norm(x, row * s.length(), s.length()));
            }
            double log2n = Math.log(n) / Math.log(2) + 1;
            double[] y64 = new double[ref.length + 1];
            y64[ref.length] = Double.NaN;
            ops.fftConvK(s, x, k, d, y64);
            float[] y32 = new float[ref.length + 1];
            y32[ref.length] = Float.NaN;
            ops.fftConvK(s, f(x), f(k), f(d), y32);
            double tol64 = 2 * 6 * (Math.ulp(1.0) / 2) * log2n * xn * kn * (s.bidirectional() ? 2 : 1);
            double tol32 = 6 * (Math.ulp(1.0f) / 2) * log2n * xn * kn * (s.bidirectional() ? 2 : 1);
            for (int i = 0; i < ref.length; i++) {
                assertTrue(Math.abs(y64[i] - ref[i]) <= tol64, s + " fp64 i=" + i + " " + y64[i] + " vs " + ref[i]);
                assertTrue(Math.abs(y32[i] - ref[i]) <= tol32, s + " fp32 i=" + i + " " + y32[i] + " vs " + ref[i]);
            }
            assertTrue(Double.isNaN(y64[ref.length]) && Float.isNaN(y32[ref.length]), "guard cell overwritten");
        }
    }

    /** Reused buffers: 10^4 calls of one shape do not grow the process (device buffers are per shape). */
    @Test
    void repeatedCallsReuseBuffers() throws Exception {
        CudaTestSupport.requireDevice();
        ConvShape s = new ConvShape(2, 4, 256, 1, 256, false);
        float[] x = new float[2 * 4 * 256];
        float[] k = new float[4 * 256];
        float[] y = new float[x.length];
        x[0] = 1;
        k[7] = 3;
        try (CudaConvOps ops = new CudaConvOps(Parallel.of(2), new JTransformsConvOps(Parallel.of(2)))) {
            for (int i = 0; i < 1000; i++) {
                ops.fftConvK(s, x, k, null, y);
            }
            long rss0 = rss();
            for (int i = 0; i < 10_000; i++) {
                ops.fftConvK(s, x, k, null, y);
            }
            long rss1 = rss();
            System.out.println("CudaConvOps 10^4 calls: RSS " + rss0 + " -> " + rss1 + " KiB");
            assertTrue(rss1 - rss0 < 16 * 1024, "RSS grew " + (rss1 - rss0) + " KiB");
            assertTrue(Math.abs(y[7] - 3) < 1e-5, "y[7] = " + y[7]);
        }
    }

    static long rss() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    static double[] rnd(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1); // fp32-representable, so both precisions see the same input
        }
        return a;
    }

    static float[] f(double[] a) {
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (float) a[i];
        }
        return o;
    }

    private static double norm(double[] a, int off, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += a[off + i] * a[off + i];
        }
        return Math.sqrt(s);
    }
}
