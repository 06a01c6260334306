package ssm4j.spark;

import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.s4d.S4dLayer;

/** The S4D layer ({@link S4dLayer}, SPEC 11.1) on rows of shape (H,L), channels before time. */
final class S4dRowLayer implements RowLayer {
    private final S4dLayer layer;

    S4dRowLayer(Map<String, Tensor> weights) {
        this.layer = new S4dLayer(weights);
    }

    @Override
    public int width() {
        return layer.h();
    }

    @Override
    public int minLength() {
        return 1;
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out) {
        layer.forward(kernel, batch, length, in, out);
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out) {
        layer.forward(kernel, batch, length, in, out);
    }
}
