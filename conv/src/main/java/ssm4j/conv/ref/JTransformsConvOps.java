package ssm4j.conv.ref;

import java.util.concurrent.ConcurrentHashMap;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.CachedConvOps;
import ssm4j.conv.FftSizes;

/**
 * The scalar tier's FFT convolution (SPEC 6): JTransforms 3.1 real FFTs, one input row at a time, rows split
 * over threads with {@link Parallel} (never JTransforms' own pool, see {@link JTransformsThreads}). The FFT
 * length is the smallest even 2·3·5-smooth {@code n ≥ Lk + L} (JTransforms' mixed-radix sizes; any
 * {@code n ≥ Lk + L} gives the reference result, pitfall 9). Plans are cached per length and shared; kernel
 * spectra and row buffers live in a workspace cached per shape, so repeated calls with one shape allocate
 * nothing in ssm4j (JTransforms itself allocates a scratch row per transform for non-power-of-two n).
 *
 * <p>The scalar tier's part: the bottom of the convolution chain (no lower part). Thread-safe: concurrent calls
 * get separate workspaces. Results do not depend on the thread count (each
 * row is computed by the same code whichever block it lands in).
 */
public final class JTransformsConvOps extends CachedConvOps<JtConvF32, JtConvF64> {
    private final ConcurrentHashMap<Integer, FloatFFT_1D> floatPlans = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, DoubleFFT_1D> doublePlans = new ConcurrentHashMap<>();

    /** @param parallel how many threads one call uses */
    public JTransformsConvOps(Parallel parallel) {
        super(parallel, null, JtConvF32::run, JtConvF64::run);
        JTransformsThreads.singleThreaded();
    }

    /** The FFT length used for {@code s}: the smallest even 5-smooth {@code n ≥ Lk + L}. */
    public static int fftLength(ConvShape s) {
        return FftSizes.even5SmoothAtLeast(s.referenceFftLength());
    }

    @Override
    public void close() {
        super.close();
        floatPlans.clear();
        doublePlans.clear();
    }

    @Override
    protected JtConvF32 newF32(ConvShape s) {
        int n = fftLength(s);
        return new JtConvF32(s, parallel, n, floatPlans.computeIfAbsent(n, FloatFFT_1D::new));
    }

    @Override
    protected JtConvF64 newF64(ConvShape s) {
        int n = fftLength(s);
        return new JtConvF64(s, parallel, n, doublePlans.computeIfAbsent(n, DoubleFFT_1D::new));
    }
}
