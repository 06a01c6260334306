package ssm4j.nativ.fftw;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;

/**
 * One fp32 FFTW convolution context: the off-heap buffers of one call shape and the fused per-row loop of
 * SPEC 6. A context serves one call at a time ({@link FftwConvOps} pools them); inside the call its rows run on
 * the {@link Parallel} threads, each on its own slot of buffers.
 *
 * <p>Buffers (all from this context's shared arena, each 64-byte aligned, so every new-array execute sees the
 * alignment the plans were made with): per slot a zero-padded input row {@code in} (n reals: only [0, L) is
 * written, so the padding stays zero; a call with a shorter L than the last re-zeroes the difference), an output row {@code out} (n reals), the input spectrum {@code xs} and a
 * product {@code ps} (n/2+1 complex each; c2r destroys {@code ps}, never {@code xs}, so one input spectrum serves
 * every output channel); shared: the kernel spectra, one row of n/2+1 complex per (c, h), scaled by 1/n
 * (FFTW's c2r is unnormalised). Nothing is allocated per call: the range bodies are built once here.
 */
final class FftwConvF32 implements ContextPool.Context {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    final int n;
    final int kernelRowCapacity;
    private final int nc;
    private final long spectrumStride; // floats between kernel spectra rows, a multiple of 16: rows on 64-byte lines
    private final Arena arena = Arena.ofShared();
    private final MemorySegment spectra;
    private final MemorySegment[] spectraRows; // slices made once: no segment object per execute
    private final MemorySegment[] in;
    private final MemorySegment[] out;
    private final MemorySegment[] xs;
    private final MemorySegment[] ps;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private int dirtyLength; // input samples [0, dirtyLength) of the `in` rows may be non-zero
    private final Parallel parallel;
    private final FftwApi api;
    private final SpectrumProduct product;
    private final FftwPlanCache cache;
    private final FftwPlanCache.Plans plans;
    private final Parallel.RangeBody spectraBody = this::kernelSpectra;
    private final Parallel.RangeBody rowsBody = this::rows;

    // The call in flight (set by convolve, read by the range bodies; Parallel's submit/get order the accesses).
    private ConvShape s;
    private float[] x;
    private float[] k;
    private float[] d;
    private float[] y;

    FftwConvF32(FftwApi api, FftwPlanCache cache, int n, int kernelRowCapacity, Parallel parallel,
               SpectrumProduct product) {
        this.api = api;
        this.product = product;
        this.cache = cache;
        this.plans = cache.acquire(n);
        this.n = n;
        this.nc = n / 2 + 1;
        this.kernelRowCapacity = kernelRowCapacity;
        this.parallel = parallel;
        this.spectrumStride = roundUp16(2L * nc);
        int slots = parallel.threads();
        spectra = arena.allocate(F.byteSize() * spectrumStride * kernelRowCapacity, 64);
        spectraRows = new MemorySegment[kernelRowCapacity];
        for (int r = 0; r < kernelRowCapacity; r++) {
            spectraRows[r] = spectra.asSlice(F.byteSize() * spectrumStride * r, F.byteSize() * spectrumStride);
        }
        in = new MemorySegment[slots];
        out = new MemorySegment[slots];
        xs = new MemorySegment[slots];
        ps = new MemorySegment[slots];
        for (int i = 0; i < slots; i++) {
            in[i] = arena.allocate(F.byteSize() * roundUp16(n), 64); // zero-filled: the padding [L, n)
            out[i] = arena.allocate(F.byteSize() * roundUp16(n), 64);
            xs[i] = arena.allocate(F.byteSize() * spectrumStride, 64);
            ps[i] = arena.allocate(F.byteSize() * spectrumStride, 64);
        }
    }

    @Override
    public int length() {
        return n;
    }

    /** Whether this context can run a call with transform length {@code n} and {@code kernelRows} spectra. */
    @Override
    public boolean fits(int n, int kernelRows) {
        return this.n == n && kernelRows <= kernelRowCapacity;
    }

