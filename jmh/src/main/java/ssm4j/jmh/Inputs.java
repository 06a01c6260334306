package ssm4j.jmh;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import ssm4j.blocks.Tensor;

/**
 * The seeded input distributions the suites share, in one place so that two suites that claim the same inputs (the
 * C anchors', S4D-Lin modes) draw them the same way. Each method consumes the generator in a fixed order, so a
 * suite's inputs are a function of its seed alone and stay comparable with the figures recorded before.
 */
final class Inputs {
    /** log dt range of the anchors and of S4D-Lin init: dt log-uniform in [1e-3, 1e-1]. */
    private static final double LOG_DT_MIN = Math.log(1e-3);
    private static final double LOG_DT_SPAN = Math.log(1e-1) - Math.log(1e-3);

    private Inputs() {
    }

    /** log dt, uniform in [log 1e-3, log 1e-1]: one draw. */
    static double logDt(SplittableRandom r) {
        return LOG_DT_MIN + r.nextDouble() * LOG_DT_SPAN;
    }

    /** dt log-uniform in [1e-3, 1e-1] (the anchors' {@code exp(log(1e-3) + urand()·(log(1e-1) − log(1e-3)))}). */
    static double logUniformDt(SplittableRandom r) {
        return Math.exp(logDt(r));
    }

    /**
     * A standard normal by Box–Muller with {@code log(1 − u)}: two draws. Kept apart from {@link #anchorNormal}
     * because the two give different values from the same seed, and the suites' recorded figures used each.
     */
    static double normal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** A standard normal as the C anchors' {@code nrand()} draws it ({@code log(u + 1e-300)}): two draws. */
    static double anchorNormal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(r.nextDouble() + 1e-300)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** {@code n} values of {@link #normal}. */
    static double[] normals(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = normal(r);
        }
        return a;
    }

    /** {@code n} values of {@link #anchorNormal}, as floats. */
    static float[] anchorNormals(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) anchorNormal(r);
        }
        return a;
    }

    /** {@code n} floats, element {@code i} the value {@code value} gives for it, computed in index order. */
    static float[] floats(int n, IntToDoubleFunction value) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) value.applyAsDouble(i);
        }
        return a;
    }

    /** {@code n} floats uniform in {@code shift ± scale}: {@code shift + scale·(2u − 1)}. */
    static float[] uniform(SplittableRandom r, int n, double scale, double shift) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (shift + scale * (2 * r.nextDouble() - 1));
        }
        return a;
    }

    /**
     * S4D-Lin modes of {@code h} channels of {@code n} complex modes (interleaved re, im): per channel one dt
     * ({@link #logUniformDt}), then per mode the pole {@code dt·(−0.5 + iπj)} and a standard complex normal
     * weight ({@link #normal} for re, then im). The W1 Cauchy poles and the W2 Vandermonde exponents alike.
     */
    static void s4dLinModes(SplittableRandom r, int h, int n, float[] poles, float[] weights) {
        for (int c = 0; c < h; c++) {
            double dt = logUniformDt(r);
            for (int j = 0; j < n; j++) {
                int e = 2 * (c * n + j);
                poles[e] = (float) (-0.5 * dt);
                poles[e + 1] = (float) (Math.PI * j * dt);
                weights[e] = (float) normal(r);
                weights[e + 1] = (float) normal(r);
            }
        }
    }

    /** The same values in double precision (through {@link Tensor}, which owns the fp32/fp64 conversions). */
    static double[] widen(float[] a) {
        return Tensor.wrap(a, a.length).toDoubles();
    }

    /** The same values rounded to float (through {@link Tensor}). */
    static float[] narrow(double[] a) {
        return Tensor.wrap(a, a.length).toFloats();
    }

    /** The whole numbers of a shape parameter such as {@code 8x256x4096} split at {@code separator}. */
    static int[] dims(String shape, String separator) {
        String[] p = shape.split(separator);
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Integer.parseInt(p[i]);
        }
        return d;
    }
}
