package ssm4j.blocks.compat;

import static ssm4j.blocks.compat.CompatShapes.concat;
import static ssm4j.blocks.compat.CompatShapes.lead;
import static ssm4j.blocks.compat.CompatShapes.prod;

import java.util.Arrays;

import ssm4j.api.BcLayout;
import ssm4j.api.Check;
import ssm4j.api.ConvShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.SsuShape;
import ssm4j.blocks.Tensor;

/**
 * The reference operations of state-spaces/s4 and state-spaces/mamba, one Java method per Python function, same
 * argument order and defaults, SPEC shapes, each dispatched through one {@link SsmKernel} call:
 *
 * <table>
 * <caption>Reference function → method</caption>
 * <tr><td>{@code cauchy_naive(v, z, w, conj=True)}, {@code cauchy_mult(v, z, w, symmetric=True)}</td>
 *     <td>{@link #cauchyMult(Tensor, Tensor, Tensor, boolean)}</td></tr>
 * <tr><td>{@code log_vandermonde_naive(v, x, L, conj=True)}</td>
 *     <td>{@link #logVandermonde(Tensor, Tensor, int, boolean)}</td></tr>
 * <tr><td>{@code vandermonde_naive(v, x, L, conj=True)}</td><td>{@link #vandermonde(Tensor, Tensor, int, boolean)}</td></tr>
 * <tr><td>{@code log_vandermonde_transpose_naive(u, v, x, L)}</td>
 *     <td>{@link #logVandermondeTranspose(Tensor, Tensor, Tensor, int)}</td></tr>
 * <tr><td>{@code S4DKernel.forward(L)} ({@code models/s4/s4d.py}, SPEC 4.3)</td>
 *     <td>{@link #s4dKernel(Tensor, Tensor, Tensor, Tensor, int)}</td></tr>
 * <tr><td>{@code FFTConv.forward} core: {@code y = irfft(rfft(u)·rfft(k)) + D·u}</td>
 *     <td>{@link #fftConv(Tensor, Tensor, Tensor, boolean)}</td></tr>
 * <tr><td>{@code selective_scan_fn(u, delta, A, B, C, D=None, z=None, delta_bias=None, delta_softplus=False,
 *     return_last_state=False)}</td><td>{@link #selectiveScanFn}</td></tr>
 * <tr><td>{@code selective_state_update(state, x, dt, A, B, C, D=None, z=None, dt_bias=None, dt_softplus=False)}</td>
 *     <td>{@link #selectiveStateUpdate}</td></tr>
 * <tr><td>{@code mamba_chunk_scan_combined(x, dt, A, B, C, chunk_size, D, z, dt_bias, initial_states, ...,
 *     dt_softplus, dt_limit, return_final_states)} (Mamba-2 SSD, SPEC 12)</td>
 *     <td>{@link #mambaChunkScanCombined}</td></tr>
 * </table>
 *
 * <p><b>Tensors.</b> A complex tensor is a real {@link Tensor} with a trailing axis of 2 ({@code view_as_real}).
 * Leading "..." axes of the s4 functions are flattened into one channel axis. The precision of the call is that of
 * the first tensor argument; other arguments of the other precision are converted (a copy), and an argument that
 * does not start at offset 0 is copied too (the {@link SsmKernel} scan and convolution entry points take whole
 * arrays). Results are new tensors. Overloads without the trailing optional arguments use the reference defaults.
 *
 * <p>The stateful kernel modules of state-spaces/s4 ({@code SSMKernelDiag}, {@code SSMKernelDPLR}: forward with
 * state and rate, {@code forward_state}, {@code default_state}, {@code _setup_step} + {@code step}) are
 * {@link S4dKernelModule} and {@link S4KernelModule}.
 *
 * <p>Thread-safe if the kernel is (all ssm4j backends are). Bad shapes or values throw
 * {@link IllegalArgumentException} naming the argument.
 */
public final class ReferenceOps {
    private final SsmKernel kernel;

    /** Operations on {@code kernel}. */
    public ReferenceOps(SsmKernel kernel) {
        this.kernel = Check.notNull("kernel", kernel);
    }

