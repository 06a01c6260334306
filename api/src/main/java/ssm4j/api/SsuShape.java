package ssm4j.api;

/**
 * Sizes of one Mamba decoding step ({@link SsmKernel#selectiveStateUpdate}, SPEC 7.3): {@code batch} rows,
 * {@code heads} heads (1 for the head-less form), {@code dim} channels per head, {@code dstate} N, and
 * {@code groups} G sharing B and C (head h uses group {@code h / (heads/G)}).
 */
public record SsuShape(int batch, int heads, int dim, int dstate, int groups, boolean dtSoftplus) {
    public SsuShape {
        Check.positiveDims("batch, heads, dim, dstate, groups", batch, heads, dim, dstate, groups);
        Check.divides("groups", groups, "heads", heads);
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
