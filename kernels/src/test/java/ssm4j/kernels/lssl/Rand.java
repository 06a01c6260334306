package ssm4j.kernels.lssl;

import java.util.Random;
import ssm4j.kernels.TestArrays;

/** Seeded random inputs for the LSSL tests; the seed is part of every failure message. */
final class Rand {
    private Rand() {
    }

    /** An n×n matrix with ‖A‖_∞ = {@code norm} (rows scaled): powers stay bounded when norm ≤ 1. */
    static double[] contraction(Random r, int n, double norm) {
        double[] a = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = r.nextGaussian();
        }
        double max = normInf(a, n);
        for (int i = 0; i < n * n; i++) {
            a[i] *= norm / max;
        }
        return a;
    }

    /** ‖A‖_∞, the largest row sum of magnitudes of an n×n row-major matrix. */
    static double normInf(double[] a, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(a[i * n + j]);
            }
            max = Math.max(max, s);
        }
        return max;
    }

    static double[] gaussian(Random r, int count) {
        return TestArrays.gaussian(r, count);
    }

    static float[] toFloats(double[] d) {
        return TestArrays.toFloats(d);
    }

    static double maxAbs(double[] a) {
        return TestArrays.maxAbs(a);
    }
}