    /** Operations on the best backend ({@link SsmKernel#get()}). */
    public ReferenceOps() {
        this(SsmKernel.get());
    }

    /** The backend every call goes to. */
    public SsmKernel kernel() {
        return kernel;
    }

    // ------------------------------------------------------------------ helpers

    private static void complex(String name, Tensor t, int minRank) {
        Check.notNull(name, t);
        if (t.rank() < minRank || t.dim(-1) != 2) {
            throw new IllegalArgumentException(name + ": must be complex (trailing axis of 2) with at least "
                    + (minRank - 1) + " complex axes, got shape " + Arrays.toString(t.shape()));
        }
    }

    private static float[] f(Tensor t) {
        return t == null ? null : t.floatsFromZero();
    }

    private static double[] d(Tensor t) {
        return t == null ? null : t.doublesFromZero();
    }

    /** Copies a call's state array {@code st} back into the tensor's array when it was a copy (offset ≠ 0). */
    private static void writeBack(Object st, Object backing, int offset, int n) {
        if (st != backing) {
            System.arraycopy(st, 0, backing, offset, n);
        }
    }

    /** {@code 2·Re c} of a complex (..., 2) tensor, as a new real (...) tensor of its precision. */
    private static Tensor twiceRe(Tensor c) {
        Tensor re = Tensor.zeros(c.isDouble(), lead(c, 1));
        int m = Math.toIntExact(re.size());
        if (c.isDouble()) {
            double[] a = c.doubles();
            double[] r = re.doubles();
            for (int i = 0; i < m; i++) {
                r[i] = 2 * a[2 * i];
            }
        } else {
            float[] a = c.floats();
            float[] r = re.floats();
            for (int i = 0; i < m; i++) {
                r[i] = 2 * a[2 * i];
            }
        }
        return re;
    }

    /** The three Vandermonde sums of the backend: {@code e^{x l}} real 2·Re or complex, and integer powers. */
    private enum Form { LOG_CONJ, LOG_COMPLEX, POWERS }

    /** One backend Vandermonde call of {@code form} on checked (v, x) (..., N) into {@code out}, in v's precision. */
    private void vandermondeInto(Form form, Tensor v, Tensor x, int length, Tensor out) {
        int h = prod(lead(v, 2));
        int n = v.dim(-2);
        if (v.isDouble()) {
            switch (form) {
                case LOG_CONJ -> kernel.vandermonde(h, n, length, v.doubles(), v.offset(), d(x), 0, d(out), 0);
                case LOG_COMPLEX -> kernel.vandermondeComplex(h, n, length, v.doubles(), v.offset(), d(x), 0, d(out),
                        0);
                case POWERS -> kernel.vandermondePowers(h, n, length, v.doubles(), v.offset(), d(x), 0, d(out), 0);
            }
        } else {
            switch (form) {
                case LOG_CONJ -> kernel.vandermonde(h, n, length, v.floats(), v.offset(), f(x), 0, f(out), 0);
                case LOG_COMPLEX -> kernel.vandermondeComplex(h, n, length, v.floats(), v.offset(), f(x), 0, f(out), 0);
                case POWERS -> kernel.vandermondePowers(h, n, length, v.floats(), v.offset(), f(x), 0, f(out), 0);
            }
        }
    }

    /** Checks the (v, x) pair of a Vandermonde call, complex (..., N) with the same axes, and L; v's lead axes. */
    private static int[] vandermondeLead(Tensor v, Tensor x, int length) {
        complex("v", v, 2);
        complex("x", x, 2);
        Check.positive("L", length);
        sameLead("x", x, lead(v, 0), 0);
        return lead(v, 2);
    }

    private static void sameLead(String name, Tensor t, int[] lead, int drop) {
        if (!Arrays.equals(lead(t, drop), lead)) {
            throw new IllegalArgumentException(name + ": leading axes must be " + Arrays.toString(lead) + ", got "
                    + Arrays.toString(t.shape()));
        }
    }

    // ------------------------------------------------------------------ Cauchy (SPEC 3.1)

