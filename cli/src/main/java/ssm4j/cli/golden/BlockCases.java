package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;
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
    /** Public no-arg constructor for {@link GoldenRunners}. */
    public BlockCases() {
    }

    @Override
    public Set<String> primitives() {
        return Set.of("s4d_layer", "mamba_block");
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        return c.primitive().equals("s4d_layer") ? s4d(c, p, kernel) : mamba(c, p, kernel);
    }

    private static Map<String, Tensor> weights(GoldenCase c, String dataName) throws IOException {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String n : c.inputNames()) {
            if (!n.equals(dataName)) {
                w.put(n, TensorFiles.fromNpy(c.input(n)));
            }
        }
        return w;
    }

    private static double[] wide(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static Map<String, double[]> s4d(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        S4dLayer layer = new S4dLayer(weights(c, "u"));
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
            out.put("y", wide(y));
            out.put("K", wide(k));
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
        MambaBlock m = new MambaBlock(weights(c, "hidden_states"));
        NpyArray hs = c.input("hidden_states");
        int b = hs.dim(0);
        int l = hs.dim(1);
        int dm = m.dModel();
        int steps = c.intParam("n_steps");
        int e = m.dInner();
        Map<String, double[]> out = new LinkedHashMap<>();
        if (p == Precision.FP32) {
            float[] h = hs.toFloats();
            float[] y = new float[b * l * dm];
            m.forward(kernel, b, l, h, y, null, null);
            out.put("out", wide(y));
            // decoding from zero caches, one token at a time
            float[] conv = new float[b * e * m.dConv()];
            float[] ssm = new float[b * e * m.dState()];
            float[] tok = new float[b * dm];
            float[] o = new float[b * dm];
            float[] outSteps = new float[b * steps * dm];
            for (int t = 0; t < steps; t++) {
                for (int bi = 0; bi < b; bi++) {
                    System.arraycopy(h, (bi * l + t) * dm, tok, bi * dm, dm);
                }
                m.step(kernel, b, tok, conv, ssm, o);
                for (int bi = 0; bi < b; bi++) {
                    System.arraycopy(o, bi * dm, outSteps, (bi * steps + t) * dm, dm);
                }
            }
            out.put("out_steps", wide(outSteps));
            out.put("conv_state", wide(conv));
            out.put("ssm_state", wide(ssm));
            // prefill: one forward call over the prompt fills the caches
            float[] prompt = new float[b * steps * dm];
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(h, bi * l * dm, prompt, bi * steps * dm, steps * dm);
            }
            float[] convP = new float[conv.length];
            float[] ssmP = new float[ssm.length];
            m.forward(kernel, b, steps, prompt, new float[prompt.length], convP, ssmP);
            out.put("conv_state_prefill", wide(convP));
            out.put("ssm_state_prefill", wide(ssmP));
        } else {
            double[] h = hs.data();
            double[] y = new double[b * l * dm];
            m.forward(kernel, b, l, h, y, null, null);
            out.put("out", y);
            double[] conv = new double[b * e * m.dConv()];
            double[] ssm = new double[b * e * m.dState()];
            double[] tok = new double[b * dm];
            double[] o = new double[b * dm];
            double[] outSteps = new double[b * steps * dm];
            for (int t = 0; t < steps; t++) {
                for (int bi = 0; bi < b; bi++) {
                    System.arraycopy(h, (bi * l + t) * dm, tok, bi * dm, dm);
                }
                m.step(kernel, b, tok, conv, ssm, o);
                for (int bi = 0; bi < b; bi++) {
                    System.arraycopy(o, bi * dm, outSteps, (bi * steps + t) * dm, dm);
                }
            }
            out.put("out_steps", outSteps);
            out.put("conv_state", conv);
            out.put("ssm_state", ssm);
            double[] prompt = new double[b * steps * dm];
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(h, bi * l * dm, prompt, bi * steps * dm, steps * dm);
            }
            double[] convP = new double[conv.length];
            double[] ssmP = new double[ssm.length];
            m.forward(kernel, b, steps, prompt, new double[prompt.length], convP, ssmP);
            out.put("conv_state_prefill", convP);
            out.put("ssm_state_prefill", ssmP);
        }
        return out;
    }
}
