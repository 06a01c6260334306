package ssm4j.conv.ref;

import java.util.concurrent.ConcurrentHashMap;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.conv.FftSizes;
import ssm4j.conv.WorkspaceCache;

/**
 * The scalar tier's FFT convolution (SPEC 6): JTransforms 3.1 real FFTs, one input row at a time, rows split
 * over threads with {@link Parallel} (never JTransforms' own pool, see {@link JTransformsThreads}). The FFT
 * length is the smallest even 2·3·5-smooth {@code n ≥ Lk + L} (JTransforms' mixed-radix sizes; any
 * {@code n ≥ Lk + L} gives the reference result, pitfall 9). Plans are cached per length and shared; kernel
 * spectra and row buffers live in a workspace cached per shape, so repeated calls with one shape allocate
 * nothing in ssm4j (JTransforms itself allocates a scratch row per transform for non-power-of-two n).
 *
 * <p>Thread-safe: concurrent calls get separate workspaces. Results do not depend on the thread count (each
 * row is computed by the same code whichever block it lands in).
 */
public final class JTransformsConvOps implements ConvOps {
    private final Parallel parallel;
    private final ConcurrentHashMap<Integer, FloatFFT_1D> floatPlans = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, DoubleFFT_1D> doublePlans = new ConcurrentHashMap<>();
    private final WorkspaceCache<JtConvF32> f32 = new WorkspaceCache<>(this::newF32);
    private final WorkspaceCache<JtConvF64> f64 = new WorkspaceCache<>(this::newF64);

    /** @param parallel how many threads one call uses */
    public JTransformsConvOps(Parallel parallel) {
        JTransformsThreads.singleThreaded();
        this.parallel = parallel;
    }

    /** The FFT length used for {@code s}: the smallest even 5-smooth {@code n ≥ Lk + L}. */
    public static int fftLength(ConvShape s) {
        return FftSizes.even5SmoothAtLeast(s.referenceFftLength());
    }

    @Override
    public void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        JtConvF32 w = f32.acquire(s);
        try {
            w.run(x, k, d, y);
        } finally {
            f32.release(s, w);
        }
    }

    @Override
    public void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        JtConvF64 w = f64.acquire(s);
        try {
            w.run(x, k, d, y);
        } finally {
            f64.release(s, w);
        }
    }

    @Override
    public void close() {
        f32.clear();
        f64.clear();
        floatPlans.clear();
        doublePlans.clear();
    }

    @Override
    public String toString() {
        return "JTransformsConvOps";
    }

    private JtConvF32 newF32(ConvShape s) {
        int n = fftLength(s);
        return new JtConvF32(s, parallel, n, floatPlans.computeIfAbsent(n, FloatFFT_1D::new));
    }

    private JtConvF64 newF64(ConvShape s) {
        int n = fftLength(s);
        return new JtConvF64(s, parallel, n, doublePlans.computeIfAbsent(n, DoubleFFT_1D::new));
    }
}
