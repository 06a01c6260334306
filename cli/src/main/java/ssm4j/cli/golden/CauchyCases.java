package ssm4j.cli.golden;

import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;

/**
 * Golden runner for {@code cauchy} (3.1a) and {@code cauchy_conj} (3.1b): inputs v, w (H,N) and z (L) complex;
 * outputs {@code k} and {@code k_ext} (both the same formula, two reference code paths), compared in fp32 with
 * {@code k_f32}. fp32 runs round the complex128 inputs to complex64, as the reference's {@code *_f32} run did.
 */
public final class CauchyCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        boolean conj = c.primitive().equals("cauchy_conj");
        NpyArray v = c.input("v");
        NpyArray w = c.input("w");
        NpyArray z = c.input("z");
        int h = v.dim(0);
        int n = v.dim(1);
        int l = z.dim(0);
        double[] k;
        if (p == Precision.FP32) {
            float[] out = new float[2 * h * l];
            if (conj) {
                kernel.cauchyConj(h, n, l, v.toFloats(), 0, w.toFloats(), 0, z.toFloats(), 0, out, 0);
            } else {
                kernel.cauchy(h, n, l, v.toFloats(), 0, w.toFloats(), 0, z.toFloats(), 0, out, 0);
            }
            k = GoldenArrays.widen(out);
        } else {
            k = new double[2 * h * l];
            if (conj) {
                kernel.cauchyConj(h, n, l, v.data(), 0, w.data(), 0, z.data(), 0, k, 0);
            } else {
                kernel.cauchy(h, n, l, v.data(), 0, w.data(), 0, z.data(), 0, k, 0);
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("k_ext", k);
        return m;
    }
}
