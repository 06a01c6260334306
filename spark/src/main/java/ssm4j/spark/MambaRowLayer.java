package ssm4j.spark;

import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.mamba.MambaBlock;

/** The Mamba v1 block ({@link MambaBlock}, SPEC 11.2) on rows of shape (L,d_model), time before channels. */
final class MambaRowLayer implements RowLayer {
    private final MambaBlock block;

    MambaRowLayer(Map<String, Tensor> weights) {
        this.block = new MambaBlock(weights);
    }

    @Override
    public int width() {
        return block.dModel();
    }

    @Override
    public int minLength() {
        return 1;
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out) {
        block.forward(kernel, batch, length, in, out, null, null);
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out) {
        block.forward(kernel, batch, length, in, out, null, null);
    }
}
