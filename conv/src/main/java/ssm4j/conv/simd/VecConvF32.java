package ssm4j.conv.simd;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.CircularKernel;
import ssm4j.conv.ConvCall;
import ssm4j.conv.FftSizes;
import ssm4j.fft.simd.Pow2RealFftF32;

/**
 * fp32 fused per-row FFT convolution of one shape (SPEC 6.1, 6.2): the workspace of one call. The spectrum of
 * each circular kernel (6.2 layout, {@link CircularKernel}) is computed once per call as {@code σ·X̃} with
 * σ = 1/(4n) (so the inverse needs no scaling pass), and each input row is then processed while its M-point
 * complex half (2·M floats = 32 KiB at n = 8192) sits in L1/L2: pack, forward FFT, the fused spectral step of
 * {@link Pow2RealFftF32#convolve}, inverse FFT, truncation to L and the D skip.
 *
 * <p>Two schedules, same arithmetic (so results do not depend on the thread count): when there are at least as
 * many channels h as threads, work is split over h and each h computes its Cn kernel spectra right before its B
 * rows, so a spectrum is used while still in cache and only {@code threads·Cn} spectra are held; otherwise all
 * Cn·H spectra are computed first (split over threads), then the B·H rows, h-major.
 *
 * <p>Not thread-safe: the owning {@link VectorConvOps} gives each call its own workspace.
 */
final class VecConvF32 extends ConvCall<float[]> {
    private final ConvShape s;
    private final Parallel parallel;
    private final Pow2RealFftF32 rf;
    private final int n;
    private final int m;
    /** Split over h with per-block spectra (see class comment). */
    private final boolean perChannel;
    private final float[] specR;
    private final float[] specI;
    private final float[][] rowR;
    private final float[][] rowI;
    private final float[][] outR;
    private final float[][] outI;
    private final float[][] kernelBuf;
    private final Parallel.BlockBody spectraBody = this::spectra;
    private final Parallel.BlockBody rowsBody = this::rows;
    private final Parallel.BlockBody channelsBody = this::channels;

    VecConvF32(ConvShape s, Parallel parallel, Pow2RealFftF32 rf) {
        this.s = s;
        this.parallel = parallel;
        this.rf = rf;
        this.n = rf.n;
        this.m = rf.m;
        int blocks = parallel.threads();
        this.perChannel = s.h() >= blocks;
        long spectra = perChannel ? (long) blocks * s.channels() : (long) s.channels() * s.h();
        int size = FftSizes.arrayLength("shape", spectra, m);
        this.specR = new float[size];
        this.specI = new float[size];
        this.rowR = new float[blocks][m];
        this.rowI = new float[blocks][m];
        boolean separate = s.channels() > 1;
        this.outR = separate ? new float[blocks][m] : rowR;
        this.outI = separate ? new float[blocks][m] : rowI;
        this.kernelBuf = new float[blocks][n];
    }

    /** Per-channel blocks, or the shared spectra table and then the rows (see class comment). */
    @Override
    protected void compute() {
        if (perChannel) {
            parallel.forBlocks(s.h(), channelsBody);
        } else {
            parallel.forBlocks(s.channels() * s.h(), spectraBody);
            parallel.forBlocks(s.batch() * s.h(), rowsBody);
        }
    }

    /** Channels h in [lo, hi): their Cn spectra into this block's slots, then their B rows. */
    private void channels(int block, int lo, int hi) {
        int base = block * s.channels() * m;
        for (int h = lo; h < hi; h++) {
            for (int c = 0; c < s.channels(); c++) {
                spectrum(c, h, block, base + c * m);
            }
            for (int b = 0; b < s.batch(); b++) {
                row(b, h, block, base, m);
            }
        }
    }

    /** Kernel rows r = c·H + h in [lo, hi) into the shared spectra table. */
    private void spectra(int block, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            spectrum(r / s.h(), r % s.h(), block, r * m);
        }
    }

    /** Items {@code i = h·B + b}: h-major so one channel's kernel spectra serve all its batch rows in turn. */
    private void rows(int block, int lo, int hi) {
        for (int item = lo; item < hi; item++) {
            int h = item / s.batch();
            row(item % s.batch(), h, block, h * m, s.h() * m);
        }
    }

    /** Spectrum σ·X̃ of the circular kernel (c, h) into {@code spec[off, off+M)}, with block's scratch. */
    private void spectrum(int c, int h, int block, int off) {
        float[] kb = kernelBuf[block];
        float[] zr = rowR[block];
        float[] zi = rowI[block];
        int lk = s.kernelLength();
        CircularKernel.fill(k, CircularKernel.forwardRow(c, h, s.h(), lk),
                CircularKernel.backwardRow(c, h, s.h(), lk, s.channels(), s.bidirectional()), lk, kb, 0, n);
        rf.pack(kb, 0, n, zr, zi);
        rf.cfft.forward(zr, zi);
        rf.halfToFull(zr, zi, (float) (1.0 / (4.0 * n)), specR, specI, off);
    }

    /** Row (b, h) for every output channel c; channel c's spectrum is at {@code spec0 + c·cStride}. */
    private void row(int b, int h, int block, int spec0, int cStride) {
        float[] zr = rowR[block];
        float[] zi = rowI[block];
        float[] or = outR[block];
        float[] oi = outI[block];
        int hCount = s.h();
        int len = s.length();
        int cn = s.channels();
        int xo = (b * hCount + h) * len;
        rf.pack(x, xo, len, zr, zi);
        rf.cfft.forward(zr, zi);
        for (int c = 0; c < cn; c++) {
            rf.convolve(zr, zi, specR, specI, spec0 + c * cStride, or, oi);
            rf.cfft.inverse(or, oi);
            float dv = d == null ? 0 : d[c * hCount + h];
            rf.unpack(or, oi, 1, dv, x, xo, y, ((b * cn + c) * hCount + h) * len, len);
        }
    }
}
