package ssm4j.blocks.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.Tensor;

/** Shared checks of the kernel-module tests: golden comparison, step-by-step runs, causal convolution. */
final class KernelModuleChecks {
    private KernelModuleChecks() {
    }

    /** {@code got} against golden output {@code out} of case {@code cas} with the manifest's tolerance. */
    static void golden(String cas, String out, Tensor got, SsmKernel k) throws IOException {
        double[] ref = Golden.output(cas, out);
        double err = Golden.maxDiff(got.toDoubles(), ref);
        assertTrue(err <= Golden.allowed(cas, out), cas + " " + out + " on " + k.describe() + ": error " + err
                + " allowed " + Golden.allowed(cas, out));
    }

    /** An fp32 module's K_state for {@code state} (rounded to fp32) is fp32 and matches golden {@code K_state_f32}. */
    static void stateKernelF32(KernelModule m32, String cas, Tensor state, int l, SsmKernel k) throws IOException {
        KernelResult r32 = m32.forward(state.asF32(), 1.0, l);
        assertFalse(r32.kState().isDouble());
        golden(cas, "K_state_f32", r32.kState(), k);
    }

    /** A copy of {@code t} placed at offset 5 of a larger array with NaN guards: the wrapper must honour offsets. */
    static Tensor shifted(Tensor t) {
        double[] a = new double[(int) t.size() + 9];
        java.util.Arrays.fill(a, Double.NaN);
        System.arraycopy(t.toDoubles(), 0, a, 5, (int) t.size());
        return Tensor.of(a, 5, t.shape());
    }

    /** Column {@code l} of u (B,H,L) as a (B,H) tensor of u's precision. */
    static Tensor column(Tensor u, int l) {
        int b = u.dim(0);
        int h = u.dim(1);
        int len = u.dim(2);
        double[] c = new double[b * h];
        for (int i = 0; i < b * h; i++) {
            c[i] = u.get((long) i * len + l);
        }
        Tensor t = Tensor.wrap(c, b, h);
        return u.isDouble() ? t : t.asF32();
    }

    /** Stores y (B,Cn,H) of step l into ys (B,Cn,H,L). */
    static void store(Tensor y, int l, int len, double[] ys) {
        for (int i = 0; i < y.size(); i++) {
            ys[i * len + l] = y.get(i);
        }
    }

    /**
     * The causal convolution {@code y[b,c,h,l] = Σ_{j≤l} K[c,h,j]·u[b,h,l−j]} (independent of the modules) and the
     * sum of the magnitudes of its terms per output, {@code bound[b,c,h,l] = Σ_j |K||u|}.
     */
    static double[][] causalConv(Tensor kt, Tensor ut) {
        int cn = kt.dim(0);
        int h = kt.dim(1);
        int len = kt.dim(2);
        int b = ut.dim(0);
        double[] y = new double[b * cn * h * len];
        double[] mag = new double[y.length];
        for (int bi = 0; bi < b; bi++) {
            for (int c = 0; c < cn; c++) {
                for (int i = 0; i < h; i++) {
                    for (int l = 0; l < len; l++) {
                        double s = 0;
                        double m = 0;
                        for (int j = 0; j <= l; j++) {
                            double t = kt.get((long) (c * h + i) * len + j) * ut.get((long) (bi * h + i) * len + l - j);
                            s += t;
                            m += Math.abs(t);
                        }
                        y[((bi * cn + c) * h + i) * len + l] = s;
                        mag[((bi * cn + c) * h + i) * len + l] = m;
                    }
                }
            }
        }
        return new double[][] {y, mag};
    }

    /**
     * The step outputs {@code ys} equal the causal convolution with the forward kernel K. Bound per output: the
     * convolution sum of L terms and the recurrence (whose state is a sum of the same L decaying terms, each formed
     * with O(N) further operations) both round at most ~(L + 4N)·ε relative to {@code Σ|K_j u_{l−j}|}; K itself
     * comes from a different algorithm (Vandermonde / Cauchy + iFFT) with its own golden tolerance
     * {@code kAllowed}, which enters as {@code kAllowed·Σ|u|}.
     */
    static void stepsEqualConvolution(String what, double[] ys, Tensor kt, Tensor ut, int n, double eps,
                                      double kAllowed) {
        double[][] conv = causalConv(kt, ut);
        int len = kt.dim(2);
        int h = kt.dim(1);
        int cn = kt.dim(0);
        double worst = 0;
        for (int i = 0; i < ys.length; i++) {
            int l = i % len;
            int hi = (i / len) % h;
            int bi = i / (len * h * cn);
            double uSum = 0;
            for (int j = 0; j <= l; j++) {
                uSum += Math.abs(ut.get((long) (bi * h + hi) * len + j));
            }
            double bound = (len + 4.0 * n) * eps * conv[1][i] + kAllowed * uSum;
            double err = Math.abs(ys[i] - conv[0][i]);
            assertTrue(err <= bound, what + ": step output " + i + " differs from the convolution by " + err
                    + ", bound " + bound);
            worst = Math.max(worst, err);
        }
        assertTrue(worst >= 0);
    }

    static void sameShape(int[] expected, Tensor t) {
        assertArrayEquals(expected, t.shape());
    }
}
