package ssm4j.fft.simd;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A real FFT of one length n (any n ≥ 1), Vector API, fp32 and fp64. Powers of two (with a complex half of at
 * least one vector) run the radix-2² split-array FFT of this package; other lengths run Bluestein's algorithm
 * on it, exact to rounding. Twiddles are computed once per plan in double precision; plans are immutable and
 * shared by all threads ({@link #of} caches them), while each thread brings its own {@link FftScratch}.
 *
 * <p>Layout (numpy's rfft): the spectrum of x (n reals) is bins {@code k = 0 … ⌊n/2⌋},
 * {@code X_k = Σ_j x_j·exp(−2πi·jk/n)}, interleaved {@code (re, im)}: {@code 2·(⌊n/2⌋ + 1)} values.
 * The convolution itself ((conv's {@code VectorConvOps})) does not go through this natural-order API: it keeps spectra
 * in bit-reversed order and saves the reordering passes.
 */
public final class FftPlan {
    private static final ConcurrentHashMap<Integer, FftPlan> CACHE = new ConcurrentHashMap<>();

    private final int n;
    private final Lazy<AnyRealFftF32> f32;
    private final Lazy<AnyRealFftF64> f64;

    private FftPlan(int n) {
        this.n = n;
        this.f32 = new Lazy<>(() -> new AnyRealFftF32(n));
        this.f64 = new Lazy<>(() -> new AnyRealFftF64(n));
    }

    /**
     * The plan for length n (cached; built on first use).
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > 2^27}
     */
    public static FftPlan of(int n) {
        if (n < 1 || n > (1 << 27)) {
            throw new IllegalArgumentException("n: must be in [1, 2^27], got " + n);
        }
        FftPlan p = CACHE.get(n);
        return p != null ? p : CACHE.computeIfAbsent(n, FftPlan::new);
    }

    /** The transform length n. */
    public int length() {
        return n;
    }

    /** Number of values of a spectrum: {@code 2·(⌊n/2⌋ + 1)} (interleaved complex). */
    public int spectrumLength() {
        return 2 * (n / 2 + 1);
    }

    /** Scratch for one thread at a time (lazily sized per precision on first use). */
    public FftScratch newScratch() {
        return new FftScratch(this);
    }

    AnyRealFftF32 engine32() {
        return f32.get();
    }

    AnyRealFftF64 engine64() {
        return f64.get();
    }

    /**
     * An engine built on first use, once: a plan serves both precisions, and most users need one of them (the
     * other's twiddles and Bluestein tables are never built). Double-checked: the volatile read is the fast path.
     */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }

    /**
     * Forward real FFT: reads {@code x[xOff, xOff+n)}, writes {@link #spectrumLength()} values at
     * {@code out[outOff]}. @throws IllegalArgumentException on a range that does not fit or a foreign scratch
     */
    public void realForward(float[] x, int xOff, float[] out, int outOff, FftScratch scratch) {
        checkForward(x, xOff, out, outOff);
        engine32().forward(x, xOff, out, outOff, scratch.f32(this));
    }

    /**
     * Inverse real FFT, normalised by 1/n: reads {@link #spectrumLength()} values at {@code in[inOff]}, writes
     * {@code x[xOff, xOff+n)}. The imaginary parts of bin 0 and (even n) bin n/2 are ignored.
     */
    public void realInverse(float[] in, int inOff, float[] x, int xOff, FftScratch scratch) {
        checkInverse(in, inOff, x, xOff);
        engine32().inverse(in, inOff, x, xOff, scratch.f32(this));
    }

    /** fp64 form of {@link #realForward(float[], int, float[], int, FftScratch)}. */
    public void realForward(double[] x, int xOff, double[] out, int outOff, FftScratch scratch) {
        checkForward(x, xOff, out, outOff);
        engine64().forward(x, xOff, out, outOff, scratch.f64(this));
    }

    /** fp64 form of {@link #realInverse(float[], int, float[], int, FftScratch)}. */
    public void realInverse(double[] in, int inOff, double[] x, int xOff, FftScratch scratch) {
        checkInverse(in, inOff, x, xOff);
        engine64().inverse(in, inOff, x, xOff, scratch.f64(this));
    }

    /** The arguments of a forward transform of either precision: signal x first, then spectrum out. */
    private void checkForward(Object x, int xOff, Object out, int outOff) {
        checkRange("x", length(x), xOff, n);
        checkRange("out", length(out), outOff, spectrumLength());
    }

    /** The arguments of an inverse transform of either precision: spectrum in first, then signal x. */
    private void checkInverse(Object in, int inOff, Object x, int xOff) {
        checkRange("in", length(in), inOff, spectrumLength());
        checkRange("x", length(x), xOff, n);
    }

    /** Length of a float[] or double[], −1 for null. */
    private static int length(Object array) {
        return array == null ? -1 : java.lang.reflect.Array.getLength(array);
    }

    private static void checkRange(String name, int length, int off, int count) {
        if (length < 0) {
            throw new IllegalArgumentException(name + ": must not be null");
        }
        if (off < 0 || (long) off + count > length) {
            throw new IllegalArgumentException(name + ": needs " + count + " values from offset " + off
                    + ", array has " + length);
        }
    }
}
