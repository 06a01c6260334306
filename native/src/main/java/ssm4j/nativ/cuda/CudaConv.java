package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;

/**
 * The buffers and plans of one GPU convolution shape and precision, and the call (SPEC 6):
 * <ol>
 * <li>host: Java arrays → pinned staging buffers (rows split over the {@link Parallel} threads);
 *     bidirectional backward kernels are staged reversed, so that on the device row (c,h) of the circular kernel
 *     is k0 at [0, lk) and reversed k1 at [n − lk, n) (SPEC 6);</li>
 * <li>device, on one stream: 2-D copies into rows of pitch n (the padding was zeroed once), batched R2C of the
 *     kernels, kernel spectra ×1/n ({@code cublasCsscal}); then per batch element b (a chunk): H input rows in,
 *     batched R2C, one {@code cublasCdgmm} per output channel for the pointwise product (the spectra of one
 *     batch element form a column of H·(n/2+1) values, multiplied by the channel's kernel spectra as a
 *     diagonal), batched C2R, a 2-D copy of the first L samples of its Cn·H rows to pinned memory, an event;</li>
 * <li>host: pinned → Java output array plus D[c,h]·x (the skip term of (6.1), added after the transform as on
 *     the CPU tiers), chunk by chunk as each event completes, so the CPU copies of chunk b±1
 *     overlap the GPU work and PCIe transfers of chunk b.</li>
 * </ol>
 * Not thread-safe: {@link CudaConvOps} serialises calls. {@link #close()} frees device and pinned memory and
 * destroys the plans.
 */
final class CudaConv implements AutoCloseable {
    final ConvShape shape;
    final boolean dbl;
    private final int n;
    private final int nc;
    private final long es;
    private final ValueLayout layout;
    private final CudaRuntime rt;
    private final CuFft fft;
    private final CuBlas blas;
    private final MemorySegment stream;
    private final MemorySegment handle;
    private final Parallel parallel;
    private final int rowsX;
    private final int rowsK;
    private final int rowsY;
    private final MemorySegment dX;
    private final MemorySegment dK;
    private final MemorySegment dXs;
    private final MemorySegment dKs;
    private final MemorySegment dPs;
    private final MemorySegment dY;
    private final MemorySegment hX;
    private final MemorySegment hK;
    private final MemorySegment hY;
    private final int planX;
    private final int planK;
    private final int planY;
    private final MemorySegment alpha; // host scalar 1/n for scal
    private final MemorySegment[] events;
    private final GpuResources res;
    private final Parallel.RangeBody stageIn = this::stageIn;
    private final Parallel.RangeBody stageKernel = this::stageKernel;
    private final Parallel.RangeBody stageOut = this::stageOut;

    private Object x;
    private Object k;
    private Object d;
    private Object y;
    private int chunk;

