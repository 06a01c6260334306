package ssm4j.kernels.s4d;

import java.util.SplittableRandom;
import ssm4j.kernels.TestArrays;

/** Random stable diagonal systems and independent reference formulas for the S4D tests. */
final class S4dTestSystems {
    private S4dTestSystems() {
    }

    /** dt (H) in [0.01, 0.1]. */
    static double[] dt(SplittableRandom rnd, int h) {
        double[] dt = new double[h];
        for (int i = 0; i < h; i++) {
            dt[i] = 0.01 + 0.09 * rnd.nextDouble();
        }
        return dt;
    }

    /** A (H,N') with Re A ∈ [−2, −0.05], Im A ∈ [−5, 5] (|dt·A| ≤ 0.54); real systems: Im A = 0. */
    static double[] a(SplittableRandom rnd, int count, boolean real) {
        double[] a = new double[2 * count];
        for (int j = 0; j < count; j++) {
            a[2 * j] = -(0.05 + 1.95 * rnd.nextDouble());
            a[2 * j + 1] = real ? 0 : -5 + 10 * rnd.nextDouble();
        }
        return a;
    }

    static double[] normal(SplittableRandom rnd, int count, boolean realComplex) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = realComplex && (i & 1) == 1 ? 0 : rnd.nextGaussian();
        }
        return a;
    }

    /** Ā, B̄ by the textbook formulas (1.2c), naive differences (fine for |dtA| ≥ 5e-4). {dA, dB} complex. */
    static double[][] discretize(S4dDiscretization disc, int h, int n, double[] dt, double[] a, double[] b) {
        double[] dA = new double[2 * h * n];
        double[] dB = new double[2 * h * n];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < n; j++) {
                int o = 2 * (i * n + j);
                double xr = dt[i] * a[o];
                double xi = dt[i] * a[o + 1];
                double[] abar;
                double[] beta;
                if (disc == S4dDiscretization.ZOH) {
                    abar = new double[] {Math.exp(xr) * Math.cos(xi), Math.exp(xr) * Math.sin(xi)};
                    beta = div(abar[0] - 1, abar[1], a[o], a[o + 1]);
                } else {
                    abar = div(1 + xr / 2, xi / 2, 1 - xr / 2, -xi / 2);
                    beta = div(dt[i], 0, 1 - xr / 2, -xi / 2);
                }
                dA[o] = abar[0];
                dA[o + 1] = abar[1];
                dB[o] = b[o] * beta[0] - b[o + 1] * beta[1];
                dB[o + 1] = b[o] * beta[1] + b[o + 1] * beta[0];
            }
        }
        return new double[][] {dA, dB};
    }

    static double[] div(double ar, double ai, double br, double bi) {
        double d = br * br + bi * bi;
        return new double[] {(ar * br + ai * bi) / d, (ai * br - ar * bi) / d};
    }

    /** (4.2) with Ā^l by repeated multiplication: K[c,h,l] = 2·Re Σ C·B̄·Ā^l, (Cn,H,L). */
    static double[] directKernel(int h, int n, int channels, double[] dA, double[] dB, double[] c, int l) {
        double[] k = new double[channels * h * l];
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < n; j++) {
                    int o = 2 * (i * n + j);
                    int co = 2 * ((ch * h + i) * n + j);
                    double vr = c[co] * dB[o] - c[co + 1] * dB[o + 1];
                    double vi = c[co] * dB[o + 1] + c[co + 1] * dB[o];
                    for (int t = 0; t < l; t++) {
                        k[(ch * h + i) * l + t] += 2 * vr;
                        double nr = vr * dA[o] - vi * dA[o + 1];
                        vi = vr * dA[o + 1] + vi * dA[o];
                        vr = nr;
                    }
                }
            }
        }
        return k;
    }

    static double maxAbs(double[] a) {
        return TestArrays.maxAbs(a);
    }
}
