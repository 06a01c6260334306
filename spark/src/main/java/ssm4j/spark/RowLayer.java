package ssm4j.spark;

import ssm4j.api.SsmKernel;

/**
 * One SSM computation applied to a batch of equal-length rows, built once per executor JVM from broadcast
 * {@link Weights} ({@link LayerCache}). A row holds L time steps of {@link #width()} values each; the layout inside
 * a row is the layer's own (channels before time for {@code conv} and {@code s4d}: (H,L); time before channels for
 * {@code mamba}: (L,d_model)), so a batch of rows laid end to end is exactly the library's (B,·,·) input.
 * Implementations are immutable and thread-safe; several tasks of one JVM call them at once.
 */
interface RowLayer {
    /** Values per time step: H for conv and s4d, d_model for mamba. */
    int width();

    /** The shortest sequence the layer accepts (the kernel length for conv, else 1). */
    int minLength();

    /** fp32: {@code in} holds {@code batch} rows of {@code length·width()} values; {@code out} receives as many. */
    void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out);

    /** fp64 overload of {@link #forward(SsmKernel, int, int, float[], float[])}. */
    void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out);
}
