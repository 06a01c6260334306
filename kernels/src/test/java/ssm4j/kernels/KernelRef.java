package ssm4j.kernels;

import java.util.SplittableRandom;

/**
 * Independent double-precision formulas for the kernel tests, written differently from the scalar tier on purpose:
 * complex quotients by Smith's algorithm, conjugate pairs by expanding to the full state (SPEC 0.2) and calling the
 * plain sum, powers by repeated multiplication instead of exp/cos/sin. Also the error bounds' "mass" terms
 * (Σ of term magnitudes) and seeded inputs.
 */
final class KernelRef {
    private KernelRef() {
    }

    /** (a + ib)/(c + id) by Smith's algorithm, as {re, im}. */
    static double[] div(double a, double b, double c, double d) {
        if (Math.abs(c) >= Math.abs(d)) {
            double r = d / c;
            double den = c + d * r;
            return new double[] {(a + b * r) / den, (b - a * r) / den};
        }
        double r = c / d;
        double den = c * r + d;
        return new double[] {(a * r + b) / den, (b * r - a) / den};
    }

    /** (3.1a) in double; returns {k (complex H·L interleaved), mass (H·L): Σ_n |term|}. */
    static double[][] cauchy(int h, int n, int l, double[] v, double[] w, double[] z) {
        double[] k = new double[2 * h * l];
        double[] mass = new double[h * l];
        for (int c = 0; c < h; c++) {
            for (int t = 0; t < l; t++) {
                for (int j = 0; j < n; j++) {
                    int e = 2 * (c * n + j);
                    double[] q = div(v[e], v[e + 1], z[2 * t] - w[e], z[2 * t + 1] - w[e + 1]);
                    k[2 * (c * l + t)] += q[0];
                    k[2 * (c * l + t) + 1] += q[1];
                    mass[c * l + t] += Math.hypot(q[0], q[1]);
                }
            }
        }
        return new double[][] {k, mass};
    }

    /** (3.1b) as (3.1a) on the expanded state ce(v), ce(w) (SPEC 0.2): N' stored entries become 2N'. */
    static double[][] cauchyConj(int h, int n, int l, double[] v, double[] w, double[] z) {
        return cauchy(h, 2 * n, l, expandConj(v, h, n), expandConj(w, h, n), z);
    }

    /** ce(x) per channel (SPEC 0.2): the N' stored entries, then their conjugates; complex (H,2N'). */
    static double[] expandConj(double[] x, int h, int n) {
        double[] e = new double[4 * h * n];
        for (int c = 0; c < h; c++) {
            for (int j = 0; j < n; j++) {
                int s = 2 * (c * n + j);
                int d0 = 2 * (c * 2 * n + j);
                int d1 = 2 * (c * 2 * n + n + j);
                e[d0] = x[s];
                e[d0 + 1] = x[s + 1];
                e[d1] = x[s];
                e[d1 + 1] = -x[s + 1];
            }
        }
        return e;
    }

    /**
     * Per-element condition of the one-division pair form: Σ_n |pair term|·(1 + (|z|²+|p z|+|q|)/|den| +
     * (|a z|+|b|)/|num|), the factor by which rounding of the shared denominator and numerator can grow.
     */
    static double[] pairCondition(int h, int n, int l, double[] v, double[] w, double[] z) {
        double[] out = new double[h * l];
        for (int c = 0; c < h; c++) {
            for (int t = 0; t < l; t++) {
                double zr = z[2 * t];
                double zi = z[2 * t + 1];
                double az = Math.hypot(zr, zi);
                for (int j = 0; j < n; j++) {
                    int e = 2 * (c * n + j);
                    double vr = v[e];
                    double vi = v[e + 1];
                    double wr = w[e];
                    double wi = w[e + 1];
                    double a = 2 * vr;
                    double b = -2 * (vr * wr + vi * wi);
                    double p = -2 * wr;
                    double q = wr * wr + wi * wi;
                    double den = Math.hypot(zr * zr - zi * zi + p * zr + q, 2 * zr * zi + p * zi);
                    double num = Math.hypot(a * zr + b, a * zi);
                    double term = num / den;
                    out[c * l + t] += term * (1 + (az * az + Math.abs(p) * az + q) / den
                            + (Math.abs(a) * az + Math.abs(b)) / Math.max(num, Double.MIN_NORMAL));
                }
            }
        }
        return out;
    }

    /**
     * Σ_n v·q^t by repeated multiplication (q^t = q·q^{t−1}) in double: {sum (complex H·L), mass (H·L) = Σ|term|}.
     * Relative error ~ t·2^-53 per term, far below every tolerance it is used with.
     */
    static double[][] powers(int h, int n, int l, double[] v, double[] q) {
        double[] k = new double[2 * h * l];
        double[] mass = new double[h * l];
        eachPower(h, n, l, v, q, (c, j, t, pr, pi) -> {
            k[2 * (c * l + t)] += pr;
            k[2 * (c * l + t) + 1] += pi;
            mass[c * l + t] += Math.hypot(pr, pi);
        });
        return new double[][] {k, mass};
    }

