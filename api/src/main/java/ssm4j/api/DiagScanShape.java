package ssm4j.api;

/**
 * Sizes of a diagonal time-invariant scan ({@link SsmKernel#diagScan}): {@code batch} sequences of {@code h}
 * channels with {@code n} state entries each, {@code length} steps; {@code complex} says whether a, b, c and the
 * state are complex (interleaved) or real. Immutable; build once and reuse.
 *
 * @throws IllegalArgumentException if a size is below 1
 */
public record DiagScanShape(int batch, int h, int n, int length, boolean complex) {
    public DiagScanShape {
        Check.positive("batch", batch);
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("length", length);
    }

    /** Floats (or doubles) per (H,N) parameter array: H·N, times 2 when complex. */
    public long paramSize() {
        return (long) h * n * (complex ? 2 : 1);
    }

    /** Floats per (B,H,N) state array. */
    public long stateSize() {
        return batch * paramSize();
    }

    /** Elements of a (B,H,L) real sequence array. */
    public long seqSize() {
        return (long) batch * h * length;
    }
}
