package ssm4j.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;

/**
 * What every {@link ConvOps} tier must do, checked against {@link DirectConv} (SPEC 6.1, 6.2 summed directly).
 * A tier's test extends this and says how to build the tier and which FFT length it uses (for the bound).
 */
abstract class ConvOpsContract {
    private static final double EPS64 = Math.ulp(1.0);
    private static final double EPS32 = Math.ulp(1.0f);
    private static final int GUARD = 5;

    abstract ConvOps create(Parallel p);

    /** FFT length the tier picks for {@code s}. */
    abstract int fftLength(ConvShape s);

    /**
     * Allowed error per output row: the FFT's {@code c·ε·log2 n·‖x‖₂‖k‖₂} (see {@link DirectConv#rowScales}) with
     * c = 4 (a forward, a product and an inverse, each a few roundings per butterfly level), plus, for fp64, the
     * oracle's own direct-sum error {@code Lk·ε64·‖x‖₂‖k‖₂} (Cauchy–Schwarz on its Lk-term sums).
     */
    private double bound(ConvShape s, double eps, double scale, boolean fp64) {
        double levels = Math.log(fftLength(s)) / Math.log(2) + 1;
        double oracle = fp64 ? (s.kernelLength() + 2) * EPS64 : 2 * s.kernelLength() * EPS64;
        return (4 * levels * eps + oracle) * scale + Double.MIN_NORMAL;
    }

    private static int ySize(ConvShape s) {
        return s.batch() * s.channels() * s.h() * s.length();
    }

    private static void assertClose(ConvShape s, double[] want, double[] got, double[] scales, String what,
                                    java.util.function.DoubleUnaryOperator bound) {
        int len = s.length();
        for (int row = 0; row < scales.length; row++) {
            double allowed = bound.applyAsDouble(scales[row]);
            for (int t = 0; t < len; t++) {
                int i = row * len + t;
                double err = Math.abs(got[i] - want[i]);
                if (!(err <= allowed)) {
                    throw new AssertionError(what + " " + s + ": row " + row + " t=" + t + " got " + got[i]
                            + " want " + want[i] + " err " + err + " > " + allowed);
                }
            }
        }
        for (int g = 0; g < GUARD; g++) {
            assertTrue(Double.isNaN(got[ySize(s) + g]), what + " " + s + ": guard cell " + g + " overwritten");
        }
    }

    /**
     * Both precisions against the direct sums: fp64 on uniform data, fp32 on float-valued data (so the oracle sees
     * exactly the inputs the fp32 path gets); D is absent for a third of the shapes, a different third per precision.
     */
    @ParameterizedTest(name = "fp32={0}")
    @ValueSource(booleans = {false, true})
    void matchesDirectConvolution(boolean fp32) {
        int seed = fp32 ? 40 : 10;
        try (ConvOps ops = create(Parallel.of(2))) {
            List<ConvShape> shapes = ConvTestData.shapes();
            for (int i = 0; i < shapes.size(); i++) {
                ConvShape s = shapes.get(i);
                double[] x = data(fp32, seed + i, s.batch() * s.h() * s.length());
                double[] k = data(fp32, seed + 10 + i, s.kernelRows() * s.h() * s.kernelLength());
                double[] d = i % 3 == (fp32 ? 1 : 0) ? null : data(fp32, seed + 20 + i, s.channels() * s.h());
                double[] got = fp32 ? runF32(ops, s, x, k, d) : runF64(ops, s, x, k, d);
                assertClose(s, DirectConv.conv(s, x, k, d), got, DirectConv.rowScales(s, x, k, d),
                        fp32 ? "fp32" : "fp64", sc -> bound(s, fp32 ? EPS32 : EPS64, sc, !fp32));
            }
        }
    }

    private static double[] data(boolean floatValued, long seed, int n) {
        return floatValued ? ConvTestData.uniformFloatValued(seed, n) : ConvTestData.uniform(seed, n);
    }

    /** One fp64 call into an output with NaN guard cells after it. */
    private static double[] runF64(ConvOps ops, ConvShape s, double[] x, double[] k, double[] d) {
        double[] y = new double[ySize(s) + GUARD];
        Arrays.fill(y, Double.NaN);
        ops.fftConvK(s, x, k, d, y);
        return y;
    }

