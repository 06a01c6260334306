package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.conv.ref.JTransformsConvOps;
import ssm4j.nativ.DirectConv;

/**
 * The FFTW convolution against SPEC (6.1)/(6.2) summed directly in double (an independent formula), on awkward
 * sizes, both precisions, causal, bidirectional, short kernels, several channels, with and without D, NaN
 * guard cells behind y; thread-count independence; close().
 */
class FftwConvOpsTest {
    private static final long SEED = 20261123L;
    private static final int[] LENGTHS = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4097};

    static List<ConvShape> shapes() {
        List<ConvShape> out = new ArrayList<>();
        for (int len : LENGTHS) {
            out.add(new ConvShape(1, 1, len, 1, len, false));
            out.add(new ConvShape(2, 3, len, 1, len, true));
            out.add(new ConvShape(1, 3, len, 2, Math.max(1, len / 3), false)); // short kernel, 2 channels
            out.add(new ConvShape(2, 1, len, 2, Math.max(1, len - 1), true));
        }
        return out;
    }

    static SsmKernel nativeBackend(int threads) {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        return Backends.byName("native", threads);
    }

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    /**
     * Error bound for an FFT convolution of length n computed in precision eps. Rounding in a radix-2-like FFT
     * grows like eps·log2(n) relative to the 2-norm of the transformed vector; the product of two spectra and the
     * inverse transform give |err(y_t)| ≤ c·eps·log2(n)·‖x‖₂·‖k‖₂ for every output (each output is bounded by the
     * 2-norm of the error vector). c = 6 covers forward, inverse and product (about 3 roundings each, 2 transforms).
     * D·x is added after the transform (one rounding); ‖k‖₂ + |D| in place of ‖k‖₂ over-covers it. Taken over
     * the worst row of the case; a bidirectional output sees two kernel rows (factor 2).
     */
    static double bound(ConvShape s, double[] x, double[] k, double[] d, double eps) {
        int n = FftSize.fastEven(s.kernelLength() + s.length());
        double xNorm = 0;
        for (int row = 0; row < s.batch() * s.h(); row++) {
            xNorm = Math.max(xNorm, norm(x, row * s.length(), s.length()));
        }
        double kNorm = 0;
        for (int row = 0; row < s.kernelRows() * s.h(); row++) {
            kNorm = Math.max(kNorm, norm(k, row * s.kernelLength(), s.kernelLength()));
        }
        double dMax = 0;
        if (d != null) {
            for (double dv : d) {
                dMax = Math.max(dMax, Math.abs(dv));
            }
        }
        return 6 * eps * (Math.log(n) / Math.log(2) + 1) * xNorm * (kNorm + dMax) * (s.bidirectional() ? 2 : 1);
    }

    private static double norm(double[] a, int off, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += a[off + i] * a[off + i];
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void fp32MatchesDirectConvolution(ConvShape s) {
        SsmKernel kernel = nativeBackend(2);
        SplittableRandom r = new SplittableRandom(SEED + s.hashCode());
        float[] x = random(r, s.batch() * s.h() * s.length());
        float[] k = random(r, s.kernelRows() * s.h() * s.kernelLength());
        float[] d = s.length() % 2 == 0 ? null : random(r, s.channels() * s.h());
        int ySize = s.batch() * s.channels() * s.h() * s.length();
        float[] y = new float[ySize + 3];
        java.util.Arrays.fill(y, Float.NaN); // outputs must overwrite, guard cells must survive
        kernel.fftConv(s, x, k, d, y);
        double[] ref = DirectConv.conv(s, DirectConv.widen(x), DirectConv.widen(k), d == null ? null : DirectConv.widen(d));
        double tol = bound(s, DirectConv.widen(x), DirectConv.widen(k), d == null ? null : DirectConv.widen(d),
                Math.ulp(1.0f) / 2);
        for (int i = 0; i < ySize; i++) {
            double err = Math.abs(y[i] - ref[i]);
            if (!(err <= tol)) {
                throw new AssertionError(s + " seed " + (SEED + s.hashCode()) + ": y[" + i + "]=" + y[i] + " ref="
                        + ref[i] + " err " + err + " > " + tol);
            }
        }
        for (int i = ySize; i < y.length; i++) {
            assertTrue(Float.isNaN(y[i]), "guard cell " + i + " overwritten");
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void fp64MatchesDirectConvolution(ConvShape s) {
        SsmKernel kernel = nativeBackend(3);
        SplittableRandom r = new SplittableRandom(SEED ^ s.hashCode());
        double[] x = DirectConv.widen(random(r, s.batch() * s.h() * s.length()));
        double[] k = DirectConv.widen(random(r, s.kernelRows() * s.h() * s.kernelLength()));
        double[] d = s.length() % 2 == 1 ? null : DirectConv.widen(random(r, s.channels() * s.h()));
        int ySize = s.batch() * s.channels() * s.h() * s.length();
        double[] y = new double[ySize + 2];
        java.util.Arrays.fill(y, Double.NaN);
        kernel.fftConv(s, x, k, d, y);
        double[] ref = DirectConv.conv(s, x, k, d);
        // The direct sum itself carries up to lk·eps64 relative rounding: add it to the FFT bound.
        double tol = bound(s, x, k, d, Math.ulp(1.0) / 2) * 2;
        for (int i = 0; i < ySize; i++) {
            double err = Math.abs(y[i] - ref[i]);
            if (!(err <= tol)) {
                throw new AssertionError(s + ": y[" + i + "]=" + y[i] + " ref=" + ref[i] + " err " + err + " > " + tol);
            }
        }
        assertTrue(Double.isNaN(y[ySize]) && Double.isNaN(y[ySize + 1]), "guard cells overwritten");
    }

    /** Rows are split over threads, each computed by the same code: results are bit-identical for 1, 2, 3 threads. */
    @Test
    void sameBitsForAnyThreadCount() {
        ConvShape s = new ConvShape(3, 5, 1000, 2, 700, true);
        SplittableRandom r = new SplittableRandom(SEED);
        float[] x = random(r, s.batch() * s.h() * s.length());
        float[] k = random(r, s.kernelRows() * s.h() * s.kernelLength());
        float[] d = random(r, s.channels() * s.h());
        float[] y1 = new float[s.batch() * s.channels() * s.h() * s.length()];
        float[] y2 = y1.clone();
        float[] y3 = y1.clone();
        nativeBackend(1).fftConv(s, x, k, d, y1);
        nativeBackend(2).fftConv(s, x, k, d, y2);
        nativeBackend(3).fftConv(s, x, k, d, y3);
        assertArrayEquals(y1, y2);
        assertArrayEquals(y1, y3);
    }

    /** Contexts are reused across shapes: alternating shapes must not mix buffers or plans. */
    @Test
    void alternatingShapesStayCorrect() {
        SsmKernel kernel = nativeBackend(2);
        ConvShape a = new ConvShape(1, 3, 200, 2, 200, false); // n = 400, 6 kernel spectra
        ConvShape b = new ConvShape(2, 3, 300, 2, 100, true);  // n = 400 too, longer input rows
        assertEquals(FftSize.fastEven(400), FftSize.fastEven(300 + 100));
        SplittableRandom r = new SplittableRandom(SEED + 7);
        for (int rep = 0; rep < 3; rep++) {
            for (ConvShape s : List.of(a, b, new ConvShape(1, 2, 33, 1, 33, false))) {
                double[] x = DirectConv.widen(random(r, s.batch() * s.h() * s.length()));
                double[] k = DirectConv.widen(random(r, s.kernelRows() * s.h() * s.kernelLength()));
                double[] y = new double[s.batch() * s.channels() * s.h() * s.length()];
                kernel.fftConv(s, x, k, null, y);
                double[] ref = DirectConv.conv(s, x, k, null);
                double tol = 2 * bound(s, x, k, null, Math.ulp(1.0) / 2);
                for (int i = 0; i < y.length; i++) {
                    assertTrue(Math.abs(y[i] - ref[i]) <= tol, s + " rep " + rep + " i " + i);
                }
            }
        }
    }

    @Test
    void closedPartRefusesAndCloseIsIdempotent() {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        FftwConvOps ops = new FftwConvOps(Parallel.of(2), new JTransformsConvOps(Parallel.of(2)));
        assertDelayedTap(ops::fftConvK);
        ops.close();
        ops.close();
        assertThrows(IllegalStateException.class, () -> assertDelayedTap(ops::fftConvK));
    }

    /** One fp32 convolution call: a part's {@code fftConvK} or a backend's {@code fftConv}. */
    @FunctionalInterface
    interface Conv32 {
        void run(ConvShape s, float[] x, float[] k, float[] d, float[] y);
    }

    /** The smallest end-to-end check: a delta through a tap delayed by 3 gives y = 2·δ[t−3]. */
    static void assertDelayedTap(Conv32 conv) {
        ConvShape s = ConvShape.causal(1, 1, 16);
        float[] x = new float[16];
        x[0] = 1;
        float[] k = new float[16];
        k[3] = 2;
        float[] y = new float[16];
        conv.run(s, x, k, null, y);
        assertEquals(2f, y[3], 1e-6f);
        assertEquals(0f, y[2], 1e-6f);
    }

    @Test
    void facadeRejectsShortArrays() {
        SsmKernel kernel = nativeBackend(1);
        ConvShape s = ConvShape.causal(1, 2, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.fftConv(s, new float[16], new float[16], null, new float[15]));
        assertTrue(e.getMessage().startsWith("y:"), e.getMessage());
    }
}