    /** SPEC (6.1)/(6.2) for validated arguments; y (B, Cn·H, L) is written. */
    void convolve(ConvShape shape, float[] x, float[] k, float[] d, float[] y) {
        this.s = shape;
        this.x = x;
        this.k = k;
        this.d = d;
        this.y = y;
        if (shape.length() < dirtyLength) {
            // A longer input of an earlier call (same n) left samples beyond this L: restore the zero padding.
            for (MemorySegment row : in) {
                long b = F.byteSize();
                row.asSlice(b * shape.length(), b * (dirtyLength - shape.length())).fill((byte) 0);
            }
        }
        dirtyLength = shape.length();
        try {
            nextSlot.set(0);
            parallel.forRange(shape.channels() * shape.h(), spectraBody);
            nextSlot.set(0);
            parallel.forRange(shape.batch() * shape.h(), rowsBody);
        } finally {
            this.x = this.k = this.d = this.y = null;
            this.s = null;
        }
    }

    /**
     * Kernel spectra for (c, h) rows {@code [lo, hi)}: the circular kernel of length n (SPEC 6): {@code kc[j] =
     * k0[j]} for j < lk and, bidirectional, {@code kc[n − m] = k1[m − 1]} for m = 1..lk (no overlap since
     * n ≥ lk + L ≥ 2·lk), scaled by 1/n, then r2c straight into its spectra row. D is not folded into tap 0:
     * that would carry |D| into the transform's round-off; the rows add D·x after the inverse transform.
     */
    private void kernelSpectra(int lo, int hi) {
        int slot = nextSlot.getAndIncrement();
        MemorySegment buf = out[slot];
        int h = s.h();
        int lk = s.kernelLength();
        int cn = s.channels();
        float scale = 1.0f / n;
        for (int row = lo; row < hi; row++) {
            buf.fill((byte) 0);
            int k0 = row * lk; // row = c·H + h: forward kernel k[c, h, :]
            for (int j = 0; j < lk; j++) {
                buf.setAtIndex(F, j, k[k0 + j] * scale);
            }
            if (s.bidirectional()) {
                int k1 = (cn * h + row) * lk; // backward kernel k[Cn + c, h, :]
                for (int m = 1; m <= lk; m++) {
                    buf.setAtIndex(F, n - m, k[k1 + m - 1] * scale);
                }
            }
            api.executeR2c(plans.r2c(), buf, spectraRows[row]);
        }
    }

    /**
     * Output rows for (b, h) items {@code [lo, hi)}: one r2c of x[b, h, :], then for each channel c the product
     * with spectrum (c, h), one c2r, the first L samples and D[c, h]·x of (6.1), while the row is in cache.
     */
    private void rows(int lo, int hi) {
        int slot = nextSlot.getAndIncrement();
        MemorySegment inRow = in[slot];
        MemorySegment outRow = out[slot];
        MemorySegment xSpec = xs[slot];
        MemorySegment prod = ps[slot];
        int h = s.h();
        int len = s.length();
        int cn = s.channels();
        for (int item = lo; item < hi; item++) {
            int b = item / h;
            int hh = item - b * h;
            int xOff = item * len;
            MemorySegment.copy(x, xOff, inRow, F, 0, len);
            api.executeR2c(plans.r2c(), inRow, xSpec);
            for (int c = 0; c < cn; c++) {
                //@F64 product.multiply64(xSpec, spectra, spectrumStride * (c * h + hh), prod, nc);
                product.multiply(xSpec, spectra, spectrumStride * (c * h + hh), prod, nc);
                api.executeC2r(plans.c2r(), prod, outRow);
                int yOff = ((b * cn + c) * h + hh) * len;
                MemorySegment.copy(outRow, F, 0, y, yOff, len);
                if (d != null) {
                    // (6.1) skip term, rounded once after the convolution as the scalar and vector tiers do
                    float dv = d[c * h + hh];
                    for (int t = 0; t < len; t++) {
                        y[yOff + t] += dv * x[xOff + t];
                    }
                }
            }
        }
    }

    private static long roundUp16(long v) {
        return (v + 15) & ~15L;
    }

    /** Frees every buffer of this context and gives its plans back to the {@link FftwPlanCache}. */
    @Override
    public void close() {
        arena.close();
        cache.release(plans);
    }
}
