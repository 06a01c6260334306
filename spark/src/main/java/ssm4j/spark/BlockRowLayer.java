package ssm4j.spark;

import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.s4d.S4dLayer;

/**
 * A library block as a {@link RowLayer}, for the layers that take any length: the S4D layer ({@link S4dLayer},
 * SPEC 11.1) on rows (H,L), channels before time, and the Mamba v1 block ({@link MambaBlock}, SPEC 11.2) on rows
 * (L,d_model), time before channels. The block's own entry points do the work; this only adapts them.
 *
 * @param width values per time step (H or d_model)
 * @param f32   the block's fp32 forward
 * @param f64   the block's fp64 forward
 */
record BlockRowLayer(int width, Fp32 f32, Fp64 f64) implements RowLayer {
    /** A block's fp32 forward over {@code batch} rows. */
    @FunctionalInterface
    interface Fp32 {
        void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out);
    }

    /** A block's fp64 forward over {@code batch} rows. */
    @FunctionalInterface
    interface Fp64 {
        void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out);
    }

    /** The S4D layer of {@code weights}. */
    static BlockRowLayer s4d(Map<String, Tensor> weights) {
        S4dLayer layer = new S4dLayer(weights);
        return new BlockRowLayer(layer.h(), layer::forward, layer::forward);
    }

    /** The Mamba block of {@code weights}, without caches. */
    static BlockRowLayer mamba(Map<String, Tensor> weights) {
        MambaBlock block = new MambaBlock(weights);
        return new BlockRowLayer(block.dModel(), (k, b, l, in, out) -> block.forward(k, b, l, in, out, null, null),
                (k, b, l, in, out) -> block.forward(k, b, l, in, out, null, null));
    }

    @Override
    public int minLength() {
        return 1;
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out) {
        f32.forward(kernel, batch, length, in, out);
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out) {
        f64.forward(kernel, batch, length, in, out);
    }
}
