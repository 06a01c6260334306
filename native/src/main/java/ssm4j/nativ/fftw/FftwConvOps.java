package ssm4j.nativ.fftw;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.Unavailable;

/**
 * The FFT convolution part of the {@code native} tier (SPEC 6) on FFTW: fused per row (r2c of one input row,
 * multiply by each channel's kernel spectrum, c2r, while the row is in cache), rows split over the threads of
 * the {@link Parallel} given at construction, so results do not depend on the thread count (each row is
 * computed by the same code on the same plan). fp32 runs on {@code libfftw3f}, fp64 on {@code libfftw3}.
 *
 * <p>Transform length: the smallest even 2^a·3^b·5^c·7^d ≥ lk + L (SPEC 6 allows any n ≥ lk + L), e.g. 8192
 * for lk = L = 4096. Plans (FFTW_MEASURE, or {@code -Dssm4j.fftw.planner}) are made once per length under
 * the planner lock; per-call buffers live off-heap in pooled contexts (one per concurrent call; repeated calls
 * with one shape allocate nothing).
 *
 * <p>Thread-safe: concurrent calls each take their own context. {@link #close()} frees every plan and buffer;
 * call it only when no call is in flight (the registry's shared backends are never closed).
 */
public final class FftwConvOps implements ConvOps {
    /** Contexts kept per precision for reuse; more concurrent callers get fresh ones that are freed after. */
    private static final int POOL = 4;

    private final Parallel parallel;
    private final Fftw3f single;
    private final Fftw3 dbl;
    private final FftwPlanCache singlePlans;
    private final FftwPlanCache doublePlans;
    private final SpectrumProduct product = SpectrumProduct.best();
    private final FftwConv32[] pool32 = new FftwConv32[POOL];
    private final FftwConv64[] pool64 = new FftwConv64[POOL];
    private boolean closed;

    /**
     * Loads both FFTW libraries.
     *
     * @throws Unavailable if {@code libfftw3f} or {@code libfftw3} cannot be loaded, with the loader's reason
     */
    public FftwConvOps(Parallel parallel) {
        this.parallel = parallel;
        this.single = Fftw3f.load();
        this.dbl = Fftw3.load();
        this.singlePlans = new FftwPlanCache(single, 4);
        this.doublePlans = new FftwPlanCache(dbl, 8);
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
        int n = FftSize.fastEven(s.kernelLength() + s.length());
        FftwConv32 ctx = take32(n, s.channels() * s.h());
        try {
            ctx.convolve(s, x, k, d, y);
        } finally {
            give32(ctx);
        }
    }

    /** SPEC (6.1)/(6.2) in fp64; arguments already validated by the facade. */
    @Override
    public void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        int n = FftSize.fastEven(s.kernelLength() + s.length());
        FftwConv64 ctx = take64(n, s.channels() * s.h());
        try {
            ctx.convolve(s, x, k, d, y);
        } finally {
            give64(ctx);
        }
    }

    private FftwConv32 take32(int n, int kernelRows) {
        synchronized (pool32) {
            checkOpen();
            for (int i = 0; i < POOL; i++) {
                FftwConv32 c = pool32[i];
                if (c != null && c.fits(n, kernelRows)) {
                    pool32[i] = null;
                    return c;
                }
            }
        }
        return new FftwConv32(single, singlePlans.plans(n), kernelRows, parallel, product);
    }

    private void give32(FftwConv32 ctx) {
        FftwConv32 evicted = ctx;
        synchronized (pool32) {
            if (!closed) {
                // Put it in a free slot, else replace the slot of another shape (most recent shape wins).
                int slot = -1;
                for (int i = 0; i < POOL && slot < 0; i++) {
                    if (pool32[i] == null) {
                        slot = i;
                    }
                }
                if (slot < 0) {
                    slot = Math.floorMod(ctx.n, POOL);
                }
                evicted = pool32[slot];
                pool32[slot] = ctx;
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    private FftwConv64 take64(int n, int kernelRows) {
        synchronized (pool32) {
            checkOpen();
            for (int i = 0; i < POOL; i++) {
                FftwConv64 c = pool64[i];
                if (c != null && c.fits(n, kernelRows)) {
                    pool64[i] = null;
                    return c;
                }
            }
        }
        return new FftwConv64(dbl, doublePlans.plans(n), kernelRows, parallel, product);
    }

    private void give64(FftwConv64 ctx) {
        FftwConv64 evicted = ctx;
        synchronized (pool32) {
            if (!closed) {
                int slot = -1;
                for (int i = 0; i < POOL && slot < 0; i++) {
                    if (pool64[i] == null) {
                        slot = i;
                    }
                }
                if (slot < 0) {
                    slot = Math.floorMod(ctx.n, POOL);
                }
                evicted = pool64[slot];
                pool64[slot] = ctx;
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("FftwConvOps is closed");
        }
    }

    /** Frees every pooled buffer and destroys every plan; idempotent. No call may be in flight. */
    @Override
    public void close() {
        synchronized (pool32) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < POOL; i++) {
                if (pool32[i] != null) {
                    pool32[i].close();
                    pool32[i] = null;
                }
                if (pool64[i] != null) {
                    pool64[i].close();
                    pool64[i] = null;
                }
            }
        }
        singlePlans.close();
        doublePlans.close();
    }
}
