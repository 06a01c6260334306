package ssm4j.kernels.s4;

import org.ejml.data.ZMatrixRMaj;

import ssm4j.api.Check;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.fft.InverseRealFft;
import ssm4j.fft.RealFfts;
import ssm4j.kernels.Precision;

/**
 * The S4 (DPLR) convolution kernel generator (SPEC 3.3–3.5): conjugate-pair Cauchy sums on a backend
 * ({@link SsmKernel#cauchyConj}), a Woodbury correction for the rank-R term, the Nyquist limit and an inverse
 * real FFT of length {@code Lk = l_kernel}, truncated to the L taps asked for.
 *
 * <p><b>Length state (3.3).</b> Like the reference module this object keeps {@code C̃ = C(I − dA^{Lk})} and the
 * internal length {@code l_kernel}. Built {@linkplain #fromC from C} it starts at {@code l_kernel = 0}: the first
 * call sets C̃ at {@code lMax} (or the first L when lMax is 0). Whenever a call asks for {@code L > l_kernel},
 * C̃ is doubled by (3.3b) {@code C̃ ← C̃ + C̃·dA^{l_kernel}} until it covers L. The kernel is always generated at
 * {@code Lk = l_kernel} and truncated, never regenerated shorter with the same C̃ (SPEC 9.7).
 *
 * <p><b>Precision.</b> Frequency nodes {@code z_k = 2i·tan(πk/Lk)} and the factors {@code 1 + i·tan(πk/Lk)}
 * (3.4a) are computed in fp64 from tan on both paths (SPEC 9.14). The fp32 path runs only the Cauchy sums
 * (the O(rows·N'·Lk) part) in fp32 on tables rounded once; Woodbury, Nyquist (3.4d) and the iFFT (3.4e) are
 * fp64.
 *
 * <p><b>Layouts</b> (complex interleaved): C and C̃ (Cn,H,N'); kernels real (Cn,H,L); states (B,H,N') = the
 * stored half of x_{−1}; state kernels real (B,Cn,H,L).
 *
 * <p><b>Thread safety.</b> Methods are {@code synchronized}: a call may change C̃ and reuses cached tables
 * (nodes, FFT plan, Cauchy buffers, per-thread workspaces), so steady-state calls of one shape allocate only
 * the thread-splitting closures. Each call may use {@link SsmKernel#threads()} threads; results do not depend
 * on that count.
 */
public final class S4Kernel {
    private final DplrSystem sys;
    private final int channels;
    private final double[] c;       // (Cn,H,N') C, or null when built from C̃
    private final int lMax;
    private double[] cTilde;        // (Cn,H,N')
    private int lKernel;

    // cached per Lk
    private int planLk = -1;
    private int nodes;
    private double[] tanK;          // tan(πk/Lk), k < nodes
    private double[] z64;           // (nodes) complex 2i·tan
    private float[] z32;
    // cached per number of Cauchy rows
    private int bufRows = -1;
    private double[] v64;
    private double[] w64;
    private double[] out64;
    private float[] v32;
    private float[] w32;
    private float[] out32;
    private boolean lastF32;
    private Parallel parallel;
    private Workspace[] work;

    private S4Kernel(DplrSystem sys, int channels, double[] c, double[] cTilde, int lMax, int lKernel) {
        this.sys = sys;
        this.channels = channels;
        this.c = c;
        this.cTilde = cTilde;
        this.lMax = lMax;
        this.lKernel = lKernel;
    }

    /**
     * A generator that forms C̃ from C itself (3.3a) on its first call.
     *
     * @param c    complex (Cn,H,N'), finite
     * @param lMax the length C̃ is first attuned to, or 0 to use the first call's L
     * @throws IllegalArgumentException naming the argument
     */
    public static S4Kernel fromC(DplrSystem sys, int channels, double[] c, int lMax) {
        long count = outputArgs(sys, channels, "lMax", lMax, true, "c", c);
        return new S4Kernel(sys, channels, java.util.Arrays.copyOf(c, (int) (2 * count)), null, lMax, 0);
    }

