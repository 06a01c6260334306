package ssm4j.kernels.s4d;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.kernels.DiscreteSystem;
import ssm4j.kernels.Precision;

/**
 * The S4D convolution kernel of a diagonal SSM (SPEC 4.2–4.5), generated on a backend's Vandermonde primitive.
 *
 * <p><b>Parameters</b> (complex arrays interleaved (re, im), row-major): {@code dt} (H) real steps; {@code A}
 * (H,N') the diagonal, {@code Re A < 0}; {@code B} (H,N'); {@code C} (Cn,H,N'). N' is one member of each
 * conjugate pair (or the d_state real entries of a real system). With {@code Ā}, {@code B̄} from the
 * discretisation (1.2c), the kernel is <b>(4.2)</b> {@code K[c,h,l] = 2·Re Σ_n C[c,h,n]·B̄[h,n]·Ā[h,n]^l}, shape
 * (Cn,H,L); the factor 2 applies to real systems too (SPEC 9.2).
 *
 * <p><b>Cost.</b> Construction derives the tables {@code v = C·B̄} and {@code x = log Ā} of (4.1a) once, in fp64
 * (and rounded copies for fp32), so {@link #kernel} is one Vandermonde call of Cn·H rows and allocates nothing.
 *
 * <p><b>Thread safety.</b> Immutable after construction; every method may be called from several threads.
 * {@link #stateKernel} and {@link #nextState} allocate small (Cn·H·N') tables per call.
 */
public final class S4dKernel extends DiscreteSystem {
    // inherited: dA (H,N') complex Ā; dB (H,N') complex B̄ = B·β
    private final S4dDiscretization disc;
    private final int n;
    private final double[] c;       // (Cn,H,N') complex C
    private final double[] v64;     // (Cn·H,N') complex C·B̄: the Vandermonde numerators of (4.2)
    private final double[] x64;     // (Cn·H,N') complex log Ā, repeated for every output channel
    private final float[] v32;
    private final float[] x32;
    private final float[] dB32;     // (H,N') B̄ rounded, for the fp32 state forwarding

