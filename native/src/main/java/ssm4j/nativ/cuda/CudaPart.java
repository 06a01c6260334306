package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;

import ssm4j.api.Parallel;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.Unavailable;

/**
 * What the {@code native-gpu} parts share: the device probe, one stream and one cuBLAS handle bound to it, the
 * device selection before each call and an idempotent {@link #close()}. A subclass keeps its device contexts
 * (buffers, plans) for the last shape and frees them in {@link #closeContexts()}. Calls are serialised: a
 * subclass's GPU methods are {@code synchronized} and call {@link #enter()} first.
 *
 * @param <P> the family interface the part implements
 */
abstract class CudaPart<P> extends Part<P> implements AutoCloseable {
    /** The CUDA runtime (device 0, or {@code -Dssm4j.cuda.device}). */
    final CudaRuntime rt;
    /** cuBLAS. */
    final CuBlas blas;
    /** The part's one stream. */
    final MemorySegment stream;
    /** The part's cuBLAS handle, bound to {@link #stream}. */
    final MemorySegment handle;
    private final int device = CudaDevice.device();
    private boolean closed;

    /** @throws Unavailable if a CUDA library is missing, no device answers or no cuBLAS handle can be made */
    CudaPart(Parallel parallel, P lower) {
        super(parallel, lower);
        this.rt = CudaDevice.require();
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

    /** Called first by every GPU method, under the part's lock: refuses after close, selects the device. */
    final void enter() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        if (device != 0) {
            rt.setDevice(device); // the current device is per host thread; device 0 is every thread's default
        }
    }

    /** Frees the device and pinned memory of the contexts kept for the last shapes (once, under the lock). */
    abstract void closeContexts();

    /** Frees the contexts, the cuBLAS handle and the stream; idempotent. No call may be in flight. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeContexts();
        blas.destroy(handle);
        rt.streamDestroy(stream);
    }
}