    /**
     * {@code cauchy_mult(v, z, w, symmetric)}: v, w complex (..., N) → complex (..., L) with
     * {@code Σ_n v_n/(z_l − w_n)} (3.1a), or with {@code symmetric} the conjugate-pair sum (3.1b) over the stored
     * halves v, w (..., N'). z is complex (L).
     */
    public Tensor cauchyMult(Tensor v, Tensor z, Tensor w, boolean symmetric) {
        complex("v", v, 2);
        complex("w", w, 2);
        complex("z", z, 2);
        z.requireRank("z", 2);
        if (!Arrays.equals(v.shape(), w.shape())) {
            throw new IllegalArgumentException("w: must have the shape of v " + Arrays.toString(v.shape()) + ", got "
                    + Arrays.toString(w.shape()));
        }
        int[] lead = lead(v, 2);
        int h = prod(lead);
        int n = v.dim(-2);
        int l = z.dim(0);
        Tensor out = Tensor.zeros(v.isDouble(), concat(lead, l, 2));
        if (v.isDouble() && symmetric) {
            kernel.cauchyConj(h, n, l, v.doubles(), v.offset(), d(w), 0, d(z), 0, d(out), 0);
        } else if (v.isDouble()) {
            kernel.cauchy(h, n, l, v.doubles(), v.offset(), d(w), 0, d(z), 0, d(out), 0);
        } else if (symmetric) {
            kernel.cauchyConj(h, n, l, v.floats(), v.offset(), f(w), 0, f(z), 0, f(out), 0);
        } else {
            kernel.cauchy(h, n, l, v.floats(), v.offset(), f(w), 0, f(z), 0, f(out), 0);
        }
        return out;
    }

    /** {@code cauchy_mult(v, z, w)} with the reference default {@code symmetric=True}. */
    public Tensor cauchyMult(Tensor v, Tensor z, Tensor w) {
        return cauchyMult(v, z, w, true);
    }

    // ------------------------------------------------------------------ Vandermonde (SPEC 4.1)

    /**
     * {@code log_vandermonde(v, x, L, conj)}: v, x complex (..., N) → with {@code conj} the real (..., L)
     * {@code 2·Re Σ_n v_n e^{x_n l}} (4.1a), else the complex (..., L) sum.
     */
    public Tensor logVandermonde(Tensor v, Tensor x, int length, boolean conj) {
        int[] lead = vandermondeLead(v, x, length);
        Tensor out = Tensor.zeros(v.isDouble(), conj ? concat(lead, length) : concat(lead, length, 2));
        vandermondeInto(conj ? Form.LOG_CONJ : Form.LOG_COMPLEX, v, x, length, out);
        return out;
    }

    /** {@code log_vandermonde(v, x, L)} with the reference default {@code conj=True}. */
    public Tensor logVandermonde(Tensor v, Tensor x, int length) {
        return logVandermonde(v, x, length, true);
    }

    /**
     * {@code vandermonde_naive(v, x, L, conj)}, the powers form: {@code Σ_n v_n·x_n^l} with integer powers of the
     * complex bases x (..., N); real {@code 2·Re} of it with {@code conj}, else complex (..., L).
     */
    public Tensor vandermonde(Tensor v, Tensor x, int length, boolean conj) {
        Tensor c = Tensor.zeros(v.isDouble(), concat(vandermondeLead(v, x, length), length, 2));
        vandermondeInto(Form.POWERS, v, x, length, c);
        return conj ? twiceRe(c) : c;
    }

    /**
     * {@code log_vandermonde_transpose(u, v, x, L)} (4.1b): u real (..., L), v, x complex (..., N) → complex
     * (..., N) {@code Σ_l u_l v_n e^{x_n l}}.
     */
    public Tensor logVandermondeTranspose(Tensor u, Tensor v, Tensor x, int length) {
        Check.notNull("u", u);
        complex("v", v, 2);
        complex("x", x, 2);
        Check.positive("L", length);
        if (u.dim(-1) != length) {
            throw new IllegalArgumentException("u: last axis must be L=" + length + ", got "
                    + Arrays.toString(u.shape()));
        }
        int[] lead = lead(v, 2);
        sameLead("u", u, lead, 1);
        sameLead("x", x, lead(v, 0), 0);
        int h = prod(lead);
        int n = v.dim(-2);
        Tensor out = Tensor.zeros(u.isDouble(), concat(lead, n, 2));
        if (u.isDouble()) {
            kernel.vandermondeTranspose(h, n, length, u.doubles(), u.offset(), d(v), 0, d(x), 0, d(out), 0);
        } else {
            kernel.vandermondeTranspose(h, n, length, u.floats(), u.offset(), f(v), 0, f(x), 0, f(out), 0);
        }
        return out;
    }

