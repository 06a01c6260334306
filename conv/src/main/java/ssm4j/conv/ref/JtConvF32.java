package ssm4j.conv.ref;

import java.util.Arrays;

import org.jtransforms.fft.FloatFFT_1D;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.conv.CircularKernel;
import ssm4j.conv.ConvCall;
import ssm4j.conv.FftSizes;

/**
 * fp32 FFT convolution of one shape through JTransforms (SPEC 6.1, 6.2): the workspace of one call. Holds the
 * kernel spectra (Cn·H rows of n packed floats, the inverse's scale folded in) and one pair of row buffers per
 * thread block. Phase 1 transforms each kernel row once per call; phase 2 walks the (b, h) input rows: forward
 * real FFT, then for each output channel c a packed complex product, inverse FFT, truncation to L and the D skip.
 *
 * <p>JTransforms' packed real layout for even n: {@code a[0] = Re X_0}, {@code a[1] = Re X_{n/2}},
 * {@code a[2j] = Re X_j}, {@code a[2j+1] = Im X_j} for {@code 0 < j < n/2}. Not thread-safe: one call at a time
 * (the owning {@link JTransformsConvOps} hands each call its own workspace).
 */
final class JtConvF32 extends ConvCall<float[]> {
    private final ConvShape s;
    private final Parallel parallel;
    private final int n;
    private final FloatFFT_1D plan;
    private final float[] spectra;
    private final float[][] rowIn;
    private final float[][] rowOut;
    private final Parallel.RangeBody spectraBody = this::spectra;
    private final Parallel.BlockBody rowsBody = this::rows;

    /** 1 / gain of JTransforms' unscaled inverse after its forward: n/2 for powers of two, n otherwise. */
    private final float inverseScale;

    JtConvF32(ConvShape s, Parallel parallel, int n, FloatFFT_1D plan) {
        this.s = s;
        this.parallel = parallel;
        this.n = n;
        this.plan = plan;
        this.spectra = new float[FftSizes.arrayLength("shape", (long) s.channels() * s.h(), n)];
        int blocks = parallel.threads();
        this.rowIn = new float[blocks][n];
        this.rowOut = new float[blocks][n];
        // Measured rather than assumed: JTransforms' unscaled realInverse returns n/2 times the input for
        // power-of-two n (Ooura's convention) and n times it for the mixed-radix and Bluestein sizes.
        float[] delta = new float[n];
        delta[0] = 1;
        plan.realForward(delta, 0);
        plan.realInverse(delta, 0, false);
        this.inverseScale = 1 / delta[0];
    }

    /** Phase 1 (kernel spectra over kernel rows), then phase 2 (input rows). */
    @Override
    protected void compute() {
        parallel.forRange(s.channels() * s.h(), spectraBody);
        parallel.forBlocks(s.batch() * s.h(), rowsBody);
    }

    /** Kernel rows r = c·H + h in [lo, hi): circular kernel (6.2), forward FFT, scaled for the unscaled inverse. */
    private void spectra(int lo, int hi) {
        int hCount = s.h();
        int lk = s.kernelLength();
        float scale = inverseScale;
        for (int r = lo; r < hi; r++) {
            int c = r / hCount;
            int h = r % hCount;
            int off = r * n;
            CircularKernel.fill(k, CircularKernel.forwardRow(c, h, hCount, lk),
                    CircularKernel.backwardRow(c, h, hCount, lk, s.channels(), s.bidirectional()), lk, spectra, off, n);
            plan.realForward(spectra, off);
            for (int j = off; j < off + n; j++) {
                spectra[j] *= scale;
            }
        }
    }

    /** Input rows (b, h) in [lo, hi). */
    private void rows(int block, int lo, int hi) {
        float[] u = rowIn[block];
        float[] t = rowOut[block];
        int hCount = s.h();
        int len = s.length();
        int cn = s.channels();
        for (int item = lo; item < hi; item++) {
            int b = item / hCount;
            int h = item % hCount;
            int xo = item * len;
            System.arraycopy(x, xo, u, 0, len);
            Arrays.fill(u, len, n, 0f);
            plan.realForward(u, 0);
            for (int c = 0; c < cn; c++) {
                int so = (c * hCount + h) * n;
                // DC and Nyquist are real in the packed layout; the other bins are complex products.
                t[0] = u[0] * spectra[so];
                t[1] = u[1] * spectra[so + 1];
                for (int j = 2; j < n; j += 2) {
                    float ur = u[j];
                    float ui = u[j + 1];
                    float sr = spectra[so + j];
                    float si = spectra[so + j + 1];
                    t[j] = ur * sr - ui * si;
                    t[j + 1] = ur * si + ui * sr;
                }
                plan.realInverse(t, 0, false);
                int yo = ((b * cn + c) * hCount + h) * len;
                float dv = d == null ? 0f : d[c * hCount + h];
                for (int j = 0; j < len; j++) {
                    y[yo + j] = t[j] + dv * x[xo + j];
                }
            }
        }
    }
}