    /** Receives {@code v·q^t} of channel c, entry j, step t. */
    interface PowerTerm {
        void accept(int c, int j, int t, double pr, double pi);
    }

    /** Every term {@code v[c,j]·q[c,j]^t}, t ascending, by repeated multiplication (q^t = q·q^{t−1}) in double. */
    static void eachPower(int h, int n, int l, double[] v, double[] q, PowerTerm term) {
        for (int c = 0; c < h; c++) {
            for (int j = 0; j < n; j++) {
                int e = 2 * (c * n + j);
                double pr = v[e];
                double pi = v[e + 1];
                for (int t = 0; t < l; t++) {
                    term.accept(c, j, t, pr, pi);
                    double nr = pr * q[e] - pi * q[e + 1];
                    pi = pr * q[e + 1] + pi * q[e];
                    pr = nr;
                }
            }
        }
    }

    /** e^x element-wise (complex interleaved). */
    static double[] exp(double[] x) {
        double[] q = new double[x.length];
        for (int i = 0; i < x.length; i += 2) {
            double m = Math.exp(x[i]);
            q[i] = m * Math.cos(x[i + 1]);
            q[i + 1] = m * Math.sin(x[i + 1]);
        }
        return q;
    }

    /** (4.1b) by repeated multiplication: {kT (complex H·N), mass (H·N) = Σ_l |u·v·q^l|}. */
    static double[][] transpose(int h, int n, int l, double[] u, double[] v, double[] q) {
        double[] k = new double[2 * h * n];
        double[] mass = new double[h * n];
        eachPower(h, n, l, v, q, (c, j, t, pr, pi) -> {
            int e = 2 * (c * n + j);
            double ut = u[c * l + t];
            k[e] += ut * pr;
            k[e + 1] += ut * pi;
            mass[c * n + j] += Math.abs(ut) * Math.hypot(pr, pi);
        });
        return new double[][] {k, mass};
    }

    /** Cauchy inputs rounded to float, so both precisions see the same values: v, w (H,N) and z (L), complex. */
    record CauchyInputs(double[] v, double[] w, double[] z) {
        static CauchyInputs random(long seed, int h, int n, int l) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] v = roundToFloat(normal(r, 2 * h * n));
            double[] w = roundToFloat(normal(r, 2 * h * n));
            return new CauchyInputs(v, w, roundToFloat(normal(r, 2 * l)));
        }
    }

    /** Vandermonde inputs rounded to float: v (H,N) complex, x (H,N) S4D-Lin exponents, u (H,L) real. */
    record VandermondeInputs(double[] v, double[] x, double[] u) {
        static VandermondeInputs random(long seed, int h, int n, int l) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] v = roundToFloat(normal(r, 2 * h * n));
            double[] x = roundToFloat(s4dLin(r, h, n));
            return new VandermondeInputs(v, x, roundToFloat(normal(r, h * l)));
        }
    }

    /** Standard normal values, seeded. */
    static double[] normal(SplittableRandom r, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return out;
    }

    /**
     * S4D-Lin-like exponents (H,N) complex: {@code dt·(−0.5 + iπn)} with log-uniform dt in [1e-3, 1e-1] per
     * channel (SPEC 4.4), so terms decay over hundreds to thousands of steps.
     */
    static double[] s4dLin(SplittableRandom r, int h, int n) {
        double[] x = new double[2 * h * n];
        for (int c = 0; c < h; c++) {
            double dt = Math.exp(Math.log(1e-3) + r.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
            for (int j = 0; j < n; j++) {
                x[2 * (c * n + j)] = -0.5 * dt;
                x[2 * (c * n + j) + 1] = Math.PI * j * dt;
            }
        }
        return x;
    }

    /** Values rounded to float and widened back: the inputs an fp32 call really sees. */
    static double[] roundToFloat(double[] d) {
        return Precision.widen("d", Precision.toFloats(d));
    }

    /** A float copy of {@code d} placed at {@code off} in an array with {@code guard} NaN cells after it. */
    static float[] floats(double[] d, int off, int guard) {
        float[] f = new float[off + d.length + guard];
        java.util.Arrays.fill(f, Float.NaN);
        Precision.narrow(d, f, off);
        return f;
    }

    /** A double copy of {@code d} placed at {@code off} with NaN guard cells before and after. */
    static double[] doubles(double[] d, int off, int guard) {
        double[] f = new double[off + d.length + guard];
        java.util.Arrays.fill(f, Double.NaN);
        System.arraycopy(d, 0, f, off, d.length);
        return f;
    }
}
