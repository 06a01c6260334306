package ssm4j.kernels.s4;

import ssm4j.api.Check;
import ssm4j.kernels.Precision;

/**
 * The continuous DPLR system of an S4 layer (SPEC 3.2), validated once: per channel h the state matrix on the
 * conjugate-expanded state {@code [x, x̄]} is <b>(3.2a)</b> {@code A_full = diag(ce(Λ)) − Σ_r ce(P_r) ce(P_r)ᴴ},
 * with {@code B_full = ce(B)} and step {@code dt}. Only one member of each conjugate pair is stored (N' entries).
 *
 * <p>Layouts (complex interleaved (re, im), row-major, as the golden files): {@code dt} (H) real;
 * {@code lambda} (H,N'); {@code p} (R,H,N'); {@code b} (H,N'). Immutable; the arrays are copied.
 */
public final class DplrSystem {
    final int h;
    final int n;
    final int rank;
    final double[] dt;
    final double[] lambda;
    final double[] p;
    final double[] b;

    /**
     * @param h      channels H ≥ 1
     * @param n      stored state size N' ≥ 1 (the full state has 2N' entries)
     * @param rank   rank R ≥ 1 of the low-rank term
     * @param dt     (H) steps, finite and &gt; 0
     * @param lambda complex (H,N') diagonal, finite, stable: {@code Re Λ < 0}
     * @param p      complex (R,H,N') low-rank factors, finite
     * @param b      complex (H,N') input vector, finite
     * @throws IllegalArgumentException naming the argument on bad sizes, short arrays, NaN, {@code dt ≤ 0},
     *                                  {@code rank < 1} or an unstable Λ
     */
    public DplrSystem(int h, int n, int rank, double[] dt, double[] lambda, double[] p, double[] b) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("rank", rank);
        long hn = (long) h * n;
        Check.range("dt", dt, 0, h);
        Check.allPositive("dt", dt, 0, h);
        Check.complexRange("lambda", lambda, 0, hn);
        Check.complexRange("p", p, 0, rank * hn);
        Check.complexRange("b", b, 0, hn);
        Check.allFinite("lambda", lambda, 0, 2 * hn);
        Check.allFinite("p", p, 0, 2 * rank * hn);
        Check.allFinite("b", b, 0, 2 * hn);
        for (int i = 0; i < hn; i++) {
            if (!(lambda[2 * i] < 0)) {
                throw new IllegalArgumentException("lambda: must be stable (Re Λ < 0), element " + i + " has Re "
                        + lambda[2 * i]);
            }
        }
        this.h = h;
        this.n = n;
        this.rank = rank;
        this.dt = java.util.Arrays.copyOf(dt, h);
        this.lambda = java.util.Arrays.copyOf(lambda, (int) (2 * hn));
        this.p = java.util.Arrays.copyOf(p, (int) (2 * rank * hn));
        this.b = java.util.Arrays.copyOf(b, (int) (2 * hn));
    }

    /** fp32 parameters widened exactly; otherwise as the fp64 constructor. */
    public static DplrSystem of(int h, int n, int rank, float[] dt, float[] lambda, float[] p, float[] b) {
        return new DplrSystem(h, n, rank, Precision.widen("dt", dt), Precision.widen("lambda", lambda),
                Precision.widen("p", p), Precision.widen("b", b));
    }

    /** Channels H. */
    public int h() {
        return h;
    }

    /** Stored state size N'. */
    public int n() {
        return n;
    }

    /** Rank R. */
    public int rank() {
        return rank;
    }

    /** Step of channel {@code i}. */
    public double dt(int i) {
        return dt[i];
    }

    /** Offset of P_r of channel i in {@link #p}. */
    int pOff(int r, int i) {
        return 2 * (r * h + i) * n;
    }

    /**
     * The stored half of {@code A_full·ce(x)} for channel i (3.2a):
     * {@code Λ∘x − Σ_r P_r·2·Re(Σ_m conj(P_r[m])·x_m)}; x and out complex (N') at their offsets.
     */
    void applyA(int i, double[] x, int xOff, double[] out, int outOff) {
        int lo = 2 * i * n;
        for (int j = 0; j < 2 * n; j += 2) {
            double lr = lambda[lo + j];
            double li = lambda[lo + j + 1];
            double xr = x[xOff + j];
            double xi = x[xOff + j + 1];
            out[outOff + j] = lr * xr - li * xi;
            out[outOff + j + 1] = lr * xi + li * xr;
        }
        for (int r = 0; r < rank; r++) {
            int po = pOff(r, i);
            double s = 0;   // Re Σ conj(P_r[m]) x_m
            for (int j = 0; j < 2 * n; j += 2) {
                s += p[po + j] * x[xOff + j] + p[po + j + 1] * x[xOff + j + 1];
            }
            s *= 2;
            for (int j = 0; j < 2 * n; j += 2) {
                out[outOff + j] -= p[po + j] * s;
                out[outOff + j + 1] -= p[po + j + 1] * s;
            }
        }
    }
}