    private S4dKernel(S4dDiscretization disc, int h, int n, int channels, double[] dt, double[] a, double[] b,
                      double[] c) {
        super(h, channels, new double[2 * h * n], new double[2 * h * n]);
        this.disc = disc;
        this.n = n;
        int hn = h * n;
        this.c = c.clone();
        double[] beta = new double[2 * hn];
        double[] logDA = new double[2 * hn];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < n; j++) {
                int o = 2 * (i * n + j);
                DiagonalDiscretizer.discretize(disc, dt[i], a[o], a[o + 1], dA, beta, logDA, o);
                dB[o] = b[o] * beta[o] - b[o + 1] * beta[o + 1];
                dB[o + 1] = b[o] * beta[o + 1] + b[o + 1] * beta[o];
            }
        }
        this.v64 = new double[2 * channels * hn];
        this.x64 = new double[2 * channels * hn];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < 2 * hn; i += 2) {
                int o = 2 * ch * hn + i;
                v64[o] = c[o] * dB[i] - c[o + 1] * dB[i + 1];
                v64[o + 1] = c[o] * dB[i + 1] + c[o + 1] * dB[i];
                x64[o] = logDA[i];
                x64[o + 1] = logDA[i + 1];
            }
        }
        this.v32 = Precision.toFloats(v64);
        this.x32 = Precision.toFloats(x64);
        this.dB32 = Precision.toFloats(dB);
    }

    /**
     * A complex S4D kernel (SPEC 4.2).
     *
     * @param disc     ZOH or bilinear
     * @param h        channels H ≥ 1
     * @param n        stored state size N' ≥ 1 (d_state/2)
     * @param channels output channels Cn ≥ 1
     * @param dt       (H) steps, finite and &gt; 0
     * @param a        complex (H,N') diagonal, finite with {@code Re A < 0} (stable)
     * @param b        complex (H,N'), finite
     * @param c        complex (Cn,H,N'), finite
     * @throws IllegalArgumentException naming the argument on a bad size, a short array, NaN/infinite values,
     *                                  {@code dt ≤ 0} or an unstable {@code A}
     */
    public static S4dKernel of(S4dDiscretization disc, int h, int n, int channels, double[] dt, double[] a,
                               double[] b, double[] c) {
        long hn = parameters(disc, h, n, channels, dt, 2, a, b, c);
        arrays(hn, channels, "a", a, "b", b, c);
        stable(a, hn);
        return new S4dKernel(disc, h, n, channels, dt, a, b, java.util.Arrays.copyOf(c, (int) (2 * channels * hn)));
    }

    /** fp32 parameters, widened exactly to fp64; otherwise as {@link #of(S4dDiscretization, int, int, int, double[], double[], double[], double[])}. */
    public static S4dKernel of(S4dDiscretization disc, int h, int n, int channels, float[] dt, float[] a,
                               float[] b, float[] c) {
        return of(disc, h, n, channels, Precision.widen("dt", dt), Precision.widen("a", a),
                Precision.widen("b", b), Precision.widen("c", c));
    }

    /**
     * A real S4D kernel ({@code is_real}): A, B (H,N) and C (Cn,H,N) are real arrays with {@code A < 0}; the
     * factor 2 of (4.2) still applies. Other arguments and exceptions as for the complex factory.
     */
    public static S4dKernel ofReal(S4dDiscretization disc, int h, int n, int channels, double[] dt, double[] a,
                                   double[] b, double[] c) {
        long hn = parameters(disc, h, n, channels, dt, 1, a, b, c);
        return of(disc, h, n, channels, dt, realToComplex(a, hn), realToComplex(b, hn),
                realToComplex(c, channels * hn));
    }

    /**
     * The minimal standalone S4D kernel (SPEC 4.3): ZOH, {@code dt = exp(logDt)}, <b>{@code A = −exp(logAReal) +
     * i·aImag}</b> (plus sign), B ≡ 1, one output channel, so {@code K[h,l] = 2·Re Σ_n C·(e^{dtA} − 1)/A·e^{dtA·l}}.
     *
     * @param logDt     (H) log steps, finite
     * @param logAReal  (H,N') real, finite (so {@code Re A = −exp(·) < 0})
     * @param aImag     (H,N') real, finite
     * @param c         complex (H,N')
     * @throws IllegalArgumentException naming the argument on bad sizes or non-finite values
     */
    public static S4dKernel standalone(int h, int n, double[] logDt, double[] logAReal, double[] aImag, double[] c) {
        counts(h, n, 1);   // one output channel
        long hn = (long) h * n;
        Check.range("logDt", logDt, 0, h);
        Check.range("logAReal", logAReal, 0, hn);
        Check.range("aImag", aImag, 0, hn);
        Check.allFinite("logDt", logDt, 0, h);
        Check.allFinite("logAReal", logAReal, 0, hn);
        Check.allFinite("aImag", aImag, 0, hn);
        double[] dt = new double[h];
        for (int i = 0; i < h; i++) {
            dt[i] = Math.exp(logDt[i]);
        }
        double[] a = new double[(int) (2 * hn)];
        double[] b = new double[(int) (2 * hn)];
        for (int i = 0; i < hn; i++) {
            a[2 * i] = -Math.exp(logAReal[i]);
            a[2 * i + 1] = aImag[i];   // (4.3): +i, the opposite sign of the library kernel (SPEC 9.1)
            b[2 * i] = 1;
        }
        return of(S4dDiscretization.ZOH, h, n, 1, dt, a, b, c);
    }

    /** Stored state size N'. */
    public int n() {
        return n;
    }

    /** The discretisation. */
    public S4dDiscretization discretization() {
        return disc;
    }

    /** A copy of C, complex (Cn,H,N'). */
    public double[] c() {
        return c.clone();
    }

    /**
     * Writes the kernel (4.2), real (Cn,H,L), into {@code out} from {@code outOff}. fp32 path: the fp64 tables
     * rounded once, the Vandermonde sum in fp32.
     *
     * @throws IllegalArgumentException if {@code l < 1} or {@code out} is too short
     */
    public void kernel(SsmKernel backend, int l, float[] out, int outOff) {
        Check.notNull("backend", backend);
        Check.positive("l", l);
        Check.range("out", out, outOff, (long) channels * h * l);
        backend.vandermonde(channels * h, n, l, v32, 0, x32, 0, out, outOff);
    }

    /** fp64 overload of {@link #kernel(SsmKernel, int, float[], int)}. */
    public void kernel(SsmKernel backend, int l, double[] out, int outOff) {
        Check.notNull("backend", backend);
        Check.positive("l", l);
        Check.range("out", out, outOff, (long) channels * h * l);
        backend.vandermonde(channels * h, n, l, v64, 0, x64, 0, out, outOff);
    }

    /**
     * Initial-state contribution (4.5a): {@code out[b,c,h,l] = 2·Re Σ_n C[c,h,n]·Ā^{l+1}·state[b,h,n]}, the term
     * {@code C Ā^{l+1} s} of (1.4a) for {@code state} = x_{−1}.
     *
     * @param batch B ≥ 1
     * @param state complex (B,H,N'), finite
     * @param out   real (B,Cn,H,L), written
     */
    public void stateKernel(SsmKernel backend, int batch, double[] state, int l, double[] out) {
        stateArgs(backend, batch, l);
        Check.complexRange("state", state, 0, (long) batch * h * n);
        Check.allFinite("state", state, 0, 2L * batch * h * n);
        Check.range("out", out, 0, (long) batch * channels * h * l);
        double[] v = new double[v64.length];
        for (int b = 0; b < batch; b++) {
            stateNumerators(state, b, v);
            backend.vandermonde(channels * h, n, l, v, 0, x64, 0, out, b * channels * h * l);
        }
    }

    /** fp32 overload of {@link #stateKernel(SsmKernel, int, double[], int, double[])}. */
    public void stateKernel(SsmKernel backend, int batch, float[] state, int l, float[] out) {
        stateArgs(backend, batch, l);
        Check.complexRange("state", state, 0, (long) batch * h * n);
        Check.allFinite("state", state, 0, 2L * batch * h * n);
        Check.range("out", out, 0, (long) batch * channels * h * l);
        double[] s = Precision.widen("state", state);
        double[] v = new double[v64.length];
        float[] v32b = new float[v64.length];
        for (int b = 0; b < batch; b++) {
            stateNumerators(s, b, v);
            Precision.narrow(v, v32b, 0);
            backend.vandermonde(channels * h, n, l, v32b, 0, x32, 0, out, b * channels * h * l);
        }
    }

    /** v[c,h,n] = C[c,h,n]·Ā[h,n]·state[b,h,n]: the reference's B' of (4.5a) times C, in fp64. */
    private void stateNumerators(double[] state, int b, double[] v) {
        int hn2 = 2 * h * n;
        for (int i = 0; i < hn2; i += 2) {
            int so = b * hn2 + i;
            double ar = dA[i] * state[so] - dA[i + 1] * state[so + 1];
            double ai = dA[i] * state[so + 1] + dA[i + 1] * state[so];
            for (int ch = 0; ch < channels; ch++) {
                int o = ch * hn2 + i;
                v[o] = c[o] * ar - c[o + 1] * ai;
                v[o + 1] = c[o] * ai + c[o + 1] * ar;
            }
        }
    }

    /**
     * State forwarding (4.5b): {@code out[b,h,n] = Ā^L·state[b,h,n] + Σ_{j<L} u[b,h,L−1−j]·B̄·Ā^j}, the state
     * x_{L−1} after the sequence (1.4c); computed as {@code Ā^L·state + kT(reverse(u), B̄, log Ā)} with the
     * backend's transposed Vandermonde (4.1b).
     *
     * @param state complex (B,H,N') = x_{−1}, finite, or null for a zero initial state
     * @param u     real (B,H,L), finite
     * @param out   complex (B,H,N'), written (may not alias {@code state})
     */
    public void nextState(SsmKernel backend, int batch, double[] state, double[] u, int l, double[] out) {
        stateArgs(backend, batch, l);
        nextArgs(batch, state, u, l, out);
        double[] rev = new double[h * l];
        for (int b = 0; b < batch; b++) {
            reverse(u, b, l, rev);
            backend.vandermondeTranspose(h, n, l, rev, 0, dB, 0, x64, 0, out, 2 * b * h * n);
            addPoweredState(state, b, l, out, null);
        }
    }

    /** fp32 overload of {@link #nextState(SsmKernel, int, double[], double[], int, double[])}. */
    public void nextState(SsmKernel backend, int batch, float[] state, float[] u, int l, float[] out) {
        stateArgs(backend, batch, l);
        nextArgs(batch, state, u, l, out);
        float[] rev = new float[h * l];
        double[] s64 = state == null ? null : Precision.widen("state", state);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int base = (b * h + i) * l;
                for (int t = 0; t < l; t++) {
                    rev[i * l + t] = u[base + l - 1 - t];
                }
            }
            backend.vandermondeTranspose(h, n, l, rev, 0, dB32, 0, x32, 0, out, 2 * b * h * n);
            addPoweredState(s64, b, l, null, out);
        }
    }

    private void reverse(double[] u, int b, int l, double[] rev) {
        for (int i = 0; i < h; i++) {
            int base = (b * h + i) * l;
            for (int t = 0; t < l; t++) {
                rev[i * l + t] = u[base + l - 1 - t];
            }
        }
    }

    /** out[b] += Ā^L ∘ state[b], with Ā^L = exp(L·log Ā) in fp64. */
    private void addPoweredState(double[] state, int b, int l, double[] out64, float[] out32) {
        if (state == null) {
            return;
        }
        int hn2 = 2 * h * n;
        for (int i = 0; i < hn2; i += 2) {
            double mag = Math.exp(l * x64[i]);
            double pr = mag * Math.cos(l * x64[i + 1]);
            double pi = mag * Math.sin(l * x64[i + 1]);
            int so = b * hn2 + i;
            double sr = pr * state[so] - pi * state[so + 1];
            double si = pr * state[so + 1] + pi * state[so];
            if (out64 != null) {
                out64[so] += sr;
                out64[so + 1] += si;
            } else {
                out32[so] = (float) (out32[so] + sr);
                out32[so + 1] = (float) (out32[so + 1] + si);
            }
        }
    }

    private void stateArgs(SsmKernel backend, int batch, int l) {
        Check.notNull("backend", backend);
        Check.positive("batch", batch);
        Check.positive("l", l);
    }

    private void nextArgs(int batch, Object state, Object u, int l, Object out) {
        long hn = (long) h * n;
        if (state instanceof double[] s) {
            Check.complexRange("state", s, 0, batch * hn);
            Check.allFinite("state", s, 0, 2 * batch * hn);
        } else if (state instanceof float[] s) {
            Check.complexRange("state", s, 0, batch * hn);
            Check.allFinite("state", s, 0, 2 * batch * hn);
        }
        if (u instanceof double[] d) {
            Check.range("u", d, 0, (long) batch * h * l);
            Check.allFinite("u", d, 0, (long) batch * h * l);
        } else {
            Check.range("u", (float[]) Check.notNull("u", u), 0, (long) batch * h * l);
            Check.allFinite("u", (float[]) u, 0, (long) batch * h * l);
        }
        if (out instanceof double[] d) {
            Check.complexRange("out", d, 0, batch * hn);
        } else {
            Check.complexRange("out", (float[]) Check.notNull("out", out), 0, batch * hn);
        }
        if (state != null && state == out) {
            throw new IllegalArgumentException("out: must not be the same array as state");
        }
    }

    /**
     * The factories' checks before any value is used: disc, sizes, steps, and the ranges of a, b (H,N') and
     * c (Cn,H,N') at {@code width} doubles per element (2 complex, 1 real). Returns H·N'.
     */
    private static long parameters(S4dDiscretization disc, int h, int n, int channels, double[] dt, int width,
                                   double[] a, double[] b, double[] c) {
        Check.notNull("disc", disc);
        counts(h, n, channels);
        Check.range("dt", dt, 0, h);
        Check.allPositive("dt", dt, 0, h);
        long hn = (long) h * n;
        Check.range("a", a, 0, width * hn);
        Check.range("b", b, 0, width * hn);
        Check.range("c", c, 0, width * channels * hn);
        return hn;
    }

    /** h, n and channels ≥ 1. */
    static void counts(int h, int n, int channels) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("channels", channels);
    }

    /** Complex (H,N') a, b and (Cn,H,N') c, in range and finite, checked under the given names. */
    static void arrays(long hn, int channels, String aName, double[] a, String bName, double[] b, double[] c) {
        Check.complexRange(aName, a, 0, hn);
        Check.complexRange(bName, b, 0, hn);
        Check.complexRange("c", c, 0, channels * hn);
        Check.allFinite(aName, a, 0, 2 * hn);
        Check.allFinite(bName, b, 0, 2 * hn);
        Check.allFinite("c", c, 0, 2 * channels * hn);
    }

    /** SPEC 0.6: S4D needs a stable diagonal, Re A &lt; 0. */
    private static void stable(double[] a, long hn) {
        for (int i = 0; i < hn; i++) {
            if (!(a[2 * i] < 0)) {
                throw new IllegalArgumentException("a: must be stable (Re A < 0), element " + i + " is "
                        + a[2 * i] + (a[2 * i + 1] >= 0 ? "+" : "") + a[2 * i + 1] + "i");
            }
        }
    }

    private static double[] realToComplex(double[] r, long count) {
        double[] z = new double[(int) (2 * count)];
        for (int i = 0; i < count; i++) {
            z[2 * i] = r[i];
        }
        return z;
    }
}