    /**
     * The minimal S4D kernel ({@code S4DKernel.forward(L)}, SPEC 4.3): {@code dt = exp(log_dt)} (H),
     * {@code A = −exp(log_A_real) + i·A_imag} (H,N'), C complex (H,N') → K (H,L) real, one
     * {@link SsmKernel#vandermonde} call with {@code v = C·(e^{dtA} − 1)/A}, {@code x = dtA} (prepared in double).
     * The precision is that of {@code C}.
     */
    public Tensor s4dKernel(Tensor logDt, Tensor c, Tensor logAReal, Tensor aImag, int length) {
        complex("C", c, 3);
        c.requireRank("C", 3);
        int h = c.dim(0);
        int n = c.dim(1);
        Check.notNull("log_dt", logDt).requireShape("log_dt", h);
        Check.notNull("log_A_real", logAReal).requireShape("log_A_real", h, n);
        Check.notNull("A_imag", aImag).requireShape("A_imag", h, n);
        Check.positive("L", length);
        double[] v = new double[2 * h * n];
        double[] x = new double[2 * h * n];
        for (int i = 0; i < h; i++) {
            double dt = Math.exp(logDt.get(i));
            Check.positiveFinite("log_dt", dt);
            for (int k = 0; k < n; k++) {
                int j = i * n + k;
                double ar = -Math.exp(logAReal.get(j));
                double ai = aImag.get(j);
                double xr = dt * ar;
                double xi = dt * ai;
                double em1r = Math.expm1(xr) * Math.cos(xi) - 2 * Math.sin(0.5 * xi) * Math.sin(0.5 * xi);
                double em1i = Math.exp(xr) * Math.sin(xi);
                double den = ar * ar + ai * ai;
                double qr = (em1r * ar + em1i * ai) / den;
                double qi = (em1i * ar - em1r * ai) / den;
                double cr = c.get(2L * j);
                double ci = c.get(2L * j + 1);
                v[2 * j] = cr * qr - ci * qi;
                v[2 * j + 1] = cr * qi + ci * qr;
                x[2 * j] = xr;
                x[2 * j + 1] = xi;
            }
        }
        Tensor vt = Tensor.wrap(v, h, n, 2);
        Tensor xt = Tensor.wrap(x, h, n, 2);
        return logVandermonde(c.isDouble() ? vt : vt.asF32(), c.isDouble() ? xt : xt.asF32(), length, true);
    }

    // ------------------------------------------------------------------ FFT convolution (SPEC 6)

    /**
     * The convolution of s4's {@code FFTConv.forward}: u (B,H,L), k (C',H,Lk) with C' = C (2C when
     * {@code bidirectional}, forward kernels first), D (C,H) or null → y (B, C·H, L) by (6.1) / (6.2).
     */
    public Tensor fftConv(Tensor u, Tensor k, Tensor dSkip, boolean bidirectional) {
        Check.notNull("u", u).requireRank("u", 3);
        Check.notNull("k", k).requireRank("k", 3);
        int b = u.dim(0);
        int h = u.dim(1);
        int l = u.dim(2);
        int rows = k.dim(0);
        if (k.dim(1) != h) {
            throw new IllegalArgumentException("k: axis 1 must be H=" + h + ", got " + Arrays.toString(k.shape()));
        }
        if (bidirectional && rows % 2 != 0) {
            throw new IllegalArgumentException("k: a bidirectional kernel needs an even number of rows, got " + rows);
        }
        int channels = bidirectional ? rows / 2 : rows;
        if (dSkip != null) {
            dSkip.requireShape("D", channels, h);
        }
        ConvShape s = new ConvShape(b, h, l, channels, k.dim(2), bidirectional);
        Tensor y = Tensor.zeros(u.isDouble(), b, channels * h, l);
        if (u.isDouble()) {
            kernel.fftConv(s, d(u), d(k), d(dSkip), d(y));
        } else {
            kernel.fftConv(s, f(u), f(k), f(dSkip), f(y));
        }
        return y;
    }

