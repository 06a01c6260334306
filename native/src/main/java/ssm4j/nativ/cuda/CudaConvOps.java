package ssm4j.nativ.cuda;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.Unavailable;

/**
 * The FFT convolution part of the {@code native-gpu} tier (SPEC 6): batched cuFFT R2C/C2R with the pointwise
 * product on cuBLAS, from Java heap arrays to Java heap arrays through pinned staging buffers owned by this part
 * (see {@link CudaConv} for the steps). Transform length: the smallest power of two ≥ lk + L (cuFFT's fastest
 * sizes; SPEC 6 allows any n ≥ lk + L). It overrides both precisions; its lower part (FFTW, else the best Java
 * one) stays the chain's fallback.
 *
 * <p>Offered only when {@code libcudart}, {@code libcufft} and {@code libcublas} load and
 * {@code cudaGetDeviceCount} reports at least one device; otherwise the constructor throws {@link Unavailable}
 * with the reason. Owns one stream and one cuBLAS handle; device and pinned buffers are kept for the last shape
 * of each precision and reused by the next call of that shape.
 *
 * <p>Thread-safe: calls are serialised (one GPU stream); the {@link Parallel} threads copy between Java arrays
 * and pinned memory. {@link #close()} frees everything; idempotent; no call may be in flight.
 */
public final class CudaConvOps extends CudaPart<ConvOps> implements ConvOps {
    private final CuFft fft = CuFft.load();
    private final CudaConv[] last = new CudaConv[2]; // the context of each precision's last shape: fp32, fp64

    /**
     * @param parallel the threads that copy between Java arrays and pinned memory
     * @param lower    the next-lower tier's convolution part
     * @throws Unavailable if a CUDA library is missing or no device answers
     */
    public CudaConvOps(Parallel parallel, ConvOps lower) {
        super(parallel, lower);
    }

    /** fp32 SPEC (6.1)/(6.2); arguments already validated by the facade. */
    @Override
    public synchronized void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        context(s, false).convolve(x, k, d, y);
    }

    /** fp64 SPEC (6.1)/(6.2); arguments already validated by the facade. */
    @Override
    public synchronized void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        context(s, true).convolve(x, k, d, y);
    }

    /** The context for {@code s} in one precision: the last one when the shape repeats, else a new one. */
    private CudaConv context(ConvShape s, boolean dbl) {
        enter();
        int i = dbl ? 1 : 0;
        if (last[i] == null || !last[i].shape.equals(s)) {
            CudaConv old = last[i];
            last[i] = null; // cleared first: if closing fails, no later call may reach its freed memory
            if (old != null) {
                old.close();
            }
            last[i] = new CudaConv(rt, fft, blas, stream, handle, parallel, s, dbl, length(s));
        }
        return last[i];
    }

    private static int length(ConvShape s) {
        return Integer.highestOneBit(s.kernelLength() + s.length() - 1) << 1;
    }

    /** The device libraries in use. */
    @Override
    public String toString() {
        return "CudaConvOps[" + rt.library().location() + ", " + fft.library().location() + ", "
                + blas.library().location() + "]";
    }

    @Override
    void closeContexts() {
        for (CudaConv c : last) {
            if (c != null) {
                c.close();
            }
        }
    }
}
