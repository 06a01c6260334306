package ssm4j.conv.simd;

import java.util.concurrent.ConcurrentHashMap;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.conv.CachedConvOps;
import ssm4j.conv.FftSizes;
import ssm4j.fft.simd.Pow2RealFftF32;
import ssm4j.fft.simd.Pow2RealFftF64;

/**
 * The vector tier's FFT convolution (SPEC 6): our own Vector API real FFT (module fft: {@link Pow2RealFftF32}, {@link Pow2RealFftF64}),
 * fused per row — pack, forward FFT, multiply by the kernel's spectrum (computed once per call per (c, h) and
 * reused across the batch), inverse FFT, truncate, add D·x — while the row is in L1/L2; rows split over threads
 * with {@link Parallel}. FFT length: the smallest power of two {@code n ≥ Lk + L} (and ≥ two vectors of
 * complex half); any {@code n ≥ Lk + L} reproduces the reference (pitfall 9). Spectra stay in bit-reversed
 * order end to end, so no pass permutes data.
 *
 * <p>Plans (twiddles) are cached per length and shared by all threads; spectra and row scratch live in a
 * workspace cached per shape, so calls after the first with a shape allocate nothing but {@link Parallel}'s
 * task handles (none with one thread). Thread-safe: concurrent calls get separate workspaces.
 */
public final class VectorConvOps extends CachedConvOps<VecConvF32, VecConvF64> {
    private final ConcurrentHashMap<Integer, Pow2RealFftF32> plans32 = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Pow2RealFftF64> plans64 = new ConcurrentHashMap<>();

    /**
     * @param parallel how many threads one call uses
     * @param lower    the scalar part (both precisions are overridden here; kept as the chain's fallback)
     */
    public VectorConvOps(Parallel parallel, ConvOps lower) {
        super(parallel, lower, VecConvF32::run, VecConvF64::run);
    }

    /** The fp32 FFT length for {@code s}: a power of two ≥ {@code max(Lk + L, 2·lanes)}. */
    public static int fftLength32(ConvShape s) {
        return FftSizes.powerOfTwoAtLeast(Math.max(s.referenceFftLength(), Pow2RealFftF32.minLength()));
    }

    /** The fp64 FFT length for {@code s}: a power of two ≥ {@code max(Lk + L, 2·lanes)}. */
    public static int fftLength64(ConvShape s) {
        return FftSizes.powerOfTwoAtLeast(Math.max(s.referenceFftLength(), Pow2RealFftF64.minLength()));
    }

    @Override
    public void close() {
        super.close();
        plans32.clear();
        plans64.clear();
    }

    @Override
    protected VecConvF32 newF32(ConvShape s) {
        return new VecConvF32(s, parallel, plans32.computeIfAbsent(fftLength32(s), Pow2RealFftF32::new));
    }

    @Override
    protected VecConvF64 newF64(ConvShape s) {
        return new VecConvF64(s, parallel, plans64.computeIfAbsent(fftLength64(s), Pow2RealFftF64::new));
    }
}