    /** {@link #fftConv(Tensor, Tensor, Tensor, boolean)}, causal (the reference default). */
    public Tensor fftConv(Tensor u, Tensor k, Tensor dSkip) {
        return fftConv(u, k, dSkip, false);
    }

    // ------------------------------------------------------------------ selective scan (SPEC 7)

    /** What {@code selective_scan_fn} returns: out (B,D,L) and, when asked for, last_state (B,D,N[,2]). */
    public record ScanResult(Tensor out, Tensor lastState) {
    }

    /**
     * {@code selective_scan_fn} (SPEC 7.1–7.2). u, delta, z (B,D,L); A (D,N) real or (D,N,2) complex; B and C each
     * fixed (D,N) (complex (D,N,2) with complex A), per-time (B,N,L) or grouped (B,G,N,L) (last axis 2L,
     * interleaved, with complex A); D, delta_bias (D). With complex A a rank-3 B/C of shape (B,N,2L) is per-time,
     * any other rank-3 one fixed. Nullable: D, z, delta_bias.
     */
    public ScanResult selectiveScanFn(Tensor u, Tensor delta, Tensor a, Tensor b, Tensor c, Tensor dSkip, Tensor z,
                                      Tensor deltaBias, boolean deltaSoftplus, boolean returnLastState) {
        Check.notNull("u", u).requireRank("u", 3);
        Check.notNull("delta", delta).requireShape("delta", u.shape());
        Check.notNull("A", a);
        int bt = u.dim(0);
        int dim = u.dim(1);
        int len = u.dim(2);
        boolean cplx = a.rank() == 3;
        if (cplx) {
            complex("A", a, 3);
        }
        if (a.rank() < 2 || a.rank() > 3 || a.dim(0) != dim) {
            throw new IllegalArgumentException("A: must be (D=" + dim + ", N) or complex (D, N, 2), got "
                    + Arrays.toString(a.shape()));
        }
        int n = a.dim(1);
        BcLayout bl = layout("B", Check.notNull("B", b), bt, dim, n, len, cplx);
        BcLayout cl = layout("C", Check.notNull("C", c), bt, dim, n, len, cplx);
        int groups = bl == BcLayout.GROUPED ? b.dim(1) : cl == BcLayout.GROUPED ? c.dim(1) : 1;
        if (bl == BcLayout.GROUPED && cl == BcLayout.GROUPED && b.dim(1) != c.dim(1)) {
            throw new IllegalArgumentException("C: must have the groups of B (" + b.dim(1) + "), got " + c.dim(1));
        }
        if (dSkip != null) {
            dSkip.requireShape("D", dim);
        }
        if (z != null) {
            z.requireShape("z", u.shape());
        }
        if (deltaBias != null) {
            deltaBias.requireShape("delta_bias", dim);
        }
        SelectiveScanShape s = new SelectiveScanShape(bt, dim, n, len, bl, cl, groups, cplx, deltaSoftplus);
        int[] stateShape = cplx ? new int[] {bt, dim, n, 2} : new int[] {bt, dim, n};
        Tensor out = Tensor.zeros(u.isDouble(), bt, dim, len);
        Tensor last = returnLastState ? Tensor.zeros(u.isDouble(), stateShape) : null;
        if (u.isDouble()) {
            kernel.selectiveScan(s, d(u), d(delta), d(a), d(b), d(c), d(dSkip), d(z), d(deltaBias), null, d(out),
                    d(last));
        } else {
            kernel.selectiveScan(s, f(u), f(delta), f(a), f(b), f(c), f(dSkip), f(z), f(deltaBias), null, f(out),
                    f(last));
        }
        return new ScanResult(out, last);
    }

