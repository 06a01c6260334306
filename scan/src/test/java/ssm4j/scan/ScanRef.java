package ssm4j.scan;

import java.util.SplittableRandom;

import ssm4j.api.BcLayout;
import ssm4j.api.DiagScanShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.scan.ref.Widening;

/**
 * Direct fp64 loops of SPEC (8.4) and (7.2a–d), written from the formulas for the tests (independent of the
 * tiers' code), plus seeded inputs and the error bounds the tests use. {@code scale} is the largest
 * {@code Σ_n |c_n·x_n| + |skip|} seen, times the largest gate factor: the magnitude the fp32 rounding errors
 * are relative to.
 */
public final class ScanRef {
    /** fp32 unit roundoff. */
    public static final double EPS32 = Math.ulp(1f) / 2;
    /** fp64 unit roundoff. */
    public static final double EPS64 = Math.ulp(1.0) / 2;

    private ScanRef() {
    }

    /** Outputs of a reference run. */
    public record Result(double[] y, double[] state, double scale) {
    }

    /** Uniform in [lo, hi). */
    public static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    /** Rounded to float. */
    public static float[] f(double[] v) {
        if (v == null) {
            return null;
        }
        float[] o = new float[v.length];
        Widening.narrow(v, o);
        return o;
    }

    /** Widened to double (so a reference sees exactly the fp32 inputs). */
    public static double[] d(float[] v) {
        return Widening.widen(v);
    }

    /** Stable diagonal parameters: |a| in [0.5, rho] with random phase when complex; b, c in [-1, 1]. */
    public static double[][] diagParams(SplittableRandom r, DiagScanShape s, double rho) {
        int m = (int) s.paramSize();
        double[] a = new double[m];
        for (int i = 0; i < s.h() * s.n(); i++) {
            double mag = 0.5 + (rho - 0.5) * r.nextDouble();
            if (s.complex()) {
                double ph = Math.PI * (2 * r.nextDouble() - 1);
                a[2 * i] = mag * Math.cos(ph);
                a[2 * i + 1] = mag * Math.sin(ph);
            } else {
                a[i] = r.nextBoolean() ? mag : -mag;
            }
        }
        return new double[][] {a, uniform(r, m, -1, 1), uniform(r, m, -1, 1)};
    }

    /** (8.4) with skip d: x_t = a∘x_{t−1} + b∘u_t, y_t = Re Σ c·x_t + d·u_t. */
    public static Result diag(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0,
                              double[] u) {
        int n = s.n();
        int len = s.length();
        int w = s.complex() ? 2 : 1;
        double[] y = new double[s.batch() * s.h() * len];
        double[] st = new double[(int) s.stateSize()];
        double scale = 0;
        for (int r = 0; r < s.batch() * s.h(); r++) {
            int hh = r % s.h();
            double[] x = new double[n * w];
            if (x0 != null) {
                System.arraycopy(x0, r * n * w, x, 0, n * w);
            }
            for (int t = 0; t < len; t++) {
                double ut = u[r * len + t];
                double acc = 0;
                double mag = 0;
                for (int j = 0; j < n; j++) {
                    int q = (hh * n + j) * w;
                    if (w == 1) {
                        x[j] = a[q] * x[j] + b[q] * ut;
                        acc += c[q] * x[j];
                        mag += Math.abs(c[q] * x[j]) + Math.abs(b[q] * ut);
                    } else {
                        double xr = a[q] * x[2 * j] - a[q + 1] * x[2 * j + 1] + b[q] * ut;
                        double xi = a[q] * x[2 * j + 1] + a[q + 1] * x[2 * j] + b[q + 1] * ut;
                        x[2 * j] = xr;
                        x[2 * j + 1] = xi;
                        acc += c[q] * xr - c[q + 1] * xi;
                        mag += Math.hypot(c[q], c[q + 1]) * Math.hypot(xr, xi)
                                + Math.hypot(b[q], b[q + 1]) * Math.abs(ut);
                    }
                }
                double skip = d == null ? 0 : d[hh] * ut;
                y[r * len + t] = acc + skip;
                scale = Math.max(scale, mag + Math.abs(skip));
            }
            System.arraycopy(x, 0, st, r * n * w, n * w);
        }
        return new Result(y, st, scale);
    }

    /** softplus with threshold 20 (7.2a). */
    public static double softplus(double v) {
        return v > 20 ? v : Math.log1p(Math.exp(v));
    }

