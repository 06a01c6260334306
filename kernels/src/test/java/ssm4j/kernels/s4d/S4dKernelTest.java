package ssm4j.kernels.s4d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/** The S4D kernel (4.2), its state terms (4.5) and steps (4.6) against independent formulas. */
class S4dKernelTest {
    private static final double EPS = Math.ulp(1.0);
    private static final SsmKernel SCALAR = Backends.byName("scalar", 1);

    static List<Arguments> sizes() {
        List<Arguments> a = new ArrayList<>();
        int[] ns = {1, 2, 3, 7, 16, 17, 33};
        int[] ls = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4097};
        int k = 0;
        for (int n : ns) {
            for (int l : ls) {
                a.add(Arguments.of(k % 2 == 0 ? 1 : 3, n, l, 1 + (k / 2) % 2,
                        k % 3 == 0 ? S4dDiscretization.BILINEAR : S4dDiscretization.ZOH, k % 5 == 0));
                k++;
            }
        }
        return a;
    }

    /**
     * Tolerance per row: the reference multiplies Ā L times (≈ 2ε·l relative drift) and the naive ZOH
     * difference loses ε/|dtA| ≤ 2e3·ε; the backend's e^{l·x} errs by ≈ ε·l·|x| + a few ε. Summed over N' terms
     * of size |C·B̄|, with the factor 2: 2·Σ|C·B̄|·8ε·(L + 2e3).
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void kernelMatchesDirectFormula(int h, int n, int l, int channels, S4dDiscretization disc, boolean real) {
        long seed = h * 7L + n * 131L + l * 17L + channels + (real ? 5 : 0) + disc.ordinal();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] dt = S4dTestSystems.dt(rnd, h);
        double[] a = S4dTestSystems.a(rnd, h * n, real);
        double[] b = S4dTestSystems.normal(rnd, 2 * h * n, real);
        double[] c = S4dTestSystems.normal(rnd, 2 * channels * h * n, real);
        S4dKernel k = real
                ? S4dKernel.ofReal(disc, h, n, channels, dt, evens(a), evens(b), evens(c))
                : S4dKernel.of(disc, h, n, channels, dt, a, b, c);
        double[][] d = S4dTestSystems.discretize(disc, h, n, dt, a, b);
        double[] want = S4dTestSystems.directKernel(h, n, channels, d[0], d[1], c, l);
        int off = 5;
        double[] got = new double[off + want.length + 1];
        got[off - 1] = Double.NaN;
        got[off + want.length] = Double.NaN;
        k.kernel(SCALAR, l, got, off);
        float[] got32 = new float[want.length];
        k.kernel(SCALAR, l, got32, 0);
        for (int ch = 0; ch < channels; ch++) {
            for (int i = 0; i < h; i++) {
                double mass = 0;
                double maxX = 0;
                for (int j = 0; j < n; j++) {
                    int o = 2 * (i * n + j);
                    int co = 2 * ((ch * h + i) * n + j);
                    mass += Math.hypot(c[co], c[co + 1]) * Math.hypot(d[1][o], d[1][o + 1]);
                    maxX = Math.max(maxX, dt[i] * Math.hypot(a[o], a[o + 1]));
                }
                double tol = 2 * mass * 8 * EPS * (l + 2e3);
                // fp32: tables rounded (ε32 relative in v, phase error l·|x|·ε32) and an fp32 sum of N' terms
                double tol32 = 2 * mass * Math.ulp(1f) * (16 + n + 4 * l * maxX);
                for (int t = 0; t < l; t++) {
                    int idx = (ch * h + i) * l + t;
                    assertEquals(want[idx], got[off + idx], tol, "seed=" + seed + " idx=" + idx);
                    assertEquals(want[idx], got32[idx], tol32, "fp32 seed=" + seed + " idx=" + idx);
                }
            }
        }
        assertTrue(Double.isNaN(got[off - 1]) && Double.isNaN(got[off + want.length]), "guard cells");
    }

    private static double[] evens(double[] z) {
        double[] r = new double[z.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = z[2 * i];
        }
        return r;
    }

    /** (1.4a, 1.4c): steps from a state = conv(K, u) + K_state, and the final state = nextState. */
    @ParameterizedTest
    @MethodSource("stateSizes")
    void stateTermsMatchSteps(int h, int n, int l, S4dDiscretization disc) {
        long seed = 3L * h + 5L * n + l;
        SplittableRandom rnd = new SplittableRandom(seed);
        int batch = 2;
        int channels = 2;
        double[] dt = S4dTestSystems.dt(rnd, h);
        double[] a = S4dTestSystems.a(rnd, h * n, false);
        double[] b = S4dTestSystems.normal(rnd, 2 * h * n, false);
        double[] c = S4dTestSystems.normal(rnd, 2 * channels * h * n, false);
        double[] s0 = S4dTestSystems.normal(rnd, 2 * batch * h * n, false);
        double[] u = S4dTestSystems.normal(rnd, batch * h * l, false);
        S4dKernel k = S4dKernel.of(disc, h, n, channels, dt, a, b, c);
        double[] kk = new double[channels * h * l];
        k.kernel(SCALAR, l, kk, 0);
        double[] ks = new double[batch * channels * h * l];
        k.stateKernel(SCALAR, batch, s0, l, ks);
        double[] next = new double[2 * batch * h * n];
        k.nextState(SCALAR, batch, s0, u, l, next);
        double[] st = s0.clone();
        double[] y = new double[ks.length];
        S4dRecurrence.of(k).steps(batch, l, st, u, y);
        // conv sums ≤ L taps (each within the kernel bound) times |u|; the recurrence drifts ≈ 2ε per step
        double scale = (S4dTestSystems.maxAbs(kk) * l + S4dTestSystems.maxAbs(ks)) * S4dTestSystems.maxAbs(u);
        double tol = 64 * EPS * (l + 2e3) * n * Math.max(scale, 1);
        for (int bb = 0; bb < batch; bb++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int i = 0; i < h; i++) {
                    for (int t = 0; t < l; t++) {
                        double acc = ks[((bb * channels + ch) * h + i) * l + t];
                        for (int j = 0; j <= t; j++) {
                            acc += kk[(ch * h + i) * l + j] * u[(bb * h + i) * l + t - j];
                        }
                        assertEquals(acc, y[((bb * channels + ch) * h + i) * l + t], tol, "seed=" + seed);
                    }
                }
            }
        }
        double stTol = 64 * EPS * (l + 2e3) * (S4dTestSystems.maxAbs(s0) + l * S4dTestSystems.maxAbs(u));
        for (int i = 0; i < st.length; i++) {
            assertEquals(st[i], next[i], stTol, "state i=" + i + " seed=" + seed);
        }
    }

    static List<Arguments> stateSizes() {
        return List.of(Arguments.of(1, 1, 1, S4dDiscretization.ZOH), Arguments.of(3, 3, 17, S4dDiscretization.BILINEAR),
                Arguments.of(1, 7, 64, S4dDiscretization.ZOH), Arguments.of(3, 17, 65, S4dDiscretization.BILINEAR),
                Arguments.of(1, 33, 1000, S4dDiscretization.ZOH));
    }

    @Test
    void badInputNamesTheArgument() {
        double[] dt = {0.1};
        double[] a = {-0.5, 1};
        double[] b = {1, 0};
        double[] c = {1, 0};
        S4dDiscretization z = S4dDiscretization.ZOH;
        assertMessage("a", () -> S4dKernel.of(z, 1, 1, 1, dt, new double[] {0, 1}, b, c));
        assertMessage("a", () -> S4dKernel.of(z, 1, 1, 1, dt, new double[] {0.5, 1}, b, c));
        assertMessage("a", () -> S4dKernel.of(z, 1, 1, 1, dt, new double[] {Double.NaN, 1}, b, c));
        assertMessage("dt", () -> S4dKernel.of(z, 1, 1, 1, new double[] {0}, a, b, c));
        assertMessage("dt", () -> S4dKernel.of(z, 1, 1, 1, new double[] {Double.NaN}, a, b, c));
        assertMessage("dt", () -> S4dKernel.of(z, 1, 1, 1, new double[] {-1}, a, b, c));
        assertMessage("c", () -> S4dKernel.of(z, 1, 1, 2, dt, a, b, c));
        assertMessage("n", () -> S4dKernel.of(z, 1, 0, 1, dt, a, b, c));
        assertMessage("disc", () -> S4dDiscretization.parse("euler"));
        S4dKernel k = S4dKernel.of(z, 1, 1, 1, dt, a, b, c);
        assertMessage("l", () -> k.kernel(SCALAR, 0, new double[1], 0));
        assertMessage("out", () -> k.kernel(SCALAR, 4, new double[5], 2));
        assertMessage("u", () -> k.nextState(SCALAR, 1, null, new double[] {Double.NaN, 0}, 2, new double[2]));
        assertMessage("state", () -> k.stateKernel(SCALAR, 2, new double[2], 3, new double[6]));
    }

    static void assertMessage(String arg, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(arg + ":"), "message should name '" + arg + "': " + ex.getMessage());
    }
}
