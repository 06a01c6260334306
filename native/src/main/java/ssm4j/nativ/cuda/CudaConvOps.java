package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.Unavailable;

/**
 * The FFT convolution part of the {@code native-gpu} tier (SPEC 6): batched cuFFT R2C/C2R with the pointwise
 * product on cuBLAS, from Java heap arrays to Java heap arrays through pinned staging buffers owned by this part
 * (see {@link CudaConv} for the steps). Transform length: the smallest power of two ≥ lk + L (cuFFT's fastest
 * sizes; SPEC 6 allows any n ≥ lk + L).
 *
 * <p>Offered only when {@code libcudart}, {@code libcufft} and {@code libcublas} load and
 * {@code cudaGetDeviceCount} reports at least one device; otherwise the constructor throws {@link Unavailable}
 * with the reason. Owns one stream and one cuBLAS handle; device and pinned buffers are kept for the last shape
 * of each precision and reused by the next call of that shape.
 *
 * <p>Thread-safe: calls are serialised (one GPU stream); the {@link Parallel} threads copy between Java arrays
 * and pinned memory. {@link #close()} frees everything; idempotent; no call may be in flight.
 */
public final class CudaConvOps implements ConvOps {
    private final Parallel parallel;
    private final CudaRuntime rt;
    private final CuFft fft;
    private final CuBlas blas;
    private final MemorySegment stream;
    private final MemorySegment handle;
    private final int device = CudaDevice.device();
    private CudaConv last32;
    private CudaConv last64;
    private boolean closed;

    /**
     * @throws Unavailable if a CUDA library is missing or no device answers
     */
    public CudaConvOps(Parallel parallel) {
        this.parallel = parallel;
        this.rt = CudaDevice.require();
        this.fft = CuFft.load();
        this.blas = CuBlas.load();
        this.stream = rt.streamCreate();
        MemorySegment h;
        try {
            h = blas.create();
            blas.setStream(h, stream);
        } catch (RuntimeException e) {
            rt.streamDestroy(stream);
            throw new Unavailable("cuBLAS handle: " + e.getMessage(), e);
        }
        this.handle = h;
    }

    /** fp32 SPEC (6.1)/(6.2); arguments already validated by the facade. */
    @Override
    public synchronized void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        checkOpen();
        if (device != 0) {
            rt.setDevice(device); // the current device is per host thread; device 0 is every thread's default
        }
        if (last32 == null || !last32.shape.equals(s)) {
            CudaConv old = last32;
            last32 = null; // cleared first: if closing fails, no later call may reach its freed memory
            if (old != null) {
                old.close();
            }
            last32 = new CudaConv(rt, fft, blas, stream, handle, parallel, s, false, length(s));
        }
        last32.convolve(x, k, d, y);
    }

    /** fp64 SPEC (6.1)/(6.2); arguments already validated by the facade. */
    @Override
    public synchronized void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        checkOpen();
        if (device != 0) {
            rt.setDevice(device);
        }
        if (last64 == null || !last64.shape.equals(s)) {
            CudaConv old = last64;
            last64 = null; // cleared first: if closing fails, no later call may reach its freed memory
            if (old != null) {
                old.close();
            }
            last64 = new CudaConv(rt, fft, blas, stream, handle, parallel, s, true, length(s));
        }
        last64.convolve(x, k, d, y);
    }

    private static int length(ConvShape s) {
        return Integer.highestOneBit(s.kernelLength() + s.length() - 1) << 1;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("CudaConvOps is closed");
        }
    }

    /** The device libraries in use. */
    @Override
    public String toString() {
        return "CudaConvOps[" + rt.library().location() + ", " + fft.library().location() + ", "
                + blas.library().location() + "]";
    }

    /** Frees device and pinned memory, plans, the cuBLAS handle and the stream; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (last32 != null) {
            last32.close();
        }
        if (last64 != null) {
            last64.close();
        }
        blas.destroy(handle);
        rt.streamDestroy(stream);
    }
}
