package ssm4j.conv.simd;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.Blocks;
import ssm4j.conv.CircularKernel;
import ssm4j.conv.FftSizes;

/**
 * fp32 fused per-row FFT convolution of one shape (SPEC 6.1, 6.2): the workspace of one call. Phase 1
 * transforms each of the Cn·H circular kernels (6.2 layout, {@link CircularKernel}) once per call into
 * {@code σ·X̃} with σ = 1/(4n) (so the inverse needs no scaling pass). Phase 2 walks the input rows h-major
 * (all batches of one channel h in a row, so its kernel spectra stay in cache) and, per row, while the
 * M-point complex half (2·M floats = 32 KiB at n = 8192) sits in L1/L2: pack, forward FFT, the fused
 * spectral step of {@link RfftF32#convolve}, inverse FFT, truncation to L and the D skip.
 *
 * <p>Holds {@code 2·Cn·H·M} floats of spectra and per thread block 2·M (4·M when Cn > 1) floats of rows plus
 * an n-float kernel buffer. Not thread-safe: the owning {@link VectorConvOps} gives each call its own.
 */
final class VecConvF32 {
    private final ConvShape s;
    private final Parallel parallel;
    private final RfftF32 rf;
    private final int n;
    private final int m;
    private final float[] specR;
    private final float[] specI;
    private final float[][] rowR;
    private final float[][] rowI;
    private final float[][] outR;
    private final float[][] outI;
    private final float[][] kernelBuf;
    private final Parallel.RangeBody spectraBody = this::spectra;
    private final Parallel.RangeBody rowsBody = this::rows;

    private float[] x;
    private float[] k;
    private float[] d;
    private float[] y;

    VecConvF32(ConvShape s, Parallel parallel, RfftF32 rf) {
        this.s = s;
        this.parallel = parallel;
        this.rf = rf;
        this.n = rf.n;
        this.m = rf.m;
        int size = FftSizes.arrayLength("shape", (long) s.channels() * s.h(), m);
        this.specR = new float[size];
        this.specI = new float[size];
        int blocks = parallel.threads();
        this.rowR = new float[blocks][m];
        this.rowI = new float[blocks][m];
        boolean separate = s.channels() > 1;
        this.outR = separate ? new float[blocks][m] : rowR;
        this.outI = separate ? new float[blocks][m] : rowI;
        this.kernelBuf = new float[blocks][n];
    }

    /** Computes y (B, Cn·H, L) from x (B,H,L), k (Cn',H,Lk) and d (Cn,H) or null. */
    void run(float[] x, float[] k, float[] d, float[] y) {
        this.x = x;
        this.k = k;
        this.d = d;
        this.y = y;
        try {
            parallel.forRange(s.channels() * s.h(), spectraBody);
            parallel.forRange(s.batch() * s.h(), rowsBody);
        } finally {
            this.x = null;
            this.k = null;
            this.d = null;
            this.y = null;
        }
    }

    private void spectra(int lo, int hi) {
        int block = Blocks.indexOf(s.channels() * s.h(), parallel.threads(), lo);
        float[] kb = kernelBuf[block];
        float[] zr = rowR[block];
        float[] zi = rowI[block];
        int hCount = s.h();
        int lk = s.kernelLength();
        float sigma = (float) (1.0 / (4.0 * n));
        for (int r = lo; r < hi; r++) {
            int c = r / hCount;
            int h = r % hCount;
            CircularKernel.fill(k, CircularKernel.forwardRow(c, h, hCount, lk),
                    CircularKernel.backwardRow(c, h, hCount, lk, s.channels(), s.bidirectional()), lk, kb, 0, n);
            rf.pack(kb, 0, n, zr, zi);
            rf.cfft.forward(zr, zi);
            rf.halfToFull(zr, zi, sigma, specR, specI, r * m);
        }
    }

    /** Items {@code i = h·B + b}: h-major so one channel's kernel spectra serve all its batch rows in turn. */
    private void rows(int lo, int hi) {
        int block = Blocks.indexOf(s.batch() * s.h(), parallel.threads(), lo);
        float[] zr = rowR[block];
        float[] zi = rowI[block];
        float[] or = outR[block];
        float[] oi = outI[block];
        int bCount = s.batch();
        int hCount = s.h();
        int len = s.length();
        int cn = s.channels();
        for (int item = lo; item < hi; item++) {
            int h = item / bCount;
            int b = item % bCount;
            int xo = (b * hCount + h) * len;
            rf.pack(x, xo, len, zr, zi);
            rf.cfft.forward(zr, zi);
            for (int c = 0; c < cn; c++) {
                rf.convolve(zr, zi, specR, specI, (c * hCount + h) * m, or, oi);
                rf.cfft.inverse(or, oi);
                float dv = d == null ? 0 : d[c * hCount + h];
                rf.unpack(or, oi, 1, dv, x, xo, y, ((b * cn + c) * hCount + h) * len, len);
            }
        }
    }
}
