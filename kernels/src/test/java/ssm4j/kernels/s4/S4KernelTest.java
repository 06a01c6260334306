package ssm4j.kernels.s4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * The Cauchy/Woodbury/iFFT kernel (3.4) against the dense definition {@code Re(C dA^l dB)} (3.2c), on random
 * stable DPLR systems of awkward sizes, every rank path (1, 2, general) and both parities of Lk.
 */
class S4KernelTest {
    private static final double EPS = Math.ulp(1.0);
    private static final SsmKernel SCALAR = Backends.byName("scalar", 1);

    static List<Arguments> sizes() {
        List<Arguments> a = new ArrayList<>();
        int[] ns = {1, 2, 3, 7, 16, 17};
        int[] ls = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65};
        int k = 0;
        for (int n : ns) {
            for (int l : ls) {
                int h = (k % 2 == 0) ? 1 : 3;
                int rank = 1 + k % 3;
                int channels = 1 + (k / 3) % 2;
                a.add(Arguments.of(h, n, l, rank, channels));
                k++;
            }
        }
        return a;
    }

    /** A random DPLR system and output matrix C for one parameterised case; the seed goes into failure messages. */
    private record RandomCase(long seed, DplrSystem s, double[] c) {
        static RandomCase of(long seed, int h, int n, int rank, int channels) {
            SplittableRandom rnd = new SplittableRandom(seed);
            DplrSystem s = DplrTestSystems.random(rnd, h, n, rank);
            return new RandomCase(seed, s, DplrTestSystems.normal(rnd, 2 * channels * h * n));
        }
    }

    /**
     * Tolerance: the dense reference accumulates L matrix–vector products of size 2N' (≈ 2N'·L·ε relative
     * to max|K| since ‖dA‖ ≤ 1 for these stable systems); the Cauchy path sums N' terms per node, each a few ε,
     * amplified ≲ 10× by the Woodbury capacitance for |P| ~ 0.3, then an iFFT that adds log2(Lk)·ε. Together
     * ≤ 64·ε·N'·(L + 10)·max|K| with margin.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void fp64MatchesDenseDefinition(int h, int n, int l, int rank, int channels) {
        RandomCase t = RandomCase.of(31L * h + 17L * n + 7L * l + rank + 1000L * channels, h, n, rank, channels);
        double[] want = DplrTestSystems.denseKernel(t.s(), channels, t.c(), l);
        S4Kernel k = S4Kernel.fromC(t.s(), channels, t.c(), 0);
        int off = 3;
        double[] got = new double[channels * h * l + off + 2];
        got[off - 1] = Double.NaN;
        got[off + channels * h * l] = Double.NaN;
        k.kernel(SCALAR, l, got, off);
        double tol = 64 * EPS * n * (l + 10) * DplrTestSystems.maxAbs(want);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[off + i], tol, "i=" + i + " seed=" + t.seed());
        }
        assertTrue(Double.isNaN(got[off - 1]) && Double.isNaN(got[off + channels * h * l]), "guard cells");
        assertEquals(l, k.lKernel());
    }

    /**
     * fp32 path vs fp64 path: only the Cauchy sums run in fp32. Each of the N' pair terms carries ≈ 4 fp32
     * roundings (ε32 = 2^-23) of its size, which is at most |x||y|/|Re Λ| ≤ 10·|x||y|; with the Woodbury
     * amplification and a margin the bound is 256·ε32·N'·max|K|.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void fp32CloseToFp64(int h, int n, int l, int rank, int channels) {
        RandomCase t = RandomCase.of(5L * h + 3L * n + 11L * l + rank + 100L * channels, h, n, rank, channels);
        S4Kernel k = S4Kernel.fromC(t.s(), channels, t.c(), 0);
        double[] k64 = new double[channels * h * l];
        float[] k32 = new float[channels * h * l];
        k.kernel(SCALAR, l, k64, 0);
        k.kernel(SCALAR, l, k32, 0);
        double tol = 256 * Math.ulp(1f) * n * DplrTestSystems.maxAbs(k64);
        for (int i = 0; i < k64.length; i++) {
            assertEquals(k64[i], k32[i], tol, "i=" + i + " seed=" + t.seed());
        }
    }

    @Test
    void sameResultForAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(99);
        DplrSystem s = DplrTestSystems.random(rnd, 7, 5, 2);
        double[] c = DplrTestSystems.normal(rnd, 2 * 7 * 5);
        double[] ref = null;
        for (int t = 1; t <= 3; t++) {
            S4Kernel k = S4Kernel.fromC(s, 1, c, 0);
            double[] out = new double[7 * 100];
            k.kernel(Backends.byName("scalar", t), 100, out, 0);
            if (ref == null) {
                ref = out;
            } else {
                assertArrayEquals(ref, out, 0.0, "threads=" + t);
            }
        }
    }

    /** (3.3b): asking for 2L after L doubles C̃ to C(I − dA^{2L}); the first L taps stay those of K_L. */
    @Test
    void doublingEqualsDirectAttunement() {
        SplittableRandom rnd = new SplittableRandom(7);
        DplrSystem s = DplrTestSystems.random(rnd, 3, 6, 1);
        double[] c = DplrTestSystems.normal(rnd, 2 * 3 * 6);
        S4Kernel grown = S4Kernel.fromC(s, 1, c, 20);
        double[] k20 = new double[3 * 20];
        grown.kernel(SCALAR, 20, k20, 0);
        double[] k70 = new double[3 * 70];
        grown.kernel(SCALAR, 70, k70, 0);
        assertEquals(80, grown.lKernel());
        S4Kernel direct = S4Kernel.fromC(s, 1, c, 80);
        direct.attune(1);
        double[] ct1 = grown.cTilde();
        double[] ct2 = direct.cTilde();
        for (int i = 0; i < ct1.length; i++) {
            assertEquals(ct2[i], ct1[i], 1e-12 * 8, "C~ i=" + i);   // |C| ~ 3: a few ε per squaring
        }
        double[] want = DplrTestSystems.denseKernel(s, 1, c, 70);
        double tol = 64 * EPS * 6 * 80 * DplrTestSystems.maxAbs(want);
        for (int ch = 0; ch < 3; ch++) {
            for (int t = 0; t < 70; t++) {
                assertEquals(want[ch * 70 + t], k70[ch * 70 + t], tol);
                if (t < 20) {
                    assertEquals(k70[ch * 70 + t], k20[ch * 20 + t], tol);
                }
            }
        }
    }

    /** (3.5): K_state from extra Cauchy rows equals Re(C dA^{l+1} ce(s)); tolerance as the kernel's. */
    @Test
    void stateKernelMatchesDense() {
        for (int l : new int[] {1, 17, 64}) {
            SplittableRandom rnd = new SplittableRandom(l);
            int h = 3;
            int n = 7;
            DplrSystem s = DplrTestSystems.random(rnd, h, n, 2);
            double[] c = DplrTestSystems.normal(rnd, 2 * 2 * h * n);
            double[] state = DplrTestSystems.normal(rnd, 2 * 2 * h * n);
            S4Kernel k = S4Kernel.fromC(s, 2, c, 0);
            double[] kk = new double[2 * h * l];
            double[] ks = new double[2 * 2 * h * l];
            k.stateKernel(SCALAR, 2, state, l, kk, ks);
            double[] want = DplrTestSystems.denseStateKernel(s, 2, c, 2, state, l);
            double tol = 64 * EPS * n * (l + 10) * DplrTestSystems.maxAbs(want);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], ks[i], tol, "L=" + l + " i=" + i);
            }
            double[] wantK = DplrTestSystems.denseKernel(s, 2, c, l);
            for (int i = 0; i < wantK.length; i++) {
                assertEquals(wantK[i], kk[i], 64 * EPS * n * (l + 10) * DplrTestSystems.maxAbs(wantK));
            }
        }
    }

    @Test
    void badInputNamesTheArgument() {
        double[] dt = {0.1};
        double[] lam = {-0.5, 1, -0.2, -1};
        double[] p = {0.1, 0, 0.2, 0};
        double[] b = {1, 0, 1, 0};
        assertMessage("lambda", () -> new DplrSystem(1, 2, 1, dt, new double[] {0.0, 1, -0.2, -1}, p, b));
        assertMessage("dt", () -> new DplrSystem(1, 2, 1, new double[] {0}, lam, p, b));
        assertMessage("dt", () -> new DplrSystem(1, 2, 1, new double[] {Double.NaN}, lam, p, b));
        assertMessage("rank", () -> new DplrSystem(1, 2, 0, dt, lam, p, b));
        assertMessage("p", () -> new DplrSystem(1, 2, 2, dt, lam, p, b));
        assertMessage("b", () -> new DplrSystem(1, 2, 1, dt, lam, p, new double[] {1, 0, Double.NaN, 0}));
        DplrSystem s = new DplrSystem(1, 2, 1, dt, lam, p, b);
        S4Kernel k = S4Kernel.fromC(s, 1, new double[] {1, 0, 1, 0}, 0);
        assertMessage("l", () -> k.kernel(SCALAR, 0, new double[4], 0));
        assertMessage("out", () -> k.kernel(SCALAR, 8, new double[7], 0));
        assertMessage("c", () -> S4Kernel.fromC(s, 1, new double[] {1, 0}, 0));
        assertMessage("state", () -> k.stateKernel(SCALAR, 1, new double[] {1, 0, Double.NaN, 0}, 4, null,
                new double[4]));
    }

    static void assertMessage(String arg, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(arg + ":"), "message should name '" + arg + "': " + ex.getMessage());
    }
}