    CudaConv(CudaRuntime rt, CuFft fft, CuBlas blas, MemorySegment stream, MemorySegment handle, Parallel parallel,
             ConvShape s, boolean dbl, int n) {
        this.rt = rt;
        this.fft = fft;
        this.blas = blas;
        this.stream = stream;
        this.handle = handle;
        this.parallel = parallel;
        this.shape = s;
        this.dbl = dbl;
        this.n = n;
        this.nc = n / 2 + 1;
        this.es = dbl ? 8 : 4;
        this.res = new GpuResources(rt, fft, stream);
        this.layout = dbl ? ValueLayout.JAVA_DOUBLE : ValueLayout.JAVA_FLOAT;
        this.rowsX = s.batch() * s.h();
        this.rowsK = s.channels() * s.h();
        this.rowsY = s.batch() * s.channels() * s.h();
        alpha = res.hostComplex(dbl, 1.0 / n); // n is a power of two: 1/n is exact in float too
        try {
            dX = res.device(es * rowsX * n);
            dK = res.device(es * rowsK * n);
            dXs = res.device(2 * es * rowsX * nc);
            dKs = res.device(2 * es * rowsK * nc);
            dPs = res.device(2 * es * rowsY * nc);
            dY = res.device(es * rowsY * n);
            hX = res.pinned(es * rowsX * s.length());
            hK = res.pinned(es * s.kernelRows() * s.h() * s.kernelLength());
            hY = res.pinned(es * rowsY * s.length());
            planX = res.plan(n, dbl ? CuFft.D2Z : CuFft.R2C, s.h()); // one batch element per chunk
            planK = res.plan(n, dbl ? CuFft.D2Z : CuFft.R2C, rowsK);
            planY = res.plan(n, dbl ? CuFft.Z2D : CuFft.C2R, s.channels() * s.h());
            // Zero padding once: later calls of this shape write only [0, L) of input rows and [0, lk) (and
            // [n − lk, n)) of kernel rows, and out-of-place R2C leaves its input intact.
            rt.memsetAsync(dX, 0, es * rowsX * n, stream);
            rt.memsetAsync(dK, 0, es * rowsK * n, stream);
            rt.streamSynchronize(stream);
            events = new MemorySegment[s.batch()];
            for (int b = 0; b < events.length; b++) {
                events[b] = res.event();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** SPEC (6.1)/(6.2) for validated arguments: {@code x, k, d, y} are float[] (fp32) or double[] (fp64). */
    void convolve(Object x, Object k, Object d, Object y) {
        ConvShape s = shape;
        int len = s.length();
        int lk = s.kernelLength();
        int hh = s.h();
        int cn = s.channels();
        this.x = x;
        this.k = k;
        this.d = d;
        this.y = y;
        try {
            parallel.forRange(s.kernelRows() * hh, stageKernel);
            long kBytes = es * lk;
            rt.memcpy2DAsync(dK, es * n, hK, kBytes, kBytes, rowsK, CudaRuntime.HOST_TO_DEVICE, stream);
            if (s.bidirectional()) {
                // Reversed k1 rows land at [n − lk, n) of the same circular rows.
                rt.memcpy2DAsync(dK.asSlice(es * (n - lk)), es * n, hK.asSlice(kBytes * rowsK), kBytes, kBytes,
                        rowsK, CudaRuntime.HOST_TO_DEVICE, stream);
            }
            fft.execForward(dbl, planK, dK, dKs);
            blas.scal(dbl, handle, rowsK * nc, alpha, dKs, 1); // c2r is unnormalised: fold 1/n into the kernel
            int m = hh * nc; // one batch element's spectra: a column of H·nc complex values
            long cBytes = 2 * es;
            // One chunk per batch element: while the GPU runs chunk b, the CPU threads stage chunk b+1 and
            // unstage chunk b−1 (pinned memory is what lets the copies run asynchronously).
            for (int b = 0; b < s.batch(); b++) {
                chunk = b;
                parallel.forRange(hh, stageIn);
                rt.memcpy2DAsync(dX.asSlice(es * n * hh * b), es * n, hX.asSlice(es * len * hh * b), es * len,
                        es * len, hh, CudaRuntime.HOST_TO_DEVICE, stream);
                MemorySegment xs = dXs.asSlice(cBytes * m * b, cBytes * m);
                fft.execForward(dbl, planX, dX.asSlice(es * n * hh * b), xs);
                for (int c = 0; c < cn; c++) {
                    blas.dgmm(dbl, handle, CuBlas.SIDE_LEFT, m, 1, xs, m, dKs.asSlice(cBytes * c * m), 1,
                            dPs.asSlice(cBytes * ((long) b * cn + c) * m), m);
                }
                fft.execInverse(dbl, planY, dPs.asSlice(cBytes * (long) b * cn * m),
                        dY.asSlice(es * n * (long) b * cn * hh));
                rt.memcpy2DAsync(hY.asSlice(es * len * (long) b * cn * hh), es * len,
                        dY.asSlice(es * n * (long) b * cn * hh), es * n, es * len, (long) cn * hh,
                        CudaRuntime.DEVICE_TO_HOST, stream);
                rt.eventRecord(events[b], stream);
                if (b > 0) {
                    unstage(b - 1);
                }
            }
            unstage(s.batch() - 1);
        } finally {
            this.x = this.k = this.d = this.y = null;
        }
    }

    private void unstage(int b) {
        rt.eventSynchronize(events[b]);
        chunk = b;
        parallel.forRange(shape.channels() * shape.h(), stageOut);
    }

    /** Input rows of chunk {@link #chunk}: Java array → pinned. */
    private void stageIn(int lo, int hi) {
        int len = shape.length();
        int row0 = chunk * shape.h();
        MemorySegment.copy(x, (row0 + lo) * len, hX, layout, es * (row0 + lo) * len, (hi - lo) * len);
    }

    /** Kernel rows [lo, hi) of k (Cn', H, lk): forward rows as they are, backward rows reversed. */
    private void stageKernel(int lo, int hi) {
        int lk = shape.kernelLength();
        for (int kr = lo; kr < hi; kr++) {
            if (kr < rowsK) {
                MemorySegment.copy(k, kr * lk, hK, layout, es * kr * lk, lk);
            } else {
                // backward row: staged reversed so kc[n − m] = k1[m − 1] after the 2-D copy to [n − lk, n)
                long base = es * kr * lk;
                int src = kr * lk;
                for (int j = 0; j < lk; j++) {
                    if (dbl) {
                        hK.set(ValueLayout.JAVA_DOUBLE, base + es * j, ((double[]) k)[src + lk - 1 - j]);
                    } else {
                        hK.set(ValueLayout.JAVA_FLOAT, base + es * j, ((float[]) k)[src + lk - 1 - j]);
                    }
                }
            }
        }
    }

    /**
     * Output rows of chunk {@link #chunk}: pinned → Java array, then the skip term D[c, h]·x[b, h, :] of (6.1),
     * rounded once after the convolution as the CPU tiers do (folding D into tap 0 of the kernel would carry |D|
     * into the transforms' round-off).
     */
    private void stageOut(int lo, int hi) {
        int len = shape.length();
        int hh = shape.h();
        long row0 = (long) chunk * shape.channels() * hh;
        MemorySegment.copy(hY, layout, es * (row0 + lo) * len, y, (int) (row0 + lo) * len, (hi - lo) * len);
        if (d == null) {
            return;
        }
        for (int local = lo; local < hi; local++) { // local = c·H + h within batch element `chunk`
            int xo = (chunk * hh + local % hh) * len;
            int yo = (int) (row0 + local) * len;
            if (dbl) {
                double dv = ((double[]) d)[local];
                double[] xa = (double[]) x;
                double[] ya = (double[]) y;
                for (int t = 0; t < len; t++) {
                    ya[yo + t] += dv * xa[xo + t];
                }
            } else {
                float dv = ((float[]) d)[local];
                float[] xa = (float[]) x;
                float[] ya = (float[]) y;
                for (int t = 0; t < len; t++) {
                    ya[yo + t] += dv * xa[xo + t];
                }
            }
        }
    }

    @Override
    public void close() {
        res.close();
    }
}
