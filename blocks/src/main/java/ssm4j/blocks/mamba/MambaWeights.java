package ssm4j.blocks.mamba;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;

/**
 * Seeded random Mamba v1 weights under the reference's state_dict names, shaped and scaled like the module's own
 * initialisation ({@code mamba_simple.Mamba.__init__}): in/x/out projections uniform in ±1/√fan_in, conv1d uniform
 * in ±1/√d_conv, dt_proj.weight uniform in ±dt_rank^−½, dt_proj.bias the inverse softplus of a step drawn
 * log-uniformly from [1e-3, 1e-1], {@code A_log[e,n] = log(n+1)} (S4D-real), D = 1. For demos, benchmarks and tests;
 * the values are a function of the seed only.
 */
public final class MambaWeights {
    private MambaWeights() {
    }

    /**
     * float32 weights for {@code Mamba(d_model, d_state, d_conv, expand)} with dt_rank = ⌈d_model/16⌉.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public static Map<String, Tensor> random(int dModel, int dState, int dConv, int expand, long seed) {
        Check.positive("d_model", dModel);
        Check.positive("d_state", dState);
        Check.positive("d_conv", dConv);
        Check.positive("expand", expand);
        int e = expand * dModel;
        int r = (dModel + 15) / 16;
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("A_log", aLog(e, dState));
        m.put("D", fill(new float[e], 1f, e));
        m.put("in_proj.weight", uniform(rnd, 1 / Math.sqrt(dModel), 2 * e, dModel));
        m.put("conv1d.weight", uniform(rnd, 1 / Math.sqrt(dConv), e, 1, dConv));
        m.put("conv1d.bias", uniform(rnd, 1 / Math.sqrt(dConv), e));
        m.put("x_proj.weight", uniform(rnd, 1 / Math.sqrt(e), r + 2 * dState, e));
        m.put("dt_proj.weight", uniform(rnd, 1 / Math.sqrt(r), e, r));
        float[] bias = new float[e];
        for (int i = 0; i < e; i++) {
            double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
            bias[i] = (float) (dt + Math.log(-Math.expm1(-dt))); // softplus^{-1}(dt)
        }
        m.put("dt_proj.bias", Tensor.wrap(bias, e));
        m.put("out_proj.weight", uniform(rnd, 1 / Math.sqrt(e), dModel, e));
        return m;
    }

    private static Tensor aLog(int e, int n) {
        float[] a = new float[e * n];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (float) Math.log(j + 1);
            }
        }
        return Tensor.wrap(a, e, n);
    }

    private static Tensor fill(float[] a, float v, int... shape) {
        java.util.Arrays.fill(a, v);
        return Tensor.wrap(a, shape);
    }

    /** A float32 tensor of {@code shape} drawn uniformly from [−bound, bound) (the reference's init ranges). */
    public static Tensor uniform(SplittableRandom rnd, double bound, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((2 * rnd.nextDouble() - 1) * bound);
        }
        return Tensor.wrap(a, shape);
    }

    /** Seeded standard-normal hidden states (B,L,d_model), float32. */
    public static Tensor randomHidden(int batch, int length, int dModel, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] h = new float[Math.multiplyExact(Math.multiplyExact(batch, length), dModel)];
        for (int i = 0; i < h.length; i++) {
            // Box–Muller: two uniforms give one normal
            double u1 = 1 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            h[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return Tensor.wrap(h, batch, length, dModel);
    }
}
