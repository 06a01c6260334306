package ssm4j.spark;

import java.util.Map;

import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.s4d.S4dLayer;

/**
 * The single-JVM library result for one row, computed straight through the library's public classes (one row,
 * batch 1), independently of the transformer's batching code: the expected values of the Spark tests.
 */
final class Reference {
    private Reference() {
    }

    static float[] row(String layer, Weights w, SsmKernel kernel, float[] in) {
        Map<String, Tensor> t = w.tensors();
        float[] out = new float[in.length];
        switch (layer) {
            case "conv" -> {
                Tensor k = t.get("k");
                int h = k.dim(0);
                int lk = k.dim(1);
                kernel.fftConv(new ConvShape(1, h, in.length / h, 1, lk, false), in, k.toFloats(),
                        t.get("D").toFloats(), out);
            }
            case "s4d" -> {
                S4dLayer s = new S4dLayer(t);
                s.forward(kernel, 1, in.length / s.h(), in, out);
            }
            case "mamba" -> {
                MambaBlock m = new MambaBlock(t);
                m.forward(kernel, 1, in.length / m.dModel(), in, out, null, null);
            }
            default -> throw new AssertionError(layer);
        }
        return out;
    }

    static double[] row(String layer, Weights w, SsmKernel kernel, double[] in) {
        Map<String, Tensor> t = w.tensors();
        double[] out = new double[in.length];
        switch (layer) {
            case "conv" -> {
                Tensor k = t.get("k");
                int h = k.dim(0);
                kernel.fftConv(new ConvShape(1, h, in.length / h, 1, k.dim(1), false), in, k.toDoubles(),
                        t.get("D").toDoubles(), out);
            }
            case "s4d" -> {
                S4dLayer s = new S4dLayer(t);
                s.forward(kernel, 1, in.length / s.h(), in, out);
            }
            case "mamba" -> {
                MambaBlock m = new MambaBlock(t);
                m.forward(kernel, 1, in.length / m.dModel(), in, out, null, null);
            }
            default -> throw new AssertionError(layer);
        }
        return out;
    }
}
