package ssm4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Seeded random weights for the three layers, for the demo, the benchmark and tests: the values are a function of
 * the sizes and the seed only. S4D follows the reference's S4D-Lin initialisation ({@code log_dt} uniform in
 * [log 1e-3, log 1e-1], {@code A = −½ + iπn}, C standard normal / √2 per part); the FFT-conv kernel decays like an
 * SSM kernel so outputs stay O(1); Mamba delegates to {@link MambaWeights#random}.
 */
public final class DemoWeights {
    private DemoWeights() {
    }

    /** The weights for {@code layer} with width {@code h} (H or d_model), state size {@code n}, kernel length {@code lk}. */
    public static Weights forLayer(String layer, int h, int n, int lk, long seed) {
        return switch (layer) {
            case "conv" -> conv(h, lk, seed);
            case "s4d" -> s4d(h, n, seed);
            case "mamba" -> Weights.of(MambaWeights.random(h, n, 4, 2, seed));
            default -> throw new IllegalArgumentException("layer: must be conv, s4d or mamba, got '" + layer + "'");
        };
    }

    /** S4D layer weights under the reference's state_dict names: H channels, d_state {@code n} (N' = n/2). */
    public static Weights s4d(int h, int n, long seed) {
        Check.positive("H", h);
        Check.positive("N/2", n / 2);
        int half = n / 2;
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("D", Tensor.wrap(normal(r, h, 1.0), h));
        m.put("kernel.C", Tensor.wrap(normal(r, h * half * 2, Math.sqrt(0.5)), h, half, 2));
        float[] logDt = new float[h];
        for (int i = 0; i < h; i++) {
            logDt[i] = (float) (Math.log(1e-3) + r.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
        }
        m.put("kernel.log_dt", Tensor.wrap(logDt, h));
        float[] logAr = new float[h * half];
        float[] aIm = new float[h * half];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < half; j++) {
                logAr[i * half + j] = (float) Math.log(0.5);
                aIm[i * half + j] = (float) (Math.PI * j);
            }
        }
        m.put("kernel.log_A_real", Tensor.wrap(logAr, h, half));
        m.put("kernel.A_imag", Tensor.wrap(aIm, h, half));
        m.put("output_linear.0.weight", Tensor.wrap(uniform(r, 2 * h * h, 1 / Math.sqrt(h)), 2 * h, h, 1));
        m.put("output_linear.0.bias", Tensor.wrap(uniform(r, 2 * h, 1 / Math.sqrt(h)), 2 * h));
        return Weights.of(m);
    }

    /** FFT-conv weights: {@code k} (H,Lk) decaying as e^{−4s/Lk}, and {@code D} (H). */
    public static Weights conv(int h, int lk, long seed) {
        Check.positive("H", h);
        Check.positive("Lk", lk);
        SplittableRandom r = new SplittableRandom(seed);
        float[] k = new float[h * lk];
        for (int i = 0; i < h; i++) {
            for (int s = 0; s < lk; s++) {
                k[i * lk + s] = (float) ((2 * r.nextDouble() - 1) * Math.exp(-4.0 * s / lk) * 4 / lk);
            }
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("k", Tensor.wrap(k, h, lk));
        m.put("D", Tensor.wrap(normal(r, h, 1.0), h));
        return Weights.of(m);
    }

    /** A seeded standard-normal sequence of {@code count} values. */
    public static float[] sequence(int count, long seed) {
        return normal(new SplittableRandom(seed), count, 1.0);
    }

    private static float[] normal(SplittableRandom r, int count, double scale) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            double u1 = 1 - r.nextDouble();
            double u2 = r.nextDouble();
            a[i] = (float) (scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)); // Box–Muller
        }
        return a;
    }

    private static float[] uniform(SplittableRandom r, int count, double bound) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        return a;
    }
}
