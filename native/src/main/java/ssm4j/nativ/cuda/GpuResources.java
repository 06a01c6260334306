package ssm4j.nativ.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The device memory, pinned host memory, cuFFT plans, events and host scalars of one GPU context
 * ({@link CudaConv}, {@link CudaVandermonde}), each registered with its release as it is made, and released
 * together in reverse order by {@link #close()}. A constructor that fails half-way closes what it already made, so a failed
 * allocation leaks nothing. Not thread-safe: its owner serialises calls.
 */
final class GpuResources implements AutoCloseable {
    private final CudaRuntime rt;
    private final CuFft fft;
    private final MemorySegment stream;
    private final Deque<Runnable> releases = new ArrayDeque<>();
    // shared, not confined: calls are serialised but come from any thread, and a shape change on another thread
    // closes this context there
    private final Arena arena = Arena.ofShared();

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

    /**
     * A host-memory complex scalar {@code (re, 0)} in the context's precision, for cuBLAS's host pointer mode
     * (alpha, beta); a real scalar is its first value.
     */
    MemorySegment hostComplex(boolean dbl, double re) {
        MemorySegment m = arena.allocate(dbl ? 16 : 8, 8);
        if (dbl) {
            m.set(ValueLayout.JAVA_DOUBLE, 0, re);
        } else {
            m.set(ValueLayout.JAVA_FLOAT, 0, (float) re);
        }
        return m;
    }

    /** Releases everything, the most recent first, then the host scalars; a second call does nothing. */
    @Override
    public void close() {
        while (!releases.isEmpty()) {
            releases.pop().run();
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