    /** B or C element (n, t) of channel d in batch b (complex: re; im at +1), per SPEC 7.1 layouts. */
    public static int bcIndex(SelectiveScanShape s, BcLayout lay, int b, int d, int n, int t) {
        int w = s.complexA() ? 2 : 1;
        int len = s.length();
        return switch (lay) {
            case FIXED -> (d * s.dstate() + n) * w;
            case PER_TIME -> (b * s.dstate() + n) * len * w + t * w;
            case GROUPED -> ((b * s.groups() + d / (s.dim() / s.groups())) * s.dstate() + n) * len * w + t * w;
        };
    }

    /** (7.2a–d) for every option of the shape, packed sequences included. */
    public static Result selective(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] bm,
                                   double[] cm, double[] dv, double[] z, double[] bias, double[] x0) {
        int dim = s.dim();
        int n = s.dstate();
        int len = s.length();
        int w = s.complexA() ? 2 : 1;
        int[] starts = s.seqStarts();
        double[] out = new double[(int) s.seqSize()];
        double[] last = new double[(int) s.stateSize()];
        double scale = 0;
        for (int b = 0; b < s.batch(); b++) {
            for (int d = 0; d < dim; d++) {
                int nseq = starts == null ? 1 : starts.length - 1;
                for (int k = 0; k < nseq; k++) {
                    int t0 = starts == null ? 0 : starts[k];
                    int t1 = starts == null ? len : starts[k + 1];
                    int so = ((starts == null ? b : k) * dim + d) * n * w;
                    double[] x = new double[n * w];
                    if (x0 != null) {
                        System.arraycopy(x0, so, x, 0, n * w);
                    }
                    for (int t = t0; t < t1; t++) {
                        int i = (b * dim + d) * len + t;
                        double dt = delta[i] + (bias == null ? 0 : bias[d]);
                        if (s.deltaSoftplus()) {
                            dt = softplus(dt);
                        }
                        double y = 0;
                        double mag = 0;
                        for (int j = 0; j < n; j++) {
                            int bi = bcIndex(s, s.bLayout(), b, d, j, t);
                            int ci = bcIndex(s, s.cLayout(), b, d, j, t);
                            if (w == 1) {
                                x[j] = Math.exp(dt * a[d * n + j]) * x[j] + dt * bm[bi] * u[i];
                                y += x[j] * cm[ci];
                                mag += Math.abs(x[j] * cm[ci]);
                            } else {
                                double e = Math.exp(dt * a[2 * (d * n + j)]);
                                double ph = dt * a[2 * (d * n + j) + 1];
                                double ar = e * Math.cos(ph);
                                double ai = e * Math.sin(ph);
                                double xr = ar * x[2 * j] - ai * x[2 * j + 1] + dt * bm[bi] * u[i];
                                double xi = ar * x[2 * j + 1] + ai * x[2 * j] + dt * bm[bi + 1] * u[i];
                                x[2 * j] = xr;
                                x[2 * j + 1] = xi;
                                y += xr * cm[ci] - xi * cm[ci + 1];
                                mag += 2 * Math.hypot(xr, xi) * Math.hypot(cm[ci], cm[ci + 1]);
                            }
                        }
                        if (w == 2) {
                            y *= 2;
                        }
                        double skip = dv == null ? 0 : dv[d] * u[i];
                        double gate = z == null ? 1 : z[i] / (1 + Math.exp(-z[i]));
                        out[i] = (y + skip) * gate;
                        scale = Math.max(scale, (mag + Math.abs(skip)) * Math.max(1, Math.abs(gate)));
                    }
                    System.arraycopy(x, 0, last, so, n * w);
                }
            }
        }
        return new Result(out, last, scale);
    }

    /** max_i |got_i − ref_i| over the first ref.length elements. */
    public static double maxErr(float[] got, double[] ref) {
        return maxErr(d(got), ref);   // widening is exact: the same differences as in float-to-double arithmetic
    }

    /** fp64 {@link #maxErr(float[], double[])}. */
    public static double maxErr(double[] got, double[] ref) {
        double m = 0;
        for (int i = 0; i < ref.length; i++) {
            double e = Math.abs(got[i] - ref[i]);
            if (Double.isNaN(e)) {
                return Double.POSITIVE_INFINITY;
            }
            m = Math.max(m, e);
        }
        return m;
    }

    /**
     * Rounding bound of a first-order recurrence with memory {@code m = 1/(1 − max|a|)} and {@code terms}
     * summed per output: each step adds a few roundings (multiply, add, the exp polynomial's ≤ 4 ulp) relative
     * to the current magnitude, the recurrence accumulates them over about m steps, the output sum adds one per
     * term. 16 roundings per step/term covers exp (≤ 4 ulp), softplus, the gate and the products.
     */
    public static double bound(double eps, double memory, int terms, double scale) {
        return 16 * eps * (memory + terms + 4) * scale;
    }
}
