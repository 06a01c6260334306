// GENERATED from blocks/src/main/java/ssm4j/blocks/rows/MixerWeightsF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.blocks.rows;

/**
 * The fp64 copies of the weights every Mamba mixer has (SPEC 11.2, 12.6): in_proj, conv1d and out_proj with their
 * biases; the Mamba and Mamba-2 arithmetic classes extend it and add their own. {@code MixerWeightsF64} is generated
 * from this file by {@code tools/GenerateTwins.java}.
 */
public abstract class MixerWeightsF64 {
    /** in_proj.weight (rows, d_model) and its bias (rows) or null. */
    protected final double[] inProj;
    protected final double[] inBias;
    /** conv1d.weight (channels, W) and its bias (channels). */
    protected final double[] convW;
    protected final double[] convB;
    /** out_proj.weight (d_model, E) and its bias (d_model) or null. */
    protected final double[] outProj;
    protected final double[] outBias;

    /**
     * Copies {@code p = {in_proj.weight, in_proj.bias, conv1d.weight, conv1d.bias, ..., out_proj.weight,
     * out_proj.bias}} (the mixer's own weights in between); a null bias stays null.
     */
    protected MixerWeightsF64(double[][] p) {
        this.inProj = BlockMathF64.copyOf(p[0]);
        this.inBias = BlockMathF64.copyOf(p[1]);
        this.convW = BlockMathF64.copyOf(p[2]);
        this.convB = BlockMathF64.copyOf(p[3]);
        this.outProj = BlockMathF64.copyOf(p[p.length - 2]);
        this.outBias = BlockMathF64.copyOf(p[p.length - 1]);
    }
}
