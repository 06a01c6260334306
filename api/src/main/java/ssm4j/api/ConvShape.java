package ssm4j.api;

/**
 * Sizes of an FFT convolution ({@link SsmKernel#fftConv}, SPEC 6): input x (B,H,L), kernel of
 * {@code channels} output channels and {@code kernelLength} taps (at most L), optional backward kernels.
 */
public record ConvShape(int batch, int h, int length, int channels, int kernelLength, boolean bidirectional) {
    public ConvShape {
        Check.positiveDims("batch, h, length, channels, kernelLength", batch, h, length, channels, kernelLength);
        if (kernelLength > length) {
            throw new IllegalArgumentException("kernelLength: must be <= length=" + length + ", got " + kernelLength);
        }
    }

    /** Causal, single output channel, full-length kernel. */
    public static ConvShape causal(int batch, int h, int length) {
        return new ConvShape(batch, h, length, 1, length, false);
    }

    /** Kernel rows Cn' = channels, or 2·channels when bidirectional. */
    public int kernelRows() {
        return bidirectional ? 2 * channels : channels;
    }

    /** The reference FFT length {@code kernelLength + length} (SPEC 6; any n ≥ Lk + L gives the same result). */
    public int referenceFftLength() {
        return kernelLength + length;
    }
}
