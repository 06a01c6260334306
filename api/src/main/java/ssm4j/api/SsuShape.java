package ssm4j.api;

/**
 * Sizes of one Mamba decoding step ({@link SsmKernel#selectiveStateUpdate}, SPEC 7.3): {@code batch} rows,
 * {@code heads} heads (1 for the head-less form), {@code dim} channels per head, {@code dstate} N, and
 * {@code groups} G sharing B and C (head h uses group {@code h / (heads/G)}).
 */
public record SsuShape(int batch, int heads, int dim, int dstate, int groups, boolean dtSoftplus) {
    public SsuShape {
        Check.positive("batch", batch);
        Check.positive("heads", heads);
        Check.positive("dim", dim);
        Check.positive("dstate", dstate);
        Check.positive("groups", groups);
        if (heads % groups != 0) {
            throw new IllegalArgumentException("groups: must divide heads=" + heads + ", got " + groups);
        }
    }

    /** Elements of the state (B,Hh,D,N). */
    public long stateSize() {
        return (long) batch * heads * dim * dstate;
    }

    /** Elements of a per-step vector (B,Hh,D). */
    public long rowSize() {
        return (long) batch * heads * dim;
    }
}
