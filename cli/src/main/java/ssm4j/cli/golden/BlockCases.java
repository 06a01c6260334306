package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.s4d.S4dLayer;

/**
 * Golden runner for the whole blocks (SPEC 11): {@code s4d_layer} (outputs y, K) through {@link S4dLayer}, and
 * {@code mamba_block} (out; out_steps, conv_state, ssm_state from {@code n_steps} decoding steps on zero caches;
 * conv_state_prefill, ssm_state_prefill from one forward call over the first {@code n_steps} tokens) through
 * {@link MambaBlock}. Every input other than the data ({@code u}, {@code hidden_states}) is a weight under its
 * state_dict name.
 */
public final class BlockCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        return c.primitive().equals("s4d_layer") ? s4d(c, p, kernel) : mamba(c, p, kernel);
    }

    private static Map<String, double[]> s4d(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        S4dLayer layer = new S4dLayer(GoldenArrays.weights(c, "u"));
        NpyArray u = c.input("u");
        int b = u.dim(0);
        int l = u.dim(2);
        int h = layer.h();
        Map<String, double[]> out = new LinkedHashMap<>();
        if (p == Precision.FP32) {
            float[] y = new float[b * h * l];
            layer.forward(kernel, b, l, u.toFloats(), y);
            float[] k = new float[h * l];
            layer.kernel(kernel, l, k);
            out.put("y", GoldenArrays.widen(y));
            out.put("K", GoldenArrays.widen(k));
        } else {
            double[] y = new double[b * h * l];
            layer.forward(kernel, b, l, u.data(), y);
            double[] k = new double[h * l];
            layer.kernel(kernel, l, k);
            out.put("y", y);
            out.put("K", k);
        }
        return out;
    }

    private static Map<String, double[]> mamba(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        MambaBlock m = new MambaBlock(GoldenArrays.weights(c, "hidden_states"));
        NpyArray hs = c.input("hidden_states");
        int b = hs.dim(0);
        return BlockDecoding.run(new BlockDecoding.Calls(m::forward, m::step, m::forward, m::step), kernel,
                p == Precision.FP32 ? hs.toFloats() : hs.data(), b, hs.dim(1), m.dModel(), c.intParam("n_steps"),
                b * m.dInner() * m.dConv(), b * m.dInner() * m.dState());
    }
}