    /** One fp32 call on the inputs rounded to float, widened back for the comparison (guard cells included). */
    private static double[] runF32(ConvOps ops, ConvShape s, double[] x, double[] k, double[] d) {
        float[] y = new float[ySize(s) + GUARD];
        Arrays.fill(y, Float.NaN);
        ops.fftConvK(s, ConvTestData.toFloats(x), ConvTestData.toFloats(k), d == null ? null : ConvTestData.toFloats(d),
                y);
        double[] got = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            got[j] = y[j];
        }
        return got;
    }

    @Test
    void threadCountsOneToThreeGiveIdenticalResults() {
        // H = 2: the vector tier splits over h with 1 and 2 threads and over rows with 3 (both schedules).
        ConvShape s = new ConvShape(3, 2, 100, 2, 77, true);
        double[] x = ConvTestData.uniform(1, s.batch() * s.h() * s.length());
        double[] k = ConvTestData.uniform(2, s.kernelRows() * s.h() * s.kernelLength());
        double[] d = ConvTestData.uniform(3, s.channels() * s.h());
        double[][] y64 = new double[3][];
        float[][] y32 = new float[3][];
        for (int t = 1; t <= 3; t++) {
            try (ConvOps ops = create(Parallel.of(t))) {
                y64[t - 1] = new double[ySize(s)];
                ops.fftConvK(s, x, k, d, y64[t - 1]);
                y32[t - 1] = new float[ySize(s)];
                ops.fftConvK(s, ConvTestData.toFloats(x), ConvTestData.toFloats(k), ConvTestData.toFloats(d),
                        y32[t - 1]);
            }
        }
        assertArrayEquals(y64[0], y64[1]);
        assertArrayEquals(y64[0], y64[2]);
        assertArrayEquals(y32[0], y32[1]);
        assertArrayEquals(y32[0], y32[2]);
    }

    @Test
    void concurrentCallsWithOneShapeDoNotShareScratch() throws Exception {
        ConvShape s = new ConvShape(2, 3, 200, 1, 150, true);
        int calls = 6;
        float[][] xs = new float[calls][];
        float[][] ks = new float[calls][];
        float[][] want = new float[calls][];
        try (ConvOps ops = create(Parallel.of(2))) {
            for (int c = 0; c < calls; c++) {
                xs[c] = ConvTestData.toFloats(ConvTestData.uniform(300 + c, s.batch() * s.h() * s.length()));
                ks[c] = ConvTestData.toFloats(ConvTestData.uniform(400 + c, s.kernelRows() * s.h() * s.kernelLength()));
                want[c] = new float[ySize(s)];
                ops.fftConvK(s, xs[c], ks[c], null, want[c]);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                java.util.List<java.util.concurrent.Future<float[]>> got = new java.util.ArrayList<>();
                for (int rep = 0; rep < 4; rep++) {
                    for (int c = 0; c < calls; c++) {
                        int cc = c;
                        got.add(pool.submit(() -> {
                            float[] y = new float[ySize(s)];
                            ops.fftConvK(s, xs[cc], ks[cc], null, y);
                            return y;
                        }));
                    }
                }
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(want[i % calls], got.get(i).get(), "concurrent call " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void cachedWorkspaceDoesNotKeepTheOldKernel() {
        ConvShape s = new ConvShape(2, 3, 65, 1, 65, false);
        try (ConvOps ops = create(Parallel.of(2))) {
            for (int call = 0; call < 3; call++) {
                double[] x = ConvTestData.uniform(70 + call, s.batch() * s.h() * s.length());
                double[] k = ConvTestData.uniform(80 + call, s.kernelRows() * s.h() * s.kernelLength());
                double[] d = ConvTestData.uniform(90 + call, s.channels() * s.h());
                assertClose(s, DirectConv.conv(s, x, k, d), runF64(ops, s, x, k, d), DirectConv.rowScales(s, x, k, d),
                        "call " + call,
                        sc -> bound(s, EPS64, sc, true));
            }
        }
    }
}