    /**
     * A generator from a C̃ already attuned to {@code lKernel} (3.3a), as the golden {@code C_tilde} inputs.
     *
     * @throws IllegalArgumentException naming the argument ({@code lKernel < 1}, short or non-finite C̃)
     */
    public static S4Kernel fromCTilde(DplrSystem sys, int channels, double[] cTilde, int lKernel) {
        long count = outputArgs(sys, channels, "lKernel", lKernel, false, "cTilde", cTilde);
        return new S4Kernel(sys, channels, null, java.util.Arrays.copyOf(cTilde, (int) (2 * count)), lKernel,
                lKernel);
    }

    /**
     * The checks of every constructor of a kernel or dense form, in order: sys, channels ≥ 1, the length
     * ({@code > 0}, or {@code ≥ 0} where {@code zeroAllowed}), then a finite complex (Cn,H,N') output vector.
     * Returns its complex count Cn·H·N'.
     */
    static long outputArgs(DplrSystem sys, int channels, String lName, int length, boolean zeroAllowed,
                           String cName, double[] c) {
        Check.notNull("sys", sys);
        Check.positive("channels", channels);
        if (zeroAllowed) {
            Check.nonNegative(lName, length);
        } else {
            Check.positive(lName, length);
        }
        long count = (long) channels * sys.h * sys.n;
        Check.complexRange(cName, c, 0, count);
        Check.allFinite(cName, c, 0, 2 * count);
        return count;
    }

    /** The system. */
    public DplrSystem system() {
        return sys;
    }

    /** Output channels Cn. */
    public int channels() {
        return channels;
    }

    /** The internal length {@code l_kernel} (0 before the first call of a generator built from C). */
    public synchronized int lKernel() {
        return lKernel;
    }

    /** A copy of C̃ (Cn,H,N'), or null before the first call of a generator built from C. */
    public synchronized double[] cTilde() {
        return cTilde == null ? null : cTilde.clone();
    }

    /**
     * Makes {@code l_kernel ≥ l} (3.3): sets C̃ on first use, doubles it while {@code l > l_kernel}.
     *
     * @throws IllegalArgumentException if {@code l < 1}
     */
    public synchronized void attune(int l) {
        Check.positive("l", l);
        ensureLength(l);
    }

    /**
     * Writes the kernel (3.4), real (Cn,H,L), from {@code outOff}; fp32 Cauchy sums, fp64 nodes and iFFT.
     *
     * @throws IllegalArgumentException if {@code l < 1} or {@code out} is short
     */
    public synchronized void kernel(SsmKernel backend, int l, float[] out, int outOff) {
        Check.notNull("backend", backend);
        Check.positive("l", l);
        Check.range("out", out, outOff, (long) channels * sys.h * l);
        generate(backend, l, 0, null, true, null, out, outOff, null, null);
    }

    /** fp64 overload of {@link #kernel(SsmKernel, int, float[], int)}. */
    public synchronized void kernel(SsmKernel backend, int l, double[] out, int outOff) {
        Check.notNull("backend", backend);
        Check.positive("l", l);
        Check.range("out", out, outOff, (long) channels * sys.h * l);
        generate(backend, l, 0, null, false, out, null, outOff, null, null);
    }

    /**
     * The kernel and the initial-state contribution in one pass (3.5a/b): extra Cauchy rows
     * {@code s'_b = ce(s_b)/dt + A_full·ce(s_b)/2} (first N') make {@code kState[b,c,h,l] = Re(C_full dA^{l+1}
     * ce(s_b))}.
     *
     * @param state  complex (B,H,N') = x_{−1}, finite
     * @param kernel real (Cn,H,L), written, or null
     * @param kState real (B,Cn,H,L), written
     */
    public synchronized void stateKernel(SsmKernel backend, int batch, double[] state, int l, double[] kernel,
                                         double[] kState) {
        stateArgs(backend, batch, l, state);
        Check.optionalRange("kernel", kernel, 0, (long) channels * sys.h * l);
        Check.range("kState", kState, 0, (long) batch * channels * sys.h * l);
        generate(backend, l, batch, stateRows(batch, state), false, kernel, null, 0, kState, null);
    }