    /** {@code selective_scan_fn(u, delta, A, B, C)} with every optional argument at its reference default. */
    public ScanResult selectiveScanFn(Tensor u, Tensor delta, Tensor a, Tensor b, Tensor c) {
        return selectiveScanFn(u, delta, a, b, c, null, null, null, false, false);
    }

    private static BcLayout layout(String name, Tensor t, int bt, int dim, int n, int len, boolean cplx) {
        int[] s = t.shape();
        int tl = cplx ? 2 * len : len;
        if (s.length == 3 && s[0] == bt && s[1] == n && s[2] == tl) {
            return BcLayout.PER_TIME;
        }
        if (!cplx && s.length == 2 && s[0] == dim && s[1] == n || cplx && s.length == 3 && s[0] == dim
                && s[1] == n && s[2] == 2) {
            return BcLayout.FIXED;
        }
        if (s.length == 4 && s[0] == bt && s[2] == n && s[3] == tl && s[1] >= 1 && dim % s[1] == 0) {
            return BcLayout.GROUPED;
        }
        throw new IllegalArgumentException(name + ": must be fixed (D,N" + (cplx ? ",2" : "") + "), per-time (B,N,"
                + (cplx ? "2L" : "L") + ") or grouped (B,G,N," + (cplx ? "2L" : "L") + ") with B=" + bt + ", D=" + dim
                + ", N=" + n + ", L=" + len + ", got " + Arrays.toString(s));
    }

    /**
     * {@code selective_state_update(state, x, dt, A, B, C, D, z, dt_bias, dt_softplus)} (SPEC 7.3): updates
     * {@code state} in place and returns out. Without heads: state (B,D,N), x, dt, z (B,D), A (D,N), B, C (B,N),
     * D, dt_bias (D). With heads Hh: state (B,Hh,D,N), x, dt, z (B,Hh,D), A (Hh,D,N), B, C (B,G,N), D, dt_bias
     * (Hh,D). Nullable: D, z, dt_bias.
     */
    public Tensor selectiveStateUpdate(Tensor state, Tensor x, Tensor dt, Tensor a, Tensor b, Tensor c,
                                       Tensor dSkip, Tensor z, Tensor dtBias, boolean dtSoftplus) {
        Check.notNull("state", state);
        boolean heads = state.rank() == 4;
        if (!heads) {
            state.requireRank("state", 3);
        }
        int bt = state.dim(0);
        int hh = heads ? state.dim(1) : 1;
        int dim = state.dim(-2);
        int n = state.dim(-1);
        int[] row = heads ? new int[] {bt, hh, dim} : new int[] {bt, dim};
        Check.notNull("x", x).requireShape("x", row);
        Check.notNull("dt", dt).requireShape("dt", row);
        Check.notNull("A", a).requireShape("A", heads ? new int[] {hh, dim, n} : new int[] {dim, n});
        Check.notNull("B", b);
        int groups = heads ? b.dim(1) : 1;
        b.requireShape("B", heads ? new int[] {bt, groups, n} : new int[] {bt, n});
        Check.notNull("C", c).requireShape("C", b.shape());
        int[] param = heads ? new int[] {hh, dim} : new int[] {dim};
        if (dSkip != null) {
            dSkip.requireShape("D", param);
        }
        if (z != null) {
            z.requireShape("z", row);
        }
        if (dtBias != null) {
            dtBias.requireShape("dt_bias", param);
        }
        SsuShape s = new SsuShape(bt, hh, dim, n, groups, dtSoftplus);
        Tensor out = Tensor.zeros(state.isDouble(), row);
        if (state.isDouble()) {
            double[] st = state.doublesFromZero();
            kernel.selectiveStateUpdate(s, st, d(x), d(dt), d(a), d(b), d(c), d(dSkip), d(z), d(dtBias), d(out));
            writeBack(st, state.doubles(), state.offset(), st.length);
        } else {
            float[] st = state.floatsFromZero();
            kernel.selectiveStateUpdate(s, st, f(x), f(dt), f(a), f(b), f(c), f(dSkip), f(z), f(dtBias), f(out));
            writeBack(st, state.floats(), state.offset(), st.length);
        }
        return out;
    }

