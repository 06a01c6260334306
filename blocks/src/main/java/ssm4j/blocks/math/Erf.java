package ssm4j.blocks.math;

/**
 * The error function in double precision and the exact GELU built on it (SPEC 11.1: the reference layer uses
 * {@code nn.GELU()}, the erf form; the tanh approximation misses the golden tolerance by orders of magnitude).
 *
 * <p>{@link #erfExact} evaluates from two convergent expansions: for {@code |x| < 2} the all-positive series
 * {@code erf(x) = (2/√π)·e^{−x²}·Σ_n 2^n x^{2n+1}/(1·3·…·(2n+1))} (no cancellation; about 10 ulp, mostly from the powers of the
 * rounded x²), otherwise {@code erfc(x)} from its continued fraction {@code e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …))))}
 * (modified Lentz). {@link #erf} is the fast path: Chebyshev interpolants of degree 16 (evaluated as
 * polynomials by Estrin's scheme) on 24 intervals of width
 * ¼ covering {@code [0, 6]}, built once from {@link #erfExact}; beyond 6, {@code |erf| = 1} to within 2.2e-17.
 * Its absolute error is below 2e-15 over the whole line (tested against libm values and the slow path), which is what GELU needs:
 * {@code gelu(y) = ½·y·(1 + erf(y/√2))} then has an absolute error below {@code |y|·2e-15}.
 *
 * <p>Stateless and thread-safe (the tables are immutable once the class is initialised).
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
    private static final double INV_SQRT_PI = 0.5641895835477563;       // 1/√π
    private static final double INV_SQRT2 = 0.7071067811865476;         // 1/√2
    /** Series below, continued fraction above (both converge in well under 200 steps there). */
    private static final double SWITCH = 2.0;
    private static final double WIDTH = 0.25;
    private static final int PIECES = 24;                               // covers [0, 6)
    private static final int DEG = 16;
    private static final double LIMIT = WIDTH * PIECES;
    /**
     * Per piece: erf at the piece's midpoint, then the {@code DEG + 1} monomial coefficients (in the piece's
     * local variable s ∈ [−1, 1]) of the Chebyshev interpolant of {@code erf(x) − erf(mid)} (a plain double[]
     * table: STYLE 3). Interpolating the small difference keeps the rounding errors proportional to
     * |erf(x) − erf(mid)| ≤ 0.15.
     */
    private static final double[] CHEB = buildTables();
    private static final int STRIDE = DEG + 2;

    private Erf() {
    }

    /**
     * erf(x) to about 10 ulp, by series or continued fraction (slow: tens of iterations). NaN gives NaN.
     */
    public static double erfExact(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = a < SWITCH ? erfSeries(a) : 1 - erfcContinuedFraction(a);
        return x < 0 ? -r : r;
    }

    /** erfc(x) = 1 − erf(x) with relative accuracy for large positive x (continued fraction from 2). */
    public static double erfcExact(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x >= SWITCH) {
            return erfcContinuedFraction(x);
        }
        return 1 - erfExact(x);
    }

    private static double erfSeries(double a) {
        double x2 = a * a;
        double term = a;
        double sum = a;
        for (int n = 0; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 3);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * expMinusSquare(a) * sum;
    }

    /** erfc for {@code a >= SWITCH}: K = a + (1/2)/(a + (2/2)/(a + (3/2)/(a + ...))), erfc = e^{−a²}/(√π·K). */
    private static double erfcContinuedFraction(double a) {
        final double tiny = 1e-300;
        double f = a;
        double c = a;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double ak = 0.5 * k;
            d = a + ak * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = a + ak / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return INV_SQRT_PI * expMinusSquare(a) / f;
    }

    /** e^{−a²} without the rounding error of a² (a² = hi + lo exactly, by fma). */
    private static double expMinusSquare(double a) {
        double hi = a * a;
        double lo = Math.fma(a, a, -hi);
        return Math.exp(-hi) * Math.exp(-lo);
    }

    private static double[] buildTables() {
        int n = DEG + 1;
        double[] t = new double[PIECES * (n + 1)];
        double[] fx = new double[n];
        for (int p = 0; p < PIECES; p++) {
            double mid = (p + 0.5) * WIDTH;
            double half = 0.5 * WIDTH;
            double fMid = erfExact(mid);
            t[p * (n + 1)] = fMid;
            for (int j = 0; j < n; j++) {
                fx[j] = erfExact(mid + half * Math.cos(Math.PI * (j + 0.5) / n)) - fMid;
            }
            double[] cheb = new double[n];
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += fx[j] * Math.cos(Math.PI * k * (j + 0.5) / n);
                }
                cheb[k] = (k == 0 ? 1.0 : 2.0) / n * s;
            }
            // to monomial coefficients in s (T_{k+1} = 2s·T_k − T_{k−1}), so erf() can use Estrin's scheme; on
            // |s| ≤ 1 the coefficients fall off like (h/2)^j/j! and the conversion loses nothing measurable
            double[] tPrev = new double[n];
            double[] tCur = new double[n];
            tPrev[0] = 1;
            tCur[1] = 1;
            double[] mono = new double[n];
            mono[0] = cheb[0];
            mono[1] = cheb[1];
            for (int k = 2; k < n; k++) {
                double[] tNext = new double[n];
                for (int j = 0; j < n; j++) {
                    tNext[j] = (j > 0 ? 2 * tCur[j - 1] : 0) - tPrev[j];
                    mono[j] += cheb[k] * tNext[j];
                }
                tPrev = tCur;
                tCur = tNext;
            }
            System.arraycopy(mono, 0, t, p * (n + 1) + 1, n);
        }
        return t;
    }

    /** erf(x), fast table path, absolute error below 2e-15 everywhere. NaN gives NaN. */
    public static double erf(double x) {
        double a = Math.abs(x);
        if (!(a < LIMIT)) {
            return Double.isNaN(x) ? x : Math.copySign(1.0, x);
        }
        int p = (int) (a * (1 / WIDTH));
        double s = (a - (p + 0.5) * WIDTH) * (2 / WIDTH); // in [-1, 1]
        int base = p * STRIDE + 1;
        // Estrin's scheme for Σ_j m_j s^j (DEG = 16): short dependency chains instead of 16 chained FMAs
        double s2 = s * s;
        double s4 = s2 * s2;
        double s8 = s4 * s4;
        double[] m = CHEB;
        double q0 = Math.fma(Math.fma(m[base + 3], s, m[base + 2]), s2, Math.fma(m[base + 1], s, m[base]));
        double q1 = Math.fma(Math.fma(m[base + 7], s, m[base + 6]), s2, Math.fma(m[base + 5], s, m[base + 4]));
        double q2 = Math.fma(Math.fma(m[base + 11], s, m[base + 10]), s2, Math.fma(m[base + 9], s, m[base + 8]));
        double q3 = Math.fma(Math.fma(m[base + 15], s, m[base + 14]), s2, Math.fma(m[base + 13], s, m[base + 12]));
        double r0 = Math.fma(q1, s4, q0);
        double r1 = Math.fma(q3, s4, q2);
        double r = m[base - 1] + Math.fma(Math.fma(m[base + 16], s8, r1), s8, r0);
        return x < 0 ? -r : r;
    }

    /** Exact GELU {@code ½·y·(1 + erf(y/√2))}, absolute error below {@code |y|·2e-15}. */
    public static double gelu(double y) {
        return 0.5 * y * (1 + erf(y * INV_SQRT2));
    }

    /** Exact GELU in single precision (computed in double, rounded once). */
    public static float gelu(float y) {
        return (float) gelu((double) y);
    }
}
