package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The device memory, pinned host memory, cuFFT plans and events of one GPU context ({@link CudaConv},
 * {@link CudaVandermonde}), each registered with its release as it is made, and released together in reverse
 * order by {@link #close()}. A constructor that fails half-way closes what it already made, so a failed
 * allocation leaks nothing. Not thread-safe: its owner serialises calls.
 */
final class GpuResources implements AutoCloseable {
    private final CudaRuntime rt;
    private final CuFft fft;
    private final MemorySegment stream;
    private final Deque<Runnable> releases = new ArrayDeque<>();

    /**
     * @param fft    the cuFFT binding, or null for a context without plans
     * @param stream the stream plans are bound to
     */
    GpuResources(CudaRuntime rt, CuFft fft, MemorySegment stream) {
        this.rt = rt;
        this.fft = fft;
        this.stream = stream;
    }

    /** {@code bytes} of device memory ({@code cudaMalloc}). */
    MemorySegment device(long bytes) {
        MemorySegment m = rt.malloc(bytes);
        releases.push(() -> rt.free(m));
        return m;
    }

    /** {@code bytes} of page-locked host memory ({@code cudaHostAlloc}). */
    MemorySegment pinned(long bytes) {
        MemorySegment m = rt.hostAlloc(bytes);
        releases.push(() -> rt.freeHost(m));
        return m;
    }

    /** A batched 1-D cuFFT plan ({@link CuFft#planMany1d}) on this context's stream. */
    int plan(int n, int type, int batch) {
        int p = fft.planMany1d(n, type, batch);
        releases.push(() -> fft.destroy(p));
        fft.setStream(p, stream);
        return p;
    }

    /** A CUDA event ({@code cudaEventCreate}). */
    MemorySegment event() {
        MemorySegment e = rt.eventCreate();
        releases.push(() -> rt.eventDestroy(e));
        return e;
    }

    /** Releases everything, the most recent first; a second call does nothing. */
    @Override
    public void close() {
        while (!releases.isEmpty()) {
            releases.pop().run();
        }
    }
}
