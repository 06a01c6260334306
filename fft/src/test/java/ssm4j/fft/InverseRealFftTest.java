package ssm4j.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both inverse real FFTs (JTransforms for the scalar tier, ours for the vector tiers) against the direct O(n²) sum
 * (3.4e), on every code path (power-of-two split-array FFT, Bluestein; odd and even n for JTransforms' packing).
 */
class InverseRealFftTest {
    static Stream<Arguments> cases() {
        return Stream.of(false, true).flatMap(vector -> IntStream.of(1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 63,
                64, 65, 300, 1000, 4096).mapToObj(n -> Arguments.of(vector, n)));
    }

    @ParameterizedTest(name = "vector={0} n={1}")
    @MethodSource("cases")
    void matchesDirectSum(boolean vector, int n) {
        long seed = 1000 + n;
        SplittableRandom rnd = new SplittableRandom(seed);
        int half = n / 2 + 1;
        double[] x = new double[2 * half + 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();          // DC and Nyquist get imaginary parts too: they must be ignored
        }
        int off = 4;
        double[] want = new double[n];
        double absSum = 0;
        for (int l = 0; l < n; l++) {
            double s = x[off];
            for (int k = 1; k < (n + 1) / 2; k++) {
                double a = 2 * Math.PI * (((long) k * l) % n) / n;
                s += 2 * (x[off + 2 * k] * Math.cos(a) - x[off + 2 * k + 1] * Math.sin(a));
            }
            if (n % 2 == 0 && n > 1) {
                s += ((l & 1) == 0 ? 1 : -1) * x[off + n];
            }
            want[l] = s / n;
        }
        for (int k = 0; k < half; k++) {
            absSum += Math.hypot(x[off + 2 * k], x[off + 2 * k + 1]);
        }
        InverseRealFft plan = RealFfts.inverse(n, vector);
        assertEquals(vector ? "VectorInverseRealFft" : "JTransformsInverseRealFft", plan.getClass().getSimpleName());
        double[] got = new double[n + 4];
        got[0] = Double.NaN;
        got[n + 3] = Double.NaN;
        plan.inverse(x, off, got, 2, n);
        // Each output is a sum of n terms of size ≤ 2·|X_k|/n; an FFT adds ≲ ε per butterfly level per term
        // (Bluestein: three FFTs of size < 4n), so |err| ≤ 8·ε·(log2(4n)+1)·2·Σ|X_k|/n.
        double tol = 8 * Math.ulp(1.0) * (Math.log(4.0 * n) / Math.log(2) + 1) * 2 * absSum / n;
        for (int l = 0; l < n; l++) {
            assertEquals(want[l], got[2 + l], tol, "vector=" + vector + " n=" + n + " l=" + l + " seed=" + seed);
        }
        assertTrue(Double.isNaN(got[0]) && Double.isNaN(got[n + 3]), "guard cells overwritten");
    }
}
