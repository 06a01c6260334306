package ssm4j.kernels.s4;

import java.util.SplittableRandom;

import org.ejml.data.ZMatrixRMaj;
import ssm4j.kernels.TestArrays;

/** Random stable DPLR systems and dense reference computations for the tests (independent of Cauchy/FFT). */
final class DplrTestSystems {
    private DplrTestSystems() {
    }

    /**
     * Λ_n = −a + i·b with a ∈ [0.1, 1], b ∈ [−8, 8]; P, B, C complex normal (P scaled by 0.3); dt ∈ [0.01, 0.1].
     * Stable: the Hermitian part of A_full = diag(ce(Λ)) − Σ ce(P)ce(P)ᴴ is diag(Re Λ) − Σ ce(P)ce(P)ᴴ ≤ −0.1·I.
     */
    static DplrSystem random(SplittableRandom rnd, int h, int n, int rank) {
        double[] dt = new double[h];
        double[] lambda = new double[2 * h * n];
        double[] p = new double[2 * rank * h * n];
        double[] b = new double[2 * h * n];
        for (int i = 0; i < h; i++) {
            dt[i] = 0.01 + 0.09 * rnd.nextDouble();
        }
        for (int j = 0; j < h * n; j++) {
            lambda[2 * j] = -(0.1 + 0.9 * rnd.nextDouble());
            lambda[2 * j + 1] = -8 + 16 * rnd.nextDouble();
            b[2 * j] = rnd.nextGaussian();
            b[2 * j + 1] = rnd.nextGaussian();
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = 0.3 * rnd.nextGaussian();
        }
        return new DplrSystem(h, n, rank, dt, lambda, p, b);
    }

    static double[] normal(SplittableRandom rnd, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    /** K[c,h,l] = Re(ce(C) dA^l dB) by L dense matrix–vector products, (Cn,H,L). */
    static double[] denseKernel(DplrSystem s, int channels, double[] c, int l) {
        double[] out = new double[channels * s.h * l];
        for (int i = 0; i < s.h; i++) {
            ZMatrixRMaj[] d = DplrMatrices.bilinear(s, i);
            double[] x = d[1].data.clone();
            for (int t = 0; t < l; t++) {
                for (int ch = 0; ch < channels; ch++) {
                    double[] cf = DplrMatrices.expand(c, 2 * (ch * s.h + i) * s.n, s.n);
                    double acc = 0;
                    for (int j = 0; j < cf.length; j += 2) {
                        acc += cf[j] * x[j] - cf[j + 1] * x[j + 1];
                    }
                    out[(ch * s.h + i) * l + t] = acc;
                }
                x = DplrMatrices.times(d[0], x);
            }
        }
        return out;
    }

    /** K_state[b,c,h,l] = Re(ce(C) dA^{l+1} ce(s_b)) (3.5a), (B,Cn,H,L). */
    static double[] denseStateKernel(DplrSystem s, int channels, double[] c, int batch, double[] state, int l) {
        double[] out = new double[batch * channels * s.h * l];
        for (int i = 0; i < s.h; i++) {
            ZMatrixRMaj da = DplrMatrices.bilinear(s, i)[0];
            for (int b = 0; b < batch; b++) {
                double[] x = DplrMatrices.expand(state, 2 * (b * s.h + i) * s.n, s.n);
                for (int t = 0; t < l; t++) {
                    x = DplrMatrices.times(da, x);
                    for (int ch = 0; ch < channels; ch++) {
                        double[] cf = DplrMatrices.expand(c, 2 * (ch * s.h + i) * s.n, s.n);
                        double acc = 0;
                        for (int j = 0; j < cf.length; j += 2) {
                            acc += cf[j] * x[j] - cf[j + 1] * x[j + 1];
                        }
                        out[((b * channels + ch) * s.h + i) * l + t] = acc;
                    }
                }
            }
        }
        return out;
    }

    static double maxAbs(double[] a) {
        return TestArrays.maxAbs(a);
    }
}
