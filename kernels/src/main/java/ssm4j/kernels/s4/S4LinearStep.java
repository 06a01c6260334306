package ssm4j.kernels.s4;

import ssm4j.api.Check;

/**
 * Linear step mode (SPEC 3.6b): the bilinear step {@code x ← (2/dt − A)^{−1}[(2/dt + A)x + 2B·u]} on the stored
 * half of the state (N' entries), with the inverse of the diagonal-plus-rank-R matrix done by Woodbury, O(N'R)
 * per step: {@code t = E∘x − lr(P, Q, x) + 2B·u}, {@code x ← D∘(t − lr(P, Rq, t))}, {@code y = Re(2·c·x)} with
 * {@code D = 1/(2/dt − Λ)}, {@code E = 2/dt + Λ}, {@code Q = P̄},
 * {@code Rq = (I_R + [2·Re Σ_n Q_r D P_s])^{−1}(Q∘D)} and {@code lr(p, q, y)_n = Σ_r p_r[n]·2·Re(Σ_m q_r[m]y_m)}.
 * This is exactly dA applied to the conjugate-expanded state, so it also serves state forwarding (3.5c).
 */
public final class S4LinearStep extends S4Step {
    private final DplrSystem sys;
    private final double[] d;       // (H,N') complex D
    private final double[] e;       // (H,N') complex E
    private final double[] rq;      // (R,H,N') complex Rq
    private final double[] cOut;    // (Cn,H,N') complex, or null

