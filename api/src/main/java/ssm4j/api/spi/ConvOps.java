package ssm4j.api.spi;

import ssm4j.api.ConvShape;

/**
 * FFT convolution of one tier (SPEC 6): arguments as {@link ssm4j.api.SsmKernel#fftConv}, already validated.
 * Plans, kernel spectra workspaces and per-thread scratch are cached per shape; {@link #close()} frees native
 * resources (plans, off-heap or device memory) and is idempotent.
 */
public interface ConvOps extends AutoCloseable {
    /** fp32. */
    void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y);

    /** fp64. */
    void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y);

    @Override
    default void close() {
    }
}
