package ssm4j.nativ.fftw;

import java.lang.ref.Cleaner;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.Unavailable;

/**
 * The FFT convolution part of the {@code native} tier (SPEC 6) on FFTW: fused per row (r2c of one input row,
 * multiply by each channel's kernel spectrum, c2r, then D·x, while the row is in cache), rows split over the threads
 * of the {@link Parallel} given at construction, so results do not depend on the thread count (each row is
 * computed by the same code on the same plan). fp32 runs on {@code libfftw3f}, fp64 on {@code libfftw3}.
 *
 * <p>Transform length: the smallest even 2^a·3^b·5^c·7^d ≥ lk + L (SPEC 6 allows any n ≥ lk + L), e.g. 8192
 * for lk = L = 4096. Plans (FFTW_MEASURE, or {@code -Dssm4j.fftw.planner}) are made once per length under
 * the planner lock and kept in a bounded LRU cache ({@link FftwPlanCache}, {@code -Dssm4j.fftw.maxPlans}); per-call
 * buffers live off-heap in pooled contexts (one per concurrent call; repeated calls with one shape allocate
 * nothing).
 *
 * <p>Thread-safe: concurrent calls each take their own context. {@link #close()} frees every plan and buffer;
 * call it only when no call is in flight. The registry's shared backends never close their parts (a user's close
 * of a shared backend is a no-op); a part the registry drops from its cache is freed by a {@link Cleaner} once
 * nothing refers to it.
 */
public final class FftwConvOps extends Part<ConvOps> implements ConvOps {
    /** Contexts kept per precision for reuse; more concurrent callers get fresh ones that are freed after. */
    private static final int POOL = 4;
    private static final Cleaner CLEANER = Cleaner.create();

    /** Everything native this part owns, closable without a reference to the part (for the Cleaner). */
    private record Resources(ContextPool<FftwConvF32> pool32, ContextPool<FftwConvF64> pool64, FftwPlanCache single,
                             FftwPlanCache dbl) implements Runnable {
        @Override
        public void run() {
            pool32.close();
            pool64.close();
            single.close();
            dbl.close();
        }
    }

    /** Builds a context for transform length n and a kernel-row capacity (pool miss). */
    @FunctionalInterface
    private interface NewContext<C> {
        C make(int n, int rows);
    }

    /** One convolution on a context. */
    @FunctionalInterface
    private interface Convolve<C, A> {
        void run(C ctx, ConvShape s, A x, A k, A d, A y);
    }

    private final Fftw3f single;
    private final Fftw3 dbl;
    private final SpectrumProduct product = SpectrumProduct.best();
    private final Resources res;
    private final Cleaner.Cleanable cleanable;
    private final NewContext<FftwConvF32> new32;
    private final NewContext<FftwConvF64> new64;

    /**
     * Loads both FFTW libraries.
     *
     * @param parallel how calls split their rows over threads
     * @param lower    the next-lower tier's convolution part (both precisions are overridden here)
     * @throws Unavailable              if {@code libfftw3f} or {@code libfftw3} cannot be loaded, with the reason
     * @throws IllegalArgumentException if {@code -Dssm4j.fftw.planner} or {@code -Dssm4j.fftw.maxPlans} is invalid
     */
    public FftwConvOps(Parallel parallel, ConvOps lower) {
        super(parallel, lower);
        this.single = Fftw3f.load();
        this.dbl = Fftw3.load();
        this.res = new Resources(new ContextPool<>(POOL), new ContextPool<>(POOL), new FftwPlanCache(single, 4),
                new FftwPlanCache(dbl, 8));
        this.cleanable = CLEANER.register(this, res);
        this.new32 = (n, rows) -> new FftwConvF32(single, res.single, n, rows, parallel, product);
        this.new64 = (n, rows) -> new FftwConvF64(dbl, res.dbl, n, rows, parallel, product);
    }

    /** The libraries in use, e.g. {@code "fftw3f=libfftw3f.so.3, fftw3=libfftw3.so.3"}. */
    @Override
    public String toString() {
        return "FftwConvOps[" + single.library().location() + ", " + dbl.library().location() + ", threads="
                + parallel.threads() + ", product=" + product.getClass().getSimpleName() + "]";
    }

    /** SPEC (6.1)/(6.2) in fp32; arguments already validated by the facade. */
    @Override
    public void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        call(res.pool32, new32, FftwConvF32::convolve, s, x, k, d, y);
    }

    /** SPEC (6.1)/(6.2) in fp64; arguments already validated by the facade. */
    @Override
    public void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        call(res.pool64, new64, FftwConvF64::convolve, s, x, k, d, y);
    }

    /** Runs one call on a pooled context that fits it (a new one on a miss) and gives the context back. */
    private static <C extends ContextPool.Context, A> void call(ContextPool<C> pool, NewContext<C> make,
                                                                Convolve<C, A> conv, ConvShape s, A x, A k, A d,
                                                                A y) {
        int n = FftSize.fastEven(s.kernelLength() + s.length());
        int rows = s.channels() * s.h();
        C ctx = pool.take(n, rows);
        if (ctx == null) {
            ctx = make.make(n, rows);
        }
        try {
            conv.run(ctx, s, x, k, d, y);
        } finally {
            pool.give(ctx);
        }
    }

    /** Transform lengths with cached plans, both precisions together (for tests of the cache bound). */
    int cachedPlanLengths() {
        return res.single.size() + res.dbl.size();
    }

    /** Frees every pooled buffer and destroys every plan; idempotent. No call may be in flight. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
