package ssm4j.nativ.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** cblas_sgemm through FFM against a double loop: odd sizes, both transposes, offsets, strides, alpha, beta. */
class OpenBlasTest {
    @Test
    void sgemmMatchesADoubleLoop() {
        if (!OpenBlas.available()) {
            Assumptions.abort("libopenblas not loadable: " + OpenBlas.reason());
        }
        SplittableRandom rnd = new SplittableRandom(5);
        for (int[] mnk : new int[][] {{1, 1, 1}, {7, 5, 3}, {33, 17, 45}}) {
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int lda = (ta ? m : k) + 2;
                    int ldb = (tb ? k : n) + 1;
                    int ldc = n + 3;
                    float[] a = random(rnd, 3 + (ta ? k : m) * lda);
                    float[] b = random(rnd, 1 + (tb ? n : k) * ldb);
                    float[] c = random(rnd, 2 + m * ldc);
                    float[] c0 = c.clone();
                    OpenBlas.sgemmRowMajor(ta, tb, m, n, k, 0.5f, a, 3, lda, b, 1, ldb, 2f, c, 2, ldc);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            double mag = 0;
                            for (int p = 0; p < k; p++) {
                                double av = ta ? a[3 + p * lda + i] : a[3 + i * lda + p];
                                double bv = tb ? b[1 + j * ldb + p] : b[1 + p * ldb + j];
                                s += av * bv;
                                mag += Math.abs(av * bv);
                            }
                            double want = 0.5 * s + 2.0 * c0[2 + i * ldc + j];
                            assertEquals(want, c[2 + i * ldc + j], 1e-5 * (mag + Math.abs(want)) + 1e-6,
                                    "m,n,k=" + m + "," + n + "," + k + " ta=" + ta + " tb=" + tb);
                        }
                    }
                    assertEquals(c0[0], c[0]); // nothing before the offset is touched
                }
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
