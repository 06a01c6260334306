package ssm4j.scan.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.Parallel;

/** The operator (8.2) and the chunked evaluation (8.3) alone, on non-commuting matrices. */
class ChunkedAffineScanTest {
    /** Random element with ‖a‖ about 0.9 (stable), b uniform. */
    static double[] randomElements(SplittableRandom r, int m, int count) {
        int es = AffineOp.size(m);
        double[] e = new double[count * es];
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < m * m; i++) {
                e[t * es + i] = (2 * r.nextDouble() - 1) * 0.9 / Math.sqrt(m);
            }
            for (int i = 0; i < m; i++) {
                e[t * es + m * m + i] = 2 * r.nextDouble() - 1;
            }
        }
        return e;
    }

    /** A complex 2×2 matrix map as the real 4×4 [[Re, −Im], [Im, Re]] (and complex b as (Re, Im)). */
    static double[] complexElement(SplittableRandom r) {
        double[] re = new double[4];
        double[] im = new double[4];
        for (int i = 0; i < 4; i++) {
            re[i] = (2 * r.nextDouble() - 1) * 0.6;
            im[i] = (2 * r.nextDouble() - 1) * 0.6;
        }
        double[] e = new double[AffineOp.size(4)];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                e[i * 4 + j] = re[i * 2 + j];
                e[i * 4 + j + 2] = -im[i * 2 + j];
                e[(i + 2) * 4 + j] = im[i * 2 + j];
                e[(i + 2) * 4 + j + 2] = re[i * 2 + j];
            }
        }
        for (int i = 0; i < 4; i++) {
            e[16 + i] = 2 * r.nextDouble() - 1;
        }
        return e;
    }

    private static double maxDiff(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void operatorIsAssociativeWithIdentityButNotCommutative() {
        SplittableRandom r = new SplittableRandom(1);
        for (int m : new int[] {1, 2, 3, 4}) {
            for (int it = 0; it < 200; it++) {
                double[] e = m == 4 && it % 2 == 0 ? concat(complexElement(r), complexElement(r), complexElement(r))
                        : randomElements(r, m, 3);
                int es = AffineOp.size(m);
                double[] ab = new double[es];
                double[] bc = new double[es];
                double[] left = new double[es];
                double[] right = new double[es];
                AffineOp.compose(m, e, 0, e, es, ab, 0);
                AffineOp.compose(m, ab, 0, e, 2 * es, left, 0);       // (e1•e2)•e3
                AffineOp.compose(m, e, es, e, 2 * es, bc, 0);
                AffineOp.compose(m, e, 0, bc, 0, right, 0);           // e1•(e2•e3)
                // entries are sums of ≤ m² products of 3 factors ≤ 1: a few ε each
                assertTrue(maxDiff(left, right) <= 16 * m * m * Math.ulp(1.0), "associativity m=" + m);
                double[] id = new double[es];
                AffineOp.identity(m, id, 0);
                double[] x = new double[es];
                AffineOp.compose(m, id, 0, e, 0, x, 0);
                assertEquals(0.0, maxDiff(x, java.util.Arrays.copyOf(e, es)), "identity left");
                AffineOp.compose(m, e, 0, id, 0, x, 0);
                assertEquals(0.0, maxDiff(x, java.util.Arrays.copyOf(e, es)), "identity right");
                // composing then applying = applying twice (the meaning of "first 1, then 2")
                double[] h = {0.3, -0.7, 0.2, 0.9};
                double[] h1 = new double[m];
                double[] h2 = new double[m];
                double[] h12 = new double[m];
                AffineOp.apply(m, e, 0, h, 0, h1, 0);
                AffineOp.apply(m, e, es, h1, 0, h2, 0);
                AffineOp.apply(m, ab, 0, h, 0, h12, 0);
                assertTrue(maxDiff(h2, h12) <= 16 * m * Math.ulp(1.0), "meaning m=" + m);
                if (m >= 2) {
                    double[] ba = new double[es];
                    AffineOp.compose(m, e, es, e, 0, ba, 0);
                    assertTrue(maxDiff(ab, ba) > 1e-6, "the test must use non-commuting elements");
                }
            }
        }
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] o = new double[n];
        int i = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, o, i, p.length);
            i += p.length;
        }
        return o;
    }

    @Test
    void chunkedEqualsSequentialForAnyChunkAndThreadCount() {
        SplittableRandom r = new SplittableRandom(2);
        for (int m : new int[] {1, 2, 4}) {
            for (int len : new int[] {1, 2, 3, 17, 100}) {
                double[] e = randomElements(r, m, len);
                double[] s = new double[m];
                for (int i = 0; i < m; i++) {
                    s[i] = 2 * r.nextDouble() - 1;
                }
                double[] ref = new double[len * m];
                ChunkedAffineScan.sequential(m, len, e, s, ref);
                for (int chunk : new int[] {1, 2, 3, 5, 16, Math.max(1, len - 1), len, len + 7}) {
                    for (int threads : new int[] {1, 2, 3, 4}) {
                        double[] h = new double[len * m];
                        ChunkedAffineScan.chunked(Parallel.of(threads), m, len, chunk, e, null, s, h);
                        // regrouped products of ≤ len factors with ‖a‖ < 1: |h| ≤ 10, error ≤ len·m·few ε·10
                        assertTrue(maxDiff(h, ref) <= 64.0 * len * m * Math.ulp(1.0),
                                "m=" + m + " L=" + len + " T=" + chunk + " threads=" + threads + ": "
                                        + maxDiff(h, ref));
                    }
                }
            }
        }
    }

    @Test
    void packedResetsEqualSeparateSequences() {
        SplittableRandom r = new SplittableRandom(3);
        int m = 2;
        int[] starts = {0, 1, 9, 10, 40};
        int len = 40;
        double[] e = randomElements(r, m, len);
        double[] inits = new double[(starts.length - 1) * m];
        for (int i = 0; i < inits.length; i++) {
            inits[i] = 2 * r.nextDouble() - 1;
        }
        int es = AffineOp.size(m);
        for (int chunk : new int[] {1, 3, 8, 40}) {
            double[] h = new double[len * m];
            ChunkedAffineScan.chunked(Parallel.of(3), m, len, chunk, e, starts, inits, h);
            for (int k = 0; k + 1 < starts.length; k++) {
                int l1 = starts[k + 1] - starts[k];
                double[] ek = java.util.Arrays.copyOfRange(e, starts[k] * es, starts[k + 1] * es);
                double[] ref = new double[l1 * m];
                ChunkedAffineScan.sequential(m, l1, ek, java.util.Arrays.copyOfRange(inits, k * m, (k + 1) * m), ref);
                double[] got = java.util.Arrays.copyOfRange(h, starts[k] * m, starts[k + 1] * m);
                assertTrue(maxDiff(got, ref) <= 64.0 * len * m * Math.ulp(1.0), "sequence " + k + " T=" + chunk);
            }
        }
    }
}