    /**
     * @param channels output channels Cn ≥ 1
     * @param cOut     complex (Cn,H,N') output vector: the first N' entries of the dense form's dC (≈ C), or
     *                 null for a stepper that only advances the state (then pass a null y)
     * @throws IllegalArgumentException naming the argument
     */
    public S4LinearStep(DplrSystem sys, int channels, double[] cOut) {
        super(Check.notNull("sys", sys).h, channels);
        Check.positive("channels", channels);
        int n = sys.n;
        int h = sys.h;
        int r = sys.rank;
        long count = (long) channels * h * n;
        if (cOut != null) {
            Check.complexRange("cOut", cOut, 0, count);
            Check.allFinite("cOut", cOut, 0, 2 * count);
        }
        this.sys = sys;
        this.cOut = cOut == null ? null : java.util.Arrays.copyOf(cOut, (int) (2 * count));
        this.d = new double[2 * h * n];
        this.e = new double[2 * h * n];
        this.rq = new double[2 * r * h * n];
        double[] rm = new double[2 * r * r];
        double[] rmInv = new double[2 * r * r];
        for (int i = 0; i < h; i++) {
            double g = 2 / sys.dt[i];
            for (int j = 0; j < 2 * n; j += 2) {
                int o = 2 * i * n + j;
                double ar = g - sys.lambda[o];
                double ai = -sys.lambda[o + 1];
                double m = ar * ar + ai * ai;
                d[o] = ar / m;
                d[o + 1] = -ai / m;
                e[o] = g + sys.lambda[o];
                e[o + 1] = sys.lambda[o + 1];
            }
            java.util.Arrays.fill(rm, 0.0);
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    int pa = sys.pOff(a, i);
                    int pb = sys.pOff(b, i);
                    double s = 0;       // Re Σ_n conj(P_a[n])·D_n·P_b[n]
                    for (int j = 0; j < 2 * n; j += 2) {
                        int o = 2 * i * n + j;
                        double qr = sys.p[pa + j];
                        double qi = -sys.p[pa + j + 1];
                        double tr = qr * d[o] - qi * d[o + 1];
                        double ti = qr * d[o + 1] + qi * d[o];
                        s += tr * sys.p[pb + j] - ti * sys.p[pb + j + 1];
                    }
                    rm[2 * (a * r + b)] = (a == b ? 1 : 0) + 2 * s;
                }
            }
            SmallComplexInverse.invertInPlace(rm, r, rmInv);
            for (int a = 0; a < r; a++) {
                int ro = sys.pOff(a, i);
                for (int j = 0; j < 2 * n; j += 2) {
                    double sr = 0;
                    double si = 0;
                    for (int b = 0; b < r; b++) {
                        int pb = sys.pOff(b, i);
                        int o = 2 * i * n + j;
                        double qr = sys.p[pb + j];
                        double qi = -sys.p[pb + j + 1];
                        double tr = qr * d[o] - qi * d[o + 1];
                        double ti = qr * d[o + 1] + qi * d[o];
                        double mr = rmInv[2 * (a * r + b)];   // real up to rounding
                        sr += mr * tr;
                        si += mr * ti;
                    }
                    rq[ro + j] = sr;
                    rq[ro + j + 1] = si;
                }
            }
        }
    }

    /** The linear mode with the dense form's output vector (first N' entries of its dC). */
    public static S4LinearStep of(DplrSystem sys, S4DenseForm form) {
        int n = sys.n;
        double[] dc = form.dCRef();
        double[] half = new double[2 * form.channels() * sys.h * n];
        for (int row = 0; row < form.channels() * sys.h; row++) {
            System.arraycopy(dc, 2 * row * 2 * n, half, 2 * row * n, 2 * n);
        }
        return new S4LinearStep(sys, form.channels(), half);
    }

    @Override
    public int stateSize() {
        return sys.n;
    }

    @Override
    void stepsK(int batch, int l, double[] state, double[] u, double[] y) {
        if (y != null && cOut == null) {
            throw new IllegalArgumentException("y: this stepper has no output vector (built with cOut = null)");
        }
        int n = sys.n;
        int r = sys.rank;
        double[] t = new double[2 * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n;
                int po = 2 * i * n;
                double twoDt = 2;
                for (int step = 0; step < l; step++) {
                    double ut = u[(b * h + i) * l + step];
                    // t = E∘x − lr(P, Q, x) + 2B·u
                    for (int j = 0; j < 2 * n; j += 2) {
                        double xr = state[so + j];
                        double xi = state[so + j + 1];
                        t[j] = e[po + j] * xr - e[po + j + 1] * xi + twoDt * sys.b[po + j] * ut;
                        t[j + 1] = e[po + j] * xi + e[po + j + 1] * xr + twoDt * sys.b[po + j + 1] * ut;
                    }
                    for (int a = 0; a < r; a++) {
                        int pa = sys.pOff(a, i);
                        double s = 0;   // Re Σ conj(P_a)·x
                        for (int j = 0; j < 2 * n; j += 2) {
                            s += sys.p[pa + j] * state[so + j] + sys.p[pa + j + 1] * state[so + j + 1];
                        }
                        s *= 2;
                        for (int j = 0; j < 2 * n; j += 2) {
                            t[j] -= sys.p[pa + j] * s;
                            t[j + 1] -= sys.p[pa + j + 1] * s;
                        }
                    }
                    // x = D∘(t − lr(P, Rq, t))
                    for (int j = 0; j < 2 * n; j++) {
                        state[so + j] = t[j];
                    }
                    for (int a = 0; a < r; a++) {
                        int pa = sys.pOff(a, i);
                        double s = 0;   // Re Σ Rq_a·t
                        for (int j = 0; j < 2 * n; j += 2) {
                            s += rq[pa + j] * t[j] - rq[pa + j + 1] * t[j + 1];
                        }
                        s *= 2;
                        for (int j = 0; j < 2 * n; j += 2) {
                            state[so + j] -= sys.p[pa + j] * s;
                            state[so + j + 1] -= sys.p[pa + j + 1] * s;
                        }
                    }
                    for (int j = 0; j < 2 * n; j += 2) {
                        double xr = state[so + j];
                        double xi = state[so + j + 1];
                        state[so + j] = d[po + j] * xr - d[po + j + 1] * xi;
                        state[so + j + 1] = d[po + j] * xi + d[po + j + 1] * xr;
                    }
                    if (y != null) {
                        for (int ch = 0; ch < channels; ch++) {
                            double acc = realDot(cOut, 2 * (ch * h + i) * n, state, so, n);
                            y[((b * channels + ch) * h + i) * l + step] = 2 * acc;   // Re(2·dC[:N']·x)
                        }
                    }
                }
            }
        }
    }
}