    /** fp32 overload of {@link #stateKernel(SsmKernel, int, double[], int, double[], double[])}. */
    public synchronized void stateKernel(SsmKernel backend, int batch, float[] state, int l, float[] kernel,
                                         float[] kState) {
        Check.notNull("state", state);
        double[] s = Precision.widen("state", state);
        stateArgs(backend, batch, l, s);
        Check.optionalRange("kernel", kernel, 0, (long) channels * sys.h * l);
        Check.range("kState", kState, 0, (long) batch * channels * sys.h * l);
        generate(backend, l, batch, stateRows(batch, s), true, null, kernel, 0, null, kState);
    }

    private void stateArgs(SsmKernel backend, int batch, int l, double[] state) {
        Check.notNull("backend", backend);
        Check.positive("batch", batch);
        Check.positive("l", l);
        long count = (long) batch * sys.h * sys.n;
        Check.complexRange("state", state, 0, count);
        Check.allFinite("state", state, 0, 2 * count);
    }

    /** (3.5b): s'_b = s_b/dt + (A_full ce(s_b))/2, stored half, layout (B,H,N'). */
    private double[] stateRows(int batch, double[] state) {
        int n2 = 2 * sys.n;
        double[] rows = new double[batch * sys.h * n2];
        double[] as = new double[n2];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < sys.h; i++) {
                int o = (b * sys.h + i) * n2;
                sys.applyA(i, state, o, as, 0);
                double inv = 1 / sys.dt[i];
                for (int j = 0; j < n2; j++) {
                    rows[o + j] = state[o + j] * inv + 0.5 * as[j];
                }
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ C̃ and l_kernel (3.3)

    /**
     * Every channel's {@code C̃ ← full ∓ full·dA^{lk}}, {@code full} the expanded row of {@code src}: (3.3a) from C
     * ({@code subtract}), (3.3b) from C̃ itself. Computed on the expanded vector, then truncated to the stored half.
     */
    private void updateCTilde(double[] src, int lk, boolean subtract) {
        forChannels(i -> {
            ZMatrixRMaj pow = DplrMatrices.power(DplrMatrices.bilinear(sys, i)[0], lk);
            for (int ch = 0; ch < channels; ch++) {
                int o = 2 * (ch * sys.h + i) * sys.n;
                double[] full = DplrMatrices.expand(src, o, sys.n);
                double[] prod = DplrMatrices.rowTimes(full, pow);
                for (int j = 0; j < 2 * sys.n; j++) {
                    cTilde[o + j] = subtract ? full[j] - prod[j] : full[j] + prod[j];
                }
            }
        });
    }

    private void ensureLength(int l) {
        if (lKernel == 0) {
            int lk = lMax > 0 ? lMax : l;
            cTilde = new double[c.length];
            updateCTilde(c, lk, true);        // (3.3a)
            lKernel = lk;
        }
        while (l > lKernel) {
            int lk = lKernel;
            updateCTilde(cTilde, lk, false);  // (3.3b)
            lKernel = 2 * lk;
        }
    }

    private void forChannels(java.util.function.IntConsumer body) {
        Parallel.of(Math.max(1, Runtime.getRuntime().availableProcessors())).forRange(sys.h, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                body.accept(i);
            }
        });
    }

    // ------------------------------------------------------------------ generation (3.4)

    private void plan(int lk) {
        if (planLk == lk) {
            return;
        }
        nodes = (lk & 1) == 0 ? lk / 2 : (lk + 1) / 2;   // Nyquist (even Lk) by (3.4d), not a node
        tanK = new double[nodes];
        z64 = new double[2 * nodes];
        for (int k = 0; k < nodes; k++) {
            tanK[k] = Math.tan(Math.PI * k / lk);       // (3.4a) z_k = 2i·tan(πk/Lk), in fp64 (SPEC 9.14)
            z64[2 * k + 1] = 2 * tanK[k];
        }
        z32 = new float[2 * nodes];
        for (int k = 0; k < 2 * nodes; k++) {
            z32[k] = (float) z64[k];
        }
        planLk = lk;
        work = null;
        bufRows = -1;     // Cauchy output buffers are sized by the node count
    }

    private void buffers(int rows, boolean f32, int threads) {
        if (bufRows != rows) {
            bufRows = rows;
            v64 = new double[2 * rows * sys.n];
            w64 = new double[2 * rows * sys.n];
            out64 = null;
            out32 = null;
            v32 = null;
            w32 = null;
            work = null;
        }
        if (f32 && out32 == null) {
            out32 = new float[2 * rows * nodes];
            v32 = new float[v64.length];
            w32 = new float[w64.length];
        }
        if (!f32 && out64 == null) {
            out64 = new double[2 * rows * nodes];
        }
        if (parallel == null || parallel.threads() != threads) {
            parallel = Parallel.of(threads);
            work = null;
        }
    }

    private void generate(SsmKernel backend, int l, int nState, double[] sRows, boolean f32, double[] k64,
                          float[] k32, int kOff, double[] ks64, float[] ks32) {
        ensureLength(l);
        int lk = lKernel;
        plan(lk);
        int h = sys.h;
        int n = sys.n;
        int r = sys.rank;
        int nb = nState + 1 + r;            // Brows: s'_0..s'_{B−1}, B, P_0..P_{R−1}
        int nc = channels + r;              // Crows: C̃_0..C̃_{Cn−1}, Q_0..Q_{R−1}
        int np = nb * nc;
        int rows = h * np;
        int threads = Math.max(1, backend.threads());
        buffers(rows, f32, threads);
        // (3.4b) numerators v = dt·x∘y and poles w = dt·Λ for every (x, y) pair, rows ordered (h, x, y)
        for (int i = 0; i < h; i++) {
            double dt = sys.dt[i];
            int lo = 2 * i * n;
            for (int xi = 0; xi < nb; xi++) {
                double[] xa;
                int xo;
                if (xi < nState) {
                    xa = sRows;
                    xo = 2 * (xi * h + i) * n;
                } else if (xi == nState) {
                    xa = sys.b;
                    xo = lo;
                } else {
                    xa = sys.p;
                    xo = sys.pOff(xi - nState - 1, i);
                }
                for (int yi = 0; yi < nc; yi++) {
                    double[] ya;
                    int yo;
                    double conj;
                    if (yi < channels) {
                        ya = cTilde;
                        yo = 2 * (yi * h + i) * n;
                        conj = 1;
                    } else {
                        ya = sys.p;                 // Q_a = conj(P_a)
                        yo = sys.pOff(yi - channels, i);
                        conj = -1;
                    }
                    int ro = 2 * ((i * nb + xi) * nc + yi) * n;
                    for (int j = 0; j < 2 * n; j += 2) {
                        double xr = xa[xo + j];
                        double xim = xa[xo + j + 1];
                        double yr = ya[yo + j];
                        double yim = conj * ya[yo + j + 1];
                        v64[ro + j] = dt * (xr * yr - xim * yim);
                        v64[ro + j + 1] = dt * (xr * yim + xim * yr);
                        w64[ro + j] = dt * sys.lambda[lo + j];
                        w64[ro + j + 1] = dt * sys.lambda[lo + j + 1];
                    }
                }
            }
        }
        lastF32 = f32;
        if (f32) {
            for (int j = 0; j < v64.length; j++) {
                v32[j] = (float) v64[j];
                w32[j] = (float) w64[j];
            }
            backend.cauchyConj(rows, n, nodes, v32, 0, w32, 0, z32, 0, out32, 0);
        } else {
            backend.cauchyConj(rows, n, nodes, v64, 0, w64, 0, z64, 0, out64, 0);
        }
        int blocks = Math.min(threads, h);
        // the scalar tier keeps its scalar FFT (JTransforms, the reference); the others use ours (module fft)
        boolean vectorFft = !backend.name().equals("scalar");
        if (work == null || work.length != blocks || work[0].np != np || work[0].vectorFft != vectorFft) {
            work = new Workspace[blocks];
            for (int b = 0; b < blocks; b++) {
                work[b] = new Workspace(np, r, (nState + 1) * channels, lk, vectorFft);
            }
        }
        // the call's arguments go to fields read by one cached body: no closure per call (methods are synchronized)
        cNState = nState;
        cNb = nb;
        cNc = nc;
        cLk = lk;
        cL = l;
        cF32 = f32;
        cK64 = k64;
        cK32 = k32;
        cKOff = kOff;
        cKs64 = ks64;
        cKs32 = ks32;
        try {
            parallel.forBlocks(h, postBody);
        } finally {
            cK64 = null;
            cK32 = null;
            cKs64 = null;
            cKs32 = null;
        }
    }

    private int cNState;
    private int cNb;
    private int cNc;
    private int cLk;
    private int cL;
    private boolean cF32;
    private double[] cK64;
    private float[] cK32;
    private int cKOff;
    private double[] cKs64;
    private float[] cKs32;
    private final Parallel.BlockBody postBody = this::postRange;

    private void postRange(int block, int from, int to) {
        Workspace w = work[block];
        for (int i = from; i < to; i++) {
            postProcess(i, cNState, cNb, cNc, cLk, cL, cF32, w, cK64, cK32, cKOff, cKs64, cKs32);
        }
    }

    /** Woodbury (3.4c), Nyquist (3.4d) and iFFT (3.4e) of channel i. */
    private void postProcess(int i, int nState, int nb, int nc, int lk, int l, boolean f32, Workspace w,
                             double[] k64, float[] k32, int kOff, double[] ks64, float[] ks32) {
        int n = sys.n;
        int r = sys.rank;
        int np = nb * nc;
        int half = lk / 2 + 1;
        double[] rv = w.r;
        if (r == 1) {
            woodburyRank1(i, nState, nc, half, w);
        }
        for (int k = 0; k < (r == 1 ? 0 : nodes); k++) {
            // gather r_{x,y}(k) of this channel
            for (int q = 0; q < np; q++) {
                int o = 2 * ((i * np + q) * nodes + k);
                if (f32) {
                    rv[2 * q] = out32[o];
                    rv[2 * q + 1] = out32[o + 1];
                } else {
                    rv[2 * q] = out64[o];
                    rv[2 * q + 1] = out64[o + 1];
                }
            }
            // S = (I_R + M)^{-1}, M_ab = r_{P_a, Q_b}
            double[] s = w.s;
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    int q = (nState + 1 + a) * nc + channels + b;
                    s[2 * (a * r + b)] = rv[2 * q] + (a == b ? 1 : 0);
                    s[2 * (a * r + b) + 1] = rv[2 * q + 1];
                }
            }
            SmallComplexInverse.invertInPlace(s, r, w.inv);
            double t = tanK[k];
            for (int xi = 0; xi <= nState; xi++) {
                // u_b = Σ_a r_{x,Q_a}·S_ab
                double[] u = w.u;
                for (int b = 0; b < r; b++) {
                    double ur = 0;
                    double ui = 0;
                    for (int a = 0; a < r; a++) {
                        int q = xi * nc + channels + a;
                        double pr = rv[2 * q];
                        double pi = rv[2 * q + 1];
                        double sr = w.inv[2 * (a * r + b)];
                        double si = w.inv[2 * (a * r + b) + 1];
                        ur += pr * sr - pi * si;
                        ui += pr * si + pi * sr;
                    }
                    u[2 * b] = ur;
                    u[2 * b + 1] = ui;
                }
                for (int ch = 0; ch < channels; ch++) {
                    int q = xi * nc + ch;
                    double vr = rv[2 * q];
                    double vi = rv[2 * q + 1];
                    for (int b = 0; b < r; b++) {
                        int qp = (nState + 1 + b) * nc + ch;
                        vr -= u[2 * b] * rv[2 * qp] - u[2 * b + 1] * rv[2 * qp + 1];
                        vi -= u[2 * b] * rv[2 * qp + 1] + u[2 * b + 1] * rv[2 * qp];
                    }
                    // times 2/(1+ω_k) = 1 + i·tan(πk/Lk)
                    int so = 2 * ((xi * channels + ch) * half + k);
                    w.spec[so] = vr - t * vi;
                    w.spec[so + 1] = vi + t * vr;
                }
            }
        }
        if ((lk & 1) == 0) {
            // (3.4d) Nyquist limit: Re Σ_n dt·x_n·y_n (the Woodbury term vanishes)
            for (int xi = 0; xi <= nState; xi++) {
                for (int ch = 0; ch < channels; ch++) {
                    int ro = 2 * ((i * nb + xi) * nc + ch) * n;
                    double sum = 0;
                    for (int j = 0; j < 2 * n; j += 2) {
                        sum += v64[ro + j];
                    }
                    int so = 2 * ((xi * channels + ch) * half + lk / 2);
                    w.spec[so] = sum;
                    w.spec[so + 1] = 0;
                }
            }
        }
        int h = sys.h;
        for (int xi = 0; xi <= nState; xi++) {
            for (int ch = 0; ch < channels; ch++) {
                int so = 2 * (xi * channels + ch) * half;
                w.fft.inverse(w.spec, so, w.taps, 0, l);
                if (xi == nState) {
                    int o = kOff + (ch * h + i) * l;
                    if (k64 != null) {
                        System.arraycopy(w.taps, 0, k64, o, l);
                    } else if (k32 != null) {
                        for (int t = 0; t < l; t++) {
                            k32[o + t] = (float) w.taps[t];
                        }
                    }
                } else {
                    int o = ((xi * channels + ch) * h + i) * l;
                    if (ks64 != null) {
                        System.arraycopy(w.taps, 0, ks64, o, l);
                    } else {
                        for (int t = 0; t < l; t++) {
                            ks32[o + t] = (float) w.taps[t];
                        }
                    }
                }
            }
        }
    }

    /**
     * (3.4c) for rank 1, straight from the Cauchy output: {@code K̂ = (1 + i·tan)·(r_{x,y} − r_{x,Q}·r_{P,y}/(1 +
     * r_{P,Q}))}. Same arithmetic as the general path with R = 1, without its gathers.
     */
    private void woodburyRank1(int i, int nState, int nc, int half, Workspace w) {
        int np = (nState + 2) * nc;
        int stride = 2 * nodes;                         // between consecutive (x, y) rows of one channel
        int base = 2 * i * np * nodes;
        int pRow = (nState + 1) * nc;                   // r_{P, ·}
        double[] spec = w.spec;
        for (int k = 0; k < nodes; k++) {
            int ko = base + 2 * k;
            double pqr = get(ko + (pRow + channels) * stride) + 1;
            double pqi = get(ko + (pRow + channels) * stride + 1);
            double m = pqr * pqr + pqi * pqi;
            double ir = pqr / m;                        // 1/(1 + r_{P,Q})
            double ii = -pqi / m;
            double t = tanK[k];
            for (int xi = 0; xi <= nState; xi++) {
                double xqr = get(ko + (xi * nc + channels) * stride);
                double xqi = get(ko + (xi * nc + channels) * stride + 1);
                double ur = xqr * ir - xqi * ii;        // r_{x,Q}/(1 + r_{P,Q})
                double ui = xqr * ii + xqi * ir;
                for (int ch = 0; ch < channels; ch++) {
                    double pyr = get(ko + (pRow + ch) * stride);
                    double pyi = get(ko + (pRow + ch) * stride + 1);
                    double vr = get(ko + (xi * nc + ch) * stride) - (ur * pyr - ui * pyi);
                    double vi = get(ko + (xi * nc + ch) * stride + 1) - (ur * pyi + ui * pyr);
                    int so = 2 * ((xi * channels + ch) * half + k);
                    spec[so] = vr - t * vi;             // times 2/(1+ω_k) = 1 + i·tan(πk/Lk)
                    spec[so + 1] = vi + t * vr;
                }
            }
        }
    }

    /** One element of the current Cauchy output, whichever precision ran. */
    private double get(int index) {
        return out64 != null && !lastF32 ? out64[index] : out32[index];
    }

    /** Scratch of one thread: gathered Cauchy values, the R×R system, spectra and FFT work. */
    private static final class Workspace {
        final int np;
        final double[] r;
        final double[] s;
        final double[] inv;
        final double[] u;
        final double[] spec;
        final double[] taps;
        final boolean vectorFft;
        final InverseRealFft fft;

        Workspace(int np, int rank, int outputs, int lk, boolean vectorFft) {
            this.np = np;
            this.r = new double[2 * np];
            this.s = new double[2 * rank * rank];
            this.inv = new double[2 * rank * rank];
            this.u = new double[2 * rank];
            this.spec = new double[2 * outputs * (lk / 2 + 1)];
            this.taps = new double[lk];
            this.vectorFft = vectorFft;
            this.fft = RealFfts.inverse(lk, vectorFft);
        }
    }
}