    /** {@code selective_state_update(state, x, dt, A, B, C)} with the reference defaults. */
    public Tensor selectiveStateUpdate(Tensor state, Tensor x, Tensor dt, Tensor a, Tensor b, Tensor c) {
        return selectiveStateUpdate(state, x, dt, a, b, c, null, null, null, false);
    }

    // ------------------------------------------------------------------ Mamba-2 SSD (SPEC 12)

    /** What {@code mamba_chunk_scan_combined} returns: out (B,L,H,P) and, when asked for, final_states (S,H,P,N). */
    public record SsdResult(Tensor out, Tensor finalStates) {
    }

    /**
     * {@code mamba_chunk_scan_combined(x, dt, A, B, C, chunk_size, D=None, z=None, dt_bias=None,
     * initial_states=None, seq_idx=None, cu_seqlens=None, dt_softplus=False, dt_limit=(0, inf),
     * return_final_states=False)} (SPEC 12): x, z (B,L,H,P); dt (B,L,H); A (H); B, C (B,L,G,N); D (H) or (H,P);
     * dt_bias (H); initial_states (S,H,P,N). {@code cuSeqlens} (the cumulative lengths {@code 0 < … < L} of a
     * packed batch, B = 1; null for none) plays the role of seq_idx: the state restarts at every boundary, and
     * initial and final states are per sequence (S of them). Nullable: D, z, dt_bias, initial_states, cuSeqlens.
     */
    public SsdResult mambaChunkScanCombined(Tensor x, Tensor dt, Tensor a, Tensor b, Tensor c, int chunkSize,
                                            Tensor dSkip, Tensor z, Tensor dtBias, Tensor initialStates,
                                            int[] cuSeqlens, boolean dtSoftplus, double dtLimitLo, double dtLimitHi,
                                            boolean returnFinalStates) {
        Check.notNull("x", x).requireRank("x", 4);
        int bt = x.dim(0);
        int len = x.dim(1);
        int h = x.dim(2);
        int p = x.dim(3);
        Check.notNull("dt", dt).requireShape("dt", bt, len, h);
        Check.notNull("A", a).requireShape("A", h);
        Check.notNull("B", b).requireRank("B", 4);
        int g = b.dim(2);
        int n = b.dim(3);
        b.requireShape("B", bt, len, g, n);
        Check.notNull("C", c).requireShape("C", b.shape());
        boolean dPerHeaddim = dSkip != null && dSkip.rank() == 2;
        if (dSkip != null) {
            dSkip.requireShape("D", dPerHeaddim ? new int[] {h, p} : new int[] {h});
        }
        if (z != null) {
            z.requireShape("z", x.shape());
        }
        if (dtBias != null) {
            dtBias.requireShape("dt_bias", h);
        }
        SsdScanShape s = new SsdScanShape(bt, len, h, p, g, n, chunkSize, dtSoftplus, dtLimitLo, dtLimitHi,
                dPerHeaddim, cuSeqlens);
        int seqs = s.sequences();
        if (initialStates != null) {
            initialStates.requireShape("initial_states", seqs, h, p, n);
        }
        Tensor out = Tensor.zeros(x.isDouble(), x.shape());
        Tensor fin = returnFinalStates ? Tensor.zeros(x.isDouble(), seqs, h, p, n) : null;
        if (x.isDouble()) {
            kernel.ssdScan(s, d(x), d(dt), d(a), d(b), d(c), d(dSkip), d(z), d(dtBias), d(initialStates), d(out),
                    d(fin), null, null);
        } else {
            kernel.ssdScan(s, f(x), f(dt), f(a), f(b), f(c), f(dSkip), f(z), f(dtBias), f(initialStates), f(out),
                    f(fin), null, null);
        }
        return new SsdResult(out, fin);
    }

    /** {@code mamba_chunk_scan_combined(x, dt, A, B, C, chunk_size)} with every optional argument at its default. */
    public Tensor mambaChunkScanCombined(Tensor x, Tensor dt, Tensor a, Tensor b, Tensor c, int chunkSize) {
        return mambaChunkScanCombined(x, dt, a, b, c, chunkSize, null, null, null, null, null, false, 0,
                Double.POSITIVE_INFINITY, false).out();
    }
}
