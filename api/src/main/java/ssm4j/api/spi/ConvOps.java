package ssm4j.api.spi;

import ssm4j.api.ConvShape;

/**
 * FFT convolution of one tier (SPEC 6): arguments as {@link ssm4j.api.SsmKernel#fftConv}, already validated.
 * Plans, kernel spectra workspaces and per-thread scratch are cached per shape; {@link #close()} frees this
 * part's native resources (plans, off-heap or device memory), not its lower part's, and is idempotent. Each
 * method defaults to the {@link #lower()} part.
 */
public interface ConvOps extends AutoCloseable {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    ConvOps lower();

    /** fp32. */
    default void fftConvK(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        lower().fftConvK(s, x, k, d, y);
    }

    /** fp64. */
    default void fftConvK(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        lower().fftConvK(s, x, k, d, y);
    }

    @Override
    default void close() {
    }
}
