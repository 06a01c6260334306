package ssm4j.kernels.lssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense recurrence (5.2): divide and conquer = sequential, scalar closed form, float path, bad arguments. */
class DenseRecurrenceTest {
    static List<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {1, 3, 7, 16}) {
            for (int l : new int[] {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000}) {
                out.add(Arguments.of(n, l, 1, true));
                out.add(Arguments.of(n, l, 3, l % 2 == 0));   // odd L also without a state
            }
        }
        return out;
    }

    /**
     * With ‖A‖_∞ = 0.9 rounding errors decay; an x entry is the sum of at most ~log₂ L + 2 layered matrix-vector
     * products of length n in either algorithm, each adding ≤ n·ε·(‖A‖·‖x‖ + ‖u‖), and the decaying sum of
     * those is ≤ 10·n·ε·(log₂ L + 2)·X with X = max(|x|, |u|, |s|) / (1 − 0.9). We assert that bound (double),
     * and the same with ε₃₂ for the float paths against the double sequential result.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void divideAndConquerEqualsSequential(int n, int l, int batch, boolean withState) {
        long seed = 31L * n + 7L * l + batch;
        Random r = new Random(seed);
        double[] a = Rand.contraction(r, n, 0.9);
        double[] u = Rand.gaussian(r, l * batch * n);
        double[] s = withState ? Rand.gaussian(r, batch * n) : null;
        int off = 2;
        int size = l * batch * n;
        double[] x1 = KrylovTest.guarded(size, off);
        double[] x2 = KrylovTest.guarded(size, off);
        DenseRecurrence.sequential(n, l, batch, a, 0, u, 0, s, 0, x1, off);
        DenseRecurrence.divideAndConquer(n, l, batch, a, 0, u, 0, s, 0, x2, off);
        float[] f1 = new float[size];
        float[] f2 = new float[size];
        float[] sf = s == null ? null : Rand.toFloats(s);
        DenseRecurrence.sequential(n, l, batch, Rand.toFloats(a), 0, Rand.toFloats(u), 0, sf, 0, f1, 0);
        DenseRecurrence.divideAndConquer(n, l, batch, Rand.toFloats(a), 0, Rand.toFloats(u), 0, sf, 0, f2, 0);
        double big = Math.max(Rand.maxAbs(u), s == null ? 0 : Rand.maxAbs(s)) / (1 - 0.9);
        double levels = Math.log(l) / Math.log(2) + 2;
        double tol = 10 * n * levels * big;
        for (int i = 0; i < size; i++) {
            String at = "seed=" + seed + " i=" + i;
            assertEquals(x1[off + i], x2[off + i], tol * 0x1p-52, at);
            assertEquals(x1[off + i], f1[i], tol * 0x1p-23, at + " f32 sequential");
            assertEquals(x1[off + i], f2[i], tol * 0x1p-23, at + " f32 divide-and-conquer");
        }
        KrylovTest.assertGuards(x1, off, size);
        KrylovTest.assertGuards(x2, off, size);
        // first step from the definition: x[0] = A s + u[0]
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                double e = u[b * n + i];
                for (int j = 0; s != null && j < n; j++) {
                    e += a[i * n + j] * s[b * n + j];
                }
                assertEquals(e, x1[off + b * n + i], 1e-13 * n);
            }
        }
    }

    /** N = 1: x[i] = a^{i+1} s + Σ_j a^{i−j} u[j], closed form. */
    @Test
    void scalarClosedForm() {
        int l = 100;
        double a = -0.93;
        double s = 0.7;
        double[] u = new double[l];
        for (int i = 0; i < l; i++) {
            u[i] = Math.sin(i);
        }
        double[] x = new double[l];
        DenseRecurrence.divideAndConquer(1, l, 1, new double[] {a}, 0, u, 0, new double[] {s}, 0, x, 0);
        for (int i = 0; i < l; i++) {
            double e = Math.pow(a, i + 1) * s;
            for (int j = 0; j <= i; j++) {
                e += Math.pow(a, i - j) * u[j];
            }
            assertEquals(e, x[i], 1e-13, "i=" + i);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        double[] a = new double[4];
        double[] u = new double[2 * 3 * 2];
        double[] x = new double[12];
        KrylovTest.expect("l", () -> DenseRecurrence.sequential(2, 0, 3, a, 0, u, 0, null, 0, x, 0));
        KrylovTest.expect("batch", () -> DenseRecurrence.divideAndConquer(2, 2, 0, a, 0, u, 0, null, 0, x, 0));
        KrylovTest.expect("s", () -> DenseRecurrence.sequential(2, 2, 3, a, 0, u, 0, new double[5], 0, x, 0));
        KrylovTest.expect("x", () -> DenseRecurrence.sequential(2, 2, 3, a, 0, u, 0, null, 0, x, 1));
        KrylovTest.expect("u", () -> DenseRecurrence.divideAndConquer(2, 3, 3, a, 0, u, 0, null, 0,
                new double[18], 0));
        double[] bad = {1, Double.NaN, 0, 1};
        KrylovTest.expect("a", () -> DenseRecurrence.sequential(2, 2, 3, bad, 0, u, 0, null, 0, x, 0));
    }
}
