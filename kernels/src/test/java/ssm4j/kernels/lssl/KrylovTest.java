package ssm4j.kernels.lssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Krylov kernels (5.1): doubling = power loop on awkward sizes, closed form for diagonal Ā, bad arguments. */
class KrylovTest {
    static List<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {1, 2, 3, 7, 16, 17, 33}) {
            for (int l : new int[] {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000}) {
                out.add(Arguments.of(n, l, n % 2 == 0 ? 1 : 3));
            }
        }
        return out;
    }

    /**
     * Doubling vs the power loop, both double and float. With ‖Ā‖_∞ = 0.95 nothing amplifies a rounding error, so
     * an entry of {@code Ā^l b̄} computed through at most l products (power loop) or ⌈log₂ l⌉ matrix products
     * (doubling), each adding ≤ n·ε relative in the ∞-norm, is off by ≤ (l + 1)·n·ε·‖b̄‖_∞; K adds one more dot
     * product of length n, so |ΔK[l]| ≤ (l + 2)·n·ε·‖c‖₁·‖b̄‖_∞ for each algorithm; we assert twice that, plus
     * guard cells around the output (offset 3) that must survive.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void doublingEqualsPowerLoop(int n, int l, int h) {
        long seed = 1000L * n + l;
        Random r = new Random(seed);
        double[] dA = new double[h * n * n];
        for (int c = 0; c < h; c++) {
            System.arraycopy(Rand.contraction(r, n, 0.95), 0, dA, c * n * n, n * n);
        }
        double[] dB = Rand.gaussian(r, h * n);
        double[] cv = Rand.gaussian(r, h * n);
        int off = 3;
        double[] k1 = guarded(h * l, off);
        double[] k2 = guarded(h * l, off);
        Krylov.kernelPower(h, n, l, dA, 0, dB, 0, cv, 0, k1, off);
        Krylov.kernelDoubling(h, n, l, dA, 0, dB, 0, cv, 0, k2, off);
        float[] f1 = new float[h * l + 2 * off];
        Arrays.fill(f1, Float.NaN);
        float[] f2 = f1.clone();
        Krylov.kernelPower(h, n, l, Rand.toFloats(dA), 0, Rand.toFloats(dB), 0, Rand.toFloats(cv), 0, f1, off);
        Krylov.kernelDoubling(h, n, l, Rand.toFloats(dA), 0, Rand.toFloats(dB), 0, Rand.toFloats(cv), 0, f2, off);
        double[] km = new double[h * n * l];
        Krylov.matrix(h, n, l, dA, 0, dB, 0, km, 0);
        for (int c = 0; c < h; c++) {
            double c1 = 0;
            double bInf = 0;
            for (int i = 0; i < n; i++) {
                c1 += Math.abs(cv[c * n + i]);
                bInf = Math.max(bInf, Math.abs(dB[c * n + i]));
            }
            double[] x = Arrays.copyOfRange(dB, c * n, c * n + n);   // independent power loop for KM
            for (int t = 0; t < l; t++) {
                double bound = 2 * (t + 2) * n * c1 * bInf;
                int i = off + c * l + t;
                String at = "seed=" + seed + " h=" + c + " l=" + t;
                assertEquals(k1[i], k2[i], bound * 0x1p-52, at);
                assertEquals(k1[i], f1[i], bound * 0x1p-23 + 4 * Math.ulp((float) k1[i]), at + " f32 power");
                assertEquals(k1[i], f2[i], bound * 0x1p-23 + 4 * Math.ulp((float) k1[i]), at + " f32 doubling");
                for (int q = 0; q < n; q++) {
                    assertEquals(x[q], km[(c * n + q) * l + t], (t + 2) * n * bInf * 0x1p-51, at + " KM");
                }
                double[] y = new double[n];
                MatMul.vector(n, dA, c * n * n, x, 0, y, 0);
                x = y;
            }
        }
        assertGuards(k1, off, h * l);
        assertGuards(k2, off, h * l);
        for (int i = 0; i < off; i++) {
            assertTrue(Float.isNaN(f1[i]) && Float.isNaN(f1[off + h * l + i]));
            assertTrue(Float.isNaN(f2[i]) && Float.isNaN(f2[off + h * l + i]));
        }
    }

    /** Diagonal Ā: K[l] = Σ c_i a_i^l b_i exactly by pow, an independent formula. */
    @Test
    void diagonalMatchesPowers() {
        int n = 5;
        int l = 65;
        double[] a = {0.9, -0.5, 0.99, 0.1, -0.97};
        double[] dA = new double[n * n];
        for (int i = 0; i < n; i++) {
            dA[i * n + i] = a[i];
        }
        double[] b = {1, 2, -1, 0.5, 3};
        double[] c = {0.3, -1, 2, 4, 1};
        double[] k = new double[l];
        Krylov.kernelDoubling(1, n, l, dA, 0, b, 0, c, 0, k, 0);
        for (int t = 0; t < l; t++) {
            double e = 0;
            for (int i = 0; i < n; i++) {
                e += c[i] * Math.pow(a[i], t) * b[i];
            }
            assertEquals(e, k[t], 1e-13, "l=" + t);   // |terms| ≤ 6, ≤ 7 roundings each
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        double[] a = new double[4];
        double[] b = new double[2];
        double[] k = new double[8];
        expect("l", () -> Krylov.kernelPower(1, 2, 0, a, 0, b, 0, b, 0, k, 0));
        expect("n", () -> Krylov.kernelDoubling(1, 0, 4, a, 0, b, 0, b, 0, k, 0));
        expect("h", () -> Krylov.matrix(0, 2, 4, a, 0, b, 0, k, 0));
        expect("k", () -> Krylov.kernelPower(1, 2, 9, a, 0, b, 0, b, 0, k, 0));
        expect("dA", () -> Krylov.kernelPower(1, 2, 4, new double[3], 0, b, 0, b, 0, k, 0));
        expect("dB", () -> Krylov.kernelPower(1, 2, 4, a, 0, new double[] {1, Double.NaN}, 0, b, 0, k, 0));
        expect("km", () -> Krylov.matrix(1, 2, 5, a, 0, b, 0, k, 0));
        expect("c", () -> Krylov.kernelDoubling(1, 2, 4, new float[4], 0, new float[2], 0, new float[1], 0,
                new float[4], 0));
    }

    static double[] guarded(int count, int off) {
        double[] a = new double[count + 2 * off];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static void assertGuards(double[] a, int off, int count) {
        for (int i = 0; i < off; i++) {
            assertTrue(Double.isNaN(a[i]), "guard before output overwritten");
            assertTrue(Double.isNaN(a[off + count + i]), "guard after output overwritten");
        }
    }

    static void expect(String arg, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(arg + ":"), e.getMessage());
    }
}
