package ssm4j.api.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ssm4j.api.Check;

/**
 * The vectorised finite check equals the scalar search on every length around the vector width (full vectors,
 * the unrolled pair, the tail), every position of the first bad value, NaN, +Inf and −Inf, at offsets.
 */
class VectorFiniteScannerTest {
    private final VectorFiniteScanner v = new VectorFiniteScanner();

    @Test
    void matchesTheScalarSearchEverywhere() {
        float[] specialsF = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        double[] specialsD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int off = 0; off < 3; off++) {
            for (int n = 0; n <= 70; n++) {
                float[] f = new float[off + n + 2];
                double[] d = new double[off + n + 2];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) Math.sin(i) * 3e38f; // large but finite: no false alarms near MAX_VALUE
                    d[i] = Math.sin(i) * 1.7e308;
                }
                f[off + n] = Float.NaN; // just past the range: must not be seen
                d[off + n] = Double.NaN;
                assertEquals(-1, v.firstNonFinite(f, off, n), "clean f n=" + n);
                assertEquals(-1, v.firstNonFinite(d, off, n), "clean d n=" + n);
                for (int at = 0; at < n; at++) {
                    for (int s = 0; s < 3; s++) {
                        float[] g = f.clone();
                        g[off + at] = specialsF[s];
                        g[off + n - 1] = n - 1 > at ? Float.NaN : g[off + n - 1]; // a later bad value too
                        assertEquals(Check.firstNonFiniteScalar(g, off, n), v.firstNonFinite(g, off, n));
                        assertEquals(at, v.firstNonFinite(g, off, n));
                        double[] e = d.clone();
                        e[off + at] = specialsD[s];
                        assertEquals(at, v.firstNonFinite(e, off, n), "d n=" + n + " at=" + at);
                    }
                }
            }
        }
    }

    @Test
    void lowerBoundSearchMatchesTheScalarSearch() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int n = 0; n <= 70; n++) {
            for (int trial = 0; trial < 20; trial++) {
                float[] f = new float[n + 1];
                double[] d = new double[n + 1];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) r.nextDouble();
                    d[i] = f[i];
                }
                if (n > 0 && trial > 0) {
                    int at = r.nextInt(n) + 1;
                    float bad = new float[] {-0.25f, Float.NaN, Float.POSITIVE_INFINITY, -0f, -1e-30f}[trial % 5];
                    f[at] = bad;
                    d[at] = bad;
                }
                float min = trial % 3 == 0 ? 0f : -0.5f;
                assertEquals(Check.firstNonFiniteOrBelowScalar(f, 1, n, min), v.firstNonFiniteOrBelow(f, 1, n, min),
                        "f n=" + n + " trial " + trial);
                assertEquals(Check.firstNonFiniteOrBelowScalar(d, 1, n, min), v.firstNonFiniteOrBelow(d, 1, n, min),
                        "d n=" + n + " trial " + trial);
            }
        }
    }
}
