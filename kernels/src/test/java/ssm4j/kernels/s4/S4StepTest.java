package ssm4j.kernels.s4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * Recurrent view vs convolutional view of S4 (SPEC 1.3, 1.4, 3.6): from a zero state the dense, linear and
 * diagonal step modes equal the causal convolution of u with the Cauchy-generated kernel; from a state s they
 * equal that convolution plus K_state (1.4a), and the final state equals dA^L s + Σ dA^{L−1−j} dB u_j (1.4c).
 */
class S4StepTest {
    private static final double EPS = Math.ulp(1.0);
    private static final SsmKernel SCALAR = Backends.byName("scalar", 1);

    static double[] causalConv(double[] k, int channels, int h, int batch, double[] u, int l) {
        double[] y = new double[batch * channels * h * l];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < h; i++) {
                    for (int t = 0; t < l; t++) {
                        double acc = 0;
                        for (int j = 0; j <= t; j++) {
                            acc += k[(c * h + i) * l + j] * u[(b * h + i) * l + t - j];
                        }
                        y[((b * channels + c) * h + i) * l + t] = acc;
                    }
                }
            }
        }
        return y;
    }

    /**
     * Tolerance: y is a sum of ≤ L kernel taps times |u| ≤ ~4, each tap accurate to the kernel bound
     * 64·ε·N'·(L+10)·max|K| (S4KernelTest); the recurrence adds ≈ 2N'·ε per step and channel over L steps. So
     * 64·ε·N'·(L+10)·L·max|K|·max|u|. The diagonal mode also carries the eigenvector condition number: for these
     * random systems dA is close to normal (‖PPᴴ‖ small against the spread of Λ), so a factor 1e3 covers it.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1,1,1", "3,2,17,2,1", "1,3,33,1,2", "3,7,64,3,1", "1,16,65,1,1", "3,17,31,2,2"})
    void stepModesEqualConvolution(int h, int n, int l, int rank, int channels) {
        long seed = h * 1000L + n * 100L + l + rank;
        SplittableRandom rnd = new SplittableRandom(seed);
        DplrSystem s = DplrTestSystems.random(rnd, h, n, rank);
        double[] c = DplrTestSystems.normal(rnd, 2 * channels * h * n);
        int batch = 2;
        double[] u = DplrTestSystems.normal(rnd, batch * h * l);
        S4Kernel k = S4Kernel.fromC(s, channels, c, 0);
        double[] kk = new double[channels * h * l];
        k.kernel(SCALAR, l, kk, 0);
        double[] want = causalConv(kk, channels, h, batch, u, l);
        S4DenseForm form = S4DenseForm.of(s, channels, k.cTilde(), k.lKernel());
        double tol = 64 * EPS * n * (l + 10) * l * DplrTestSystems.maxAbs(kk) * DplrTestSystems.maxAbs(u);
        S4Step[] modes = {new S4DenseStep(form), S4LinearStep.of(s, form), new S4DiagonalStep(form)};
        double[] factor = {1, 1, 1e3};
        for (int m = 0; m < modes.length; m++) {
            double[] state = new double[2 * batch * h * modes[m].stateSize()];
            double[] y = new double[want.length];
            modes[m].steps(batch, l, state, u, y);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], y[i], factor[m] * tol, modes[m].getClass().getSimpleName() + " i=" + i
                        + " seed=" + seed);
            }
        }
    }

    /** From a state: linear steps = conv + K_state, and its final state = the dense mode's (first N'). */
    @ParameterizedTest
    @CsvSource({"1,1,1,1", "3,3,17,2", "1,7,64,1", "3,16,33,3"})
    void fromStateMatchesConvolutionPlusStateKernel(int h, int n, int l, int rank) {
        long seed = 7 * h + 11L * n + l + rank;
        SplittableRandom rnd = new SplittableRandom(seed);
        DplrSystem s = DplrTestSystems.random(rnd, h, n, rank);
        double[] c = DplrTestSystems.normal(rnd, 2 * h * n);
        int batch = 2;
        double[] u = DplrTestSystems.normal(rnd, batch * h * l);
        double[] s0 = DplrTestSystems.normal(rnd, 2 * batch * h * n);
        S4Kernel k = S4Kernel.fromC(s, 1, c, 0);
        double[] kk = new double[h * l];
        double[] ks = new double[batch * h * l];
        k.stateKernel(SCALAR, batch, s0, l, kk, ks);
        double[] want = causalConv(kk, 1, h, batch, u, l);
        for (int i = 0; i < want.length; i++) {
            want[i] += ks[i];
        }
        S4DenseForm form = S4DenseForm.of(s, 1, k.cTilde(), k.lKernel());
        S4LinearStep linear = S4LinearStep.of(s, form);
        double[] st = s0.clone();
        double[] y = new double[want.length];
        linear.steps(batch, l, st, u, y);
        double scale = DplrTestSystems.maxAbs(want);
        double tol = 64 * EPS * n * (l + 10) * l * Math.max(scale, DplrTestSystems.maxAbs(u));
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], y[i], tol, "y i=" + i + " seed=" + seed);
        }
        S4DenseStep dense = new S4DenseStep(form);
        double[] full = new double[2 * batch * h * 2 * n];
        for (int r = 0; r < batch * h; r++) {
            double[] e = DplrMatrices.expand(s0, 2 * r * n, n);
            System.arraycopy(e, 0, full, 2 * r * 2 * n, 4 * n);
        }
        dense.steps(batch, l, full, u, null);
        // 2N'·ε per step over L steps on a state of size ≲ max|s0| + L·|dB||u|
        double stTol = 16 * EPS * n * l * (DplrTestSystems.maxAbs(s0) + l * DplrTestSystems.maxAbs(u));
        for (int r = 0; r < batch * h; r++) {
            for (int j = 0; j < 2 * n; j++) {
                assertEquals(full[2 * r * 2 * n + j], st[2 * r * n + j], stTol, "state r=" + r + " j=" + j);
            }
        }
    }
}
