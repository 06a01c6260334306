package ssm4j.blocks.mamba2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Seeded random Mamba-2 weights under the reference's state_dict names, shaped and scaled like
 * {@code Mamba2.__init__}: projections uniform in ±1/√fan_in, conv1d uniform in ±1/√d_conv, dt_bias the inverse
 * softplus of a step drawn log-uniformly from [1e-3, 1e-1], A_log = log of a uniform draw from [1, 16], D = 1,
 * norm.weight = 1. For demos, benchmarks and tests; the values are a function of the seed only.
 */
public final class Mamba2Weights {
    private Mamba2Weights() {
    }

    /**
     * float32 weights for {@code Mamba2(d_model, d_state, d_conv, expand, headdim, ngroups)} with rmsnorm.
     *
     * @throws IllegalArgumentException if a size is below 1 or headdim does not divide expand·d_model
     */
    public static Map<String, Tensor> random(int dModel, int dState, int dConv, int expand, int headdim,
                                             int ngroups, long seed) {
        Check.positive("d_model", dModel);
        Check.positive("d_state", dState);
        Check.positive("d_conv", dConv);
        Check.positive("expand", expand);
        Check.positive("headdim", headdim);
        Check.positive("ngroups", ngroups);
        int e = expand * dModel;
        if (e % headdim != 0 || (e / headdim) % ngroups != 0) {
            throw new IllegalArgumentException("headdim: must divide d_inner=" + e + " into a multiple of ngroups="
                    + ngroups + " heads, got " + headdim);
        }
        int h = e / headdim;
        int convDim = e + 2 * ngroups * dState;
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("in_proj.weight", MambaWeights.uniform(rnd, 1 / Math.sqrt(dModel), 2 * e + 2 * ngroups * dState + h, dModel));
        m.put("conv1d.weight", MambaWeights.uniform(rnd, 1 / Math.sqrt(dConv), convDim, 1, dConv));
        m.put("conv1d.bias", MambaWeights.uniform(rnd, 1 / Math.sqrt(dConv), convDim));
        float[] bias = new float[h];
        float[] aLog = new float[h];
        float[] d = new float[h];
        for (int i = 0; i < h; i++) {
            double dt = Math.exp(Math.log(1e-3) + rnd.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
            bias[i] = (float) (dt + Math.log(-Math.expm1(-dt))); // softplus^{-1}(dt)
            aLog[i] = (float) Math.log(1 + 15 * rnd.nextDouble());
            d[i] = 1f;
        }
        m.put("dt_bias", Tensor.wrap(bias, h));
        m.put("A_log", Tensor.wrap(aLog, h));
        m.put("D", Tensor.wrap(d, h));
        float[] norm = new float[e];
        java.util.Arrays.fill(norm, 1f);
        m.put("norm.weight", Tensor.wrap(norm, e));
        m.put("out_proj.weight", MambaWeights.uniform(rnd, 1 / Math.sqrt(e), dModel, e));
        return m;
    }
}
