package ssm4j.spark;

import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.compat.ReferenceOps;
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
        return row(layer, w, kernel, Tensor.wrap(in, in.length)).toFloats();
    }

    static double[] row(String layer, Weights w, SsmKernel kernel, double[] in) {
        return row(layer, w, kernel, Tensor.wrap(in, in.length)).toDoubles();
    }

    /** One row in the precision of {@code in}, through each layer's tensor entry point. */
    private static Tensor row(String layer, Weights w, SsmKernel kernel, Tensor in) {
        Map<String, Tensor> t = w.tensors();
        int size = Math.toIntExact(in.size());
        return switch (layer) {
            case "conv" -> {
                Tensor k = t.get("k");
                int h = k.dim(0);
                yield new ReferenceOps(kernel).fftConv(in.reshape(1, h, size / h), k.reshape(1, h, k.dim(1)),
                        t.get("D").reshape(1, h));
            }
            case "s4d" -> {
                S4dLayer s = new S4dLayer(t);
                yield s.forward(kernel, in.reshape(1, s.h(), size / s.h()));
            }
            case "mamba" -> {
                MambaBlock m = new MambaBlock(t);
                yield m.forward(kernel, in.reshape(1, size / m.dModel(), m.dModel()));
            }
            default -> throw new AssertionError(layer);
        };
    }
}
