package ssm4j.blocks.rows;

/**
 * The fp32 copies of the weights every Mamba mixer has (SPEC 11.2, 12.6): in_proj, conv1d and out_proj with their
 * biases; the Mamba and Mamba-2 arithmetic classes extend it and add their own. {@code MixerWeightsF64} is generated
 * from this file by {@code tools/GenerateTwins.java}.
 */
public abstract class MixerWeightsF32 {
    /** in_proj.weight (rows, d_model) and its bias (rows) or null. */
    protected final float[] inProj;
    protected final float[] inBias;
    /** conv1d.weight (channels, W) and its bias (channels). */
    protected final float[] convW;
    protected final float[] convB;
    /** out_proj.weight (d_model, E) and its bias (d_model) or null. */
    protected final float[] outProj;
    protected final float[] outBias;

    /**
     * Copies {@code p = {in_proj.weight, in_proj.bias, conv1d.weight, conv1d.bias, ..., out_proj.weight,
     * out_proj.bias}} (the mixer's own weights in between); a null bias stays null.
     */
    protected MixerWeightsF32(double[][] p) {
        this.inProj = BlockMathF32.copyOf(p[0]);
        this.inBias = BlockMathF32.copyOf(p[1]);
        this.convW = BlockMathF32.copyOf(p[2]);
        this.convB = BlockMathF32.copyOf(p[3]);
        this.outProj = BlockMathF32.copyOf(p[p.length - 2]);
        this.outBias = BlockMathF32.copyOf(p[p.length - 1]);
    }
}
