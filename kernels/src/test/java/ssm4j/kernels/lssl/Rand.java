package ssm4j.kernels.lssl;

import java.util.Random;

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
        double max = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(a[i * n + j]);
            }
            max = Math.max(max, s);
        }
        for (int i = 0; i < n * n; i++) {
            a[i] *= norm / max;
        }
        return a;
    }

    static double[] gaussian(Random r, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
