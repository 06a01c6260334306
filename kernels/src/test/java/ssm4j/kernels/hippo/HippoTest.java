package ssm4j.kernels.hippo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HiPPO matrices (SPEC 2.1, 2.2): hand-computed entries, the normality property, bad arguments. */
class HippoTest {
    static List<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (HippoMeasure m : HippoMeasure.values()) {
            for (int n : new int[] {1, 2, 3, 7, 16, 17, 33}) {
                if (m == HippoMeasure.FOUT && n % 2 != 0) {
                    continue;
                }
                out.add(Arguments.of(m, n, m.naturalRank()));
                out.add(Arguments.of(m, n, m.naturalRank() + 1));
            }
        }
        return out;
    }

    /**
     * {@code A + PᵀP − c·I} must be skew-symmetric (SPEC 2.2). Entries are O(N) and each is one product and one
     * sum, so 8 ulp of max|A| bounds the double rounding; FouT's P holds fl32(√2), so there each entry carries
     * the exact defect {@code |fl32(√2)² − 2| ≈ 6.8e-8} and a skew sum of two entries twice that.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void lowRankMakesTheMatrixSkewPlusShift(HippoMeasure m, int n, int rank) {
        double[] a = Hippo.transitionA(m, n);
        double[] p = Hippo.lowRank(m, n, rank);
        double c = Hippo.normalShift(m);
        double maxA = 0;
        for (double v : a) {
            maxA = Math.max(maxA, Math.abs(v));
        }
        double defect = Math.abs(Hippo.SQRT2_F32 * Hippo.SQRT2_F32 - 2.0);
        double tol = (m == HippoMeasure.FOUT ? 2 * defect : 0.0) + 8 * Math.ulp(maxA);
        double[] ap = a.clone();
        for (int r = 0; r < rank; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ap[i * n + j] += p[r * n + i] * p[r * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(c, ap[i * n + i], tol, m + " diag " + i);
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, ap[i * n + j] + ap[j * n + i], tol, m + " skew " + i + "," + j);
            }
        }
        for (int r = m.naturalRank(); r < rank; r++) {   // rows above the natural rank are zero
            for (int i = 0; i < n; i++) {
                assertEquals(0.0, p[r * n + i]);
            }
        }
    }

    @Test
    void legsEntriesByHand() {
        double[] a = Hippo.transitionA(HippoMeasure.LEGS, 3);
        double s3 = Math.sqrt(3);
        double s5 = Math.sqrt(5);
        assertArrayEquals(new double[] {-1, 0, 0, -s3, -2, 0, -s5, -s3 * s5, -3}, a, 1e-15);
        assertArrayEquals(new double[] {1, s3, s5}, Hippo.transitionB(HippoMeasure.LEGS, 3), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(0.5), Math.sqrt(1.5), Math.sqrt(2.5)},
                Hippo.lowRank(HippoMeasure.LEGS, 3, 1), 1e-15);
    }

    @Test
    void legtEntriesByHand() {
        double[] a = Hippo.transitionA(HippoMeasure.LEGT, 2);
        double s3 = Math.sqrt(3);
        // −½ q_n q_m, with (−1)^{n−m} = −1 at (0,1)
        assertArrayEquals(new double[] {-0.5, 0.5 * s3, -0.5 * s3, -1.5}, a, 1e-15);
        assertArrayEquals(new double[] {0.5, 0.5 * s3}, Hippo.transitionB(HippoMeasure.LEGT, 2), 1e-15);
        // row 0 at odd n, row 1 at even n, both q_n/√2
        assertArrayEquals(new double[] {0, s3 / Math.sqrt(2), 1 / Math.sqrt(2), 0},
                Hippo.lowRank(HippoMeasure.LEGT, 2, 2), 1e-15);
    }

    @Test
    void lagtEntriesByHand() {
        assertArrayEquals(new double[] {-0.5, 0, -1, -0.5}, Hippo.transitionA(HippoMeasure.LAGT, 2), 0);
        assertArrayEquals(new double[] {1, 1}, Hippo.transitionB(HippoMeasure.LAGT, 2), 0);
    }

    @Test
    void foutEntriesByHandAndSinglePrecisionP() {
        int n = 6;
        double[] a = Hippo.transitionA(HippoMeasure.FOUT, n);
        double r2 = Math.sqrt(2);
        double[] beta = {1, 0, r2, 0, r2, 0};
        double[] f = new double[n * n];
        f[2 * n + 3] = -Math.PI;
        f[3 * n + 2] = Math.PI;
        f[4 * n + 5] = -2 * Math.PI;
        f[5 * n + 4] = 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(f[i * n + j] - beta[i] * beta[j], a[i * n + j], 1e-15, i + "," + j);
            }
        }
        assertArrayEquals(beta, Hippo.transitionB(HippoMeasure.FOUT, n), 0);
        double[] p = Hippo.lowRank(HippoMeasure.FOUT, n, 1);
        assertEquals(1.41421353816986083984375, p[2], 0.0);   // fl32(√2), SPEC 2.2
        assertEquals(1.0, p[0], 0.0);
        assertEquals(0.0, p[1], 0.0);
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertMessage("measure", () -> HippoMeasure.of("legendre"));
        assertMessage("measure", () -> HippoMeasure.of(null));
        assertMessage("measure", () -> Hippo.transitionA(null, 4));
        assertMessage("n", () -> Hippo.transitionA(HippoMeasure.LEGS, 0));
        assertMessage("n", () -> Hippo.transitionB(HippoMeasure.FOUT, 5));
        assertMessage("rank", () -> Hippo.lowRank(HippoMeasure.LEGS, 4, 0));
        assertMessage("rank", () -> Hippo.lowRank(HippoMeasure.LEGT, 4, 1));
        assertEquals(HippoMeasure.LEGT, HippoMeasure.of("LegT"));
    }

    static void assertMessage(String arg, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(arg + ":"), e.getMessage());
    }
}
