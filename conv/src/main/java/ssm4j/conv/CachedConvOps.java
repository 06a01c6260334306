package ssm4j.conv;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.Part;

/**
 * The shared frame of the Java convolution parts (JTransforms, Vector API): every call runs on a workspace cached
 * per shape and precision ({@link WorkspaceCache}: kernel spectra and row scratch, so repeated calls with one shape
 * allocate nothing), taken for the call and put back after it, so concurrent calls never share scratch. A subclass
 * builds the workspaces ({@link #newF32}, {@link #newF64}) and names how one runs.
 *
 * @param <W32> the fp32 workspace
 * @param <W64> the fp64 workspace
 */
public abstract class CachedConvOps<W32, W64> extends Part<ConvOps> implements ConvOps {
    /** One convolution on a workspace built for its shape. */
    @FunctionalInterface
    protected interface Run<W, A> {
        /** Computes {@code y} from {@code x}, {@code k} and {@code d} (may be null) on {@code w}. */
        void run(W w, A x, A k, A d, A y);
    }

    private final WorkspaceCache<W32> f32 = new WorkspaceCache<>(this::newF32);
    private final WorkspaceCache<W64> f64 = new WorkspaceCache<>(this::newF64);
    private final Run<W32, float[]> run32;
    private final Run<W64, double[]> run64;

    /**
     * @param parallel how many threads one call uses
     * @param lower    the next-lower tier's part ({@code null} for the scalar tier)
     * @param run32    runs an fp32 workspace, e.g. {@code JtConvF32::run}
     * @param run64    runs an fp64 workspace
     */
    protected CachedConvOps(Parallel parallel, ConvOps lower, Run<W32, float[]> run32, Run<W64, double[]> run64) {
        super(parallel, lower);
        this.run32 = run32;
        this.run64 = run64;
    }

    /** A new fp32 workspace for {@code s} (plans may be shared between workspaces). */
    protected abstract W32 newF32(ConvShape s);

    /** A new fp64 workspace for {@code s}. */
    protected abstract W64 newF64(ConvShape s);

    @Override
    public final void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        call(f32, run32, s, x, k, d, y);
    }

    @Override
    public final void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        call(f64, run64, s, x, k, d, y);
    }

    private static <W, A> void call(WorkspaceCache<W> cache, Run<W, A> run, ConvShape s, A x, A k, A d, A y) {
        W w = cache.acquire(s);
        try {
            run.run(w, x, k, d, y);
        } finally {
            cache.release(s, w);
        }
    }

    /** Drops every cached workspace (a subclass also drops its plans). */
    @Override
    public void close() {
        f32.clear();
        f64.clear();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
