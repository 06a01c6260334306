package ssm4j.kernels.hippo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NPLR form (SPEC 2.3): the reconstruction identity (2.3), eigen-residuals, conventions, bad arguments. */
class NplrTest {
    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (HippoMeasure m : HippoMeasure.values()) {
            for (int n : new int[] {2, 4, 16, 34, 64}) {
                out.add(Arguments.of(m, n, m.naturalRank()));
            }
            out.add(Arguments.of(m, 16, m.naturalRank() + 1));
        }
        return out;
    }

    /** AP = A + Σ p pᵀ as the test builds it (FouT products in float, SPEC 2.3 step 1). */
    static double[] ap(HippoMeasure m, int n, int rank) {
        double[] a = Hippo.transitionA(m, n);
        double[] p = Hippo.lowRank(m, n, rank);
        for (int r = 0; r < rank; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += m == HippoMeasure.FOUT
                            ? (double) ((float) p[r * n + i] * (float) p[r * n + j]) : p[r * n + i] * p[r * n + j];
                }
            }
        }
        return a;
    }

    /**
     * (2.3) {@code AP = 2·Re(V diag(W) Vᴴ)}. A backward-stable symmetric eigensolver reconstructs its matrix to
     * O(N·ε·‖M‖); we allow 64·N·ε·max|AP|. FouT's AP is S + E with E ≈ 1e-7 from the float32 products (the
     * identity holds for the skew part the eigenproblem reads, SPEC 2.3 step 3), so its bound is 1e-6.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void reconstructsTheMatrix(HippoMeasure m, int n, int rank) {
        NplrForm f = Nplr.of(m, n, rank, Nplr.DEFAULT_B_CLIP);
        double[] ap = ap(m, n, rank);
        int half = n / 2;
        double max = 0;
        for (double v : ap) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = m == HippoMeasure.FOUT ? 1e-6 * max : 64 * n * 0x1p-52 * max;
        double[] v = f.v();
        double[] w = f.w();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;   // Re Σ_k V[i,k] W_k conj(V[j,k])
                for (int k = 0; k < half; k++) {
                    double ar = v[2 * (i * half + k)];
                    double ai = v[2 * (i * half + k) + 1];
                    double br = v[2 * (j * half + k)];
                    double bi = -v[2 * (j * half + k) + 1];
                    double pr = ar * br - ai * bi;
                    double pi = ar * bi + ai * br;
                    s += w[2 * k] * pr - w[2 * k + 1] * pi;
                }
                assertEquals(ap[i * n + j], 2 * s, tol, m + " N=" + n + " entry " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void conventionsAndBasisChange(HippoMeasure m, int n, int rank) {
        NplrForm f = Nplr.of(m, n, rank, Nplr.DEFAULT_B_CLIP);
        int half = n / 2;
        double[] v = f.v();
        // orthonormal columns: VᴴV = I to O(N·ε)
        for (int a = 0; a < half; a++) {
            for (int b = 0; b < half; b++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < n; r++) {
                    double xr = v[2 * (r * half + a)];
                    double xi = -v[2 * (r * half + a) + 1];
                    double yr = v[2 * (r * half + b)];
                    double yi = v[2 * (r * half + b) + 1];
                    re += xr * yr - xi * yi;
                    im += xr * yi + xi * yr;
                }
                // FouT's last column is replaced by (e_0 + i·e_1)/√2 (step 5); the other eigenvectors carry
                // components of size |E|/gap ≈ 2.4e-8/π in rows 0, 1 from the float32 products, so that pair is
                // orthogonal only to ~1e-8
                boolean replaced = m == HippoMeasure.FOUT && a != b && (a == half - 1 || b == half - 1);
                double tol = replaced ? 1e-7 : 1e-12 * n;
                assertEquals(a == b ? 1.0 : 0.0, re, tol);
                assertEquals(0.0, im, tol);
            }
        }
        double[] w = f.w();
        double wRe = m == HippoMeasure.LEGS ? -0.5 : 0.0;
        for (int k = 0; k < half; k++) {
            assertEquals(wRe, w[2 * k], 1e-6, "Re W");            // FouT: −5.2e-8 from the float32 products
            assertTrue(w[2 * k + 1] <= 1e-9, "Im W <= 0");
            if (k > 0) {
                assertTrue(w[2 * k + 1] >= w[2 * k - 1], "Im W ascending");
            }
            assertEquals(0.0, v[2 * k + 1], 0.0, "V[0,k] real");
            assertTrue(v[2 * k] >= 0, "V[0,k] >= 0");
        }
        // B_unclipped = Vᴴ B_hippo, P = Vᴴ p, B = clip of Im only
        double[] bh = Hippo.transitionB(m, n);
        double[] p = Hippo.lowRank(m, n, rank);
        for (int k = 0; k < half; k++) {
            double br = 0;
            double bi = 0;
            for (int r = 0; r < n; r++) {
                br += v[2 * (r * half + k)] * bh[r];
                bi -= v[2 * (r * half + k) + 1] * bh[r];
            }
            assertEquals(br, f.bUnclipped()[2 * k], 1e-12 * n);
            assertEquals(bi, f.bUnclipped()[2 * k + 1], 1e-12 * n);
            assertEquals(br, f.b()[2 * k], 1e-12 * n);
            assertEquals(Math.max(-2, Math.min(2, bi)), f.b()[2 * k + 1], 1e-12 * n);
            for (int q = 0; q < rank; q++) {
                double pr = 0;
                double pi = 0;
                for (int r = 0; r < n; r++) {
                    pr += v[2 * (r * half + k)] * p[q * n + r];
                    pi -= v[2 * (r * half + k) + 1] * p[q * n + r];
                }
                assertEquals(pr, f.p()[2 * (q * half + k)], 1e-12 * n);
                assertEquals(pi, f.p()[2 * (q * half + k) + 1], 1e-12 * n);
            }
        }
    }

    /** LegS's W is known in closed form only for its real part; its clip is active (SPEC 2.3 "Phase"). */
    @Test
    void legsClipIsActiveAndFoutHasTheZeroEigenvector() {
        NplrForm legs = Nplr.of(HippoMeasure.LEGS, 64, 1, 2.0);
        boolean clipped = false;
        for (int k = 0; k < 32; k++) {
            clipped |= Math.abs(legs.bUnclipped()[2 * k + 1]) > 2;
            assertTrue(Math.abs(legs.b()[2 * k + 1]) <= 2);
        }
        assertTrue(clipped, "LegS N=64 clips at least one Im B");
        NplrForm fout = Nplr.of(HippoMeasure.FOUT, 16, 1, 2.0);
        int last = 7;
        double s = Math.sqrt(0.5);
        assertEquals(s, fout.v()[2 * last], 0.0);                 // V[0,last] = 1/√2
        assertEquals(s, fout.v()[2 * (8 + last) + 1], 0.0);       // V[1,last] = i/√2
        for (int k = 0; k < 7; k++) {                             // Im W = −π(7−k), SPEC 2.1 frequencies
            assertEquals(-Math.PI * (7 - k), fout.w()[2 * k + 1], 1e-6);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        HippoTest.assertMessage("n", () -> Nplr.of(HippoMeasure.LEGS, 7, 1, 2));
        HippoTest.assertMessage("n", () -> Nplr.of(HippoMeasure.LEGS, 0, 1, 2));
        HippoTest.assertMessage("rank", () -> Nplr.of(HippoMeasure.LEGS, 8, 0, 2));
        HippoTest.assertMessage("rank", () -> Nplr.of(HippoMeasure.LEGT, 8, 1, 2));
        HippoTest.assertMessage("measure", () -> Nplr.of(null, 8, 1, 2));
        HippoTest.assertMessage("bClip", () -> Nplr.of(HippoMeasure.LEGS, 8, 1, Double.NaN));
    }
}
