package ssm4j.api;

/**
 * Sizes of a log-space scan ({@link SsmKernel#logScan}): {@code batch} sequences of {@code length} steps with
 * {@code dim} independent channels each, every sequence array laid out (B,L,D), <b>time before channels</b>, as
 * the minRNNs reference lays them out (SPEC 14.3). Immutable; build once and reuse.
 *
 * @throws IllegalArgumentException if a size is below 1 or B·L·D does not fit an array
 */
public record LogScanShape(int batch, int length, int dim) {
    public LogScanShape {
        Check.positive("batch", batch);
        Check.positive("length", length);
        Check.positive("dim", dim);
        if ((long) batch * length * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batch·length·dim: must fit one Java array, got "
                    + (long) batch * length * dim);
        }
    }

    /** Elements of a (B,L,D) sequence array. */
    public int seqSize() {
        return batch * length * dim;
    }

    /** Elements of a (B,1,D) state array. */
    public int stateSize() {
        return batch * dim;
    }
}
