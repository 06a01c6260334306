package ssm4j.api;

import java.util.Arrays;

/**
 * Sizes and options of a Mamba selective scan ({@link SsmKernel#selectiveScan}, SPEC 7).
 *
 * @param batch        B (1 when {@code seqStarts} packs several sequences along L)
 * @param dim          D channels
 * @param dstate       N state entries per channel
 * @param length       L time steps
 * @param bLayout      layout of B
 * @param cLayout      layout of C
 * @param groups       G, for {@link BcLayout#GROUPED}; must divide D (1 otherwise)
 * @param complexA     A, the state and fixed B/C are complex (interleaved); the output is {@code 2·Re}
 * @param deltaSoftplus apply softplus (threshold 20) to {@code delta + deltaBias}
 * @param seqStarts    null, or the cumulative sequence lengths {@code 0 = s_0 < s_1 < … < s_k = L} of a packed
 *                     variable-length batch (B must be 1): the state resets at every {@code s_i} (SPEC 8.3)
 */
public record SelectiveScanShape(int batch, int dim, int dstate, int length, BcLayout bLayout, BcLayout cLayout,
                                 int groups, boolean complexA, boolean deltaSoftplus, int[] seqStarts) {
    public SelectiveScanShape {
        Check.positiveDims("batch, dim, dstate, length", batch, dim, dstate, length);
        Check.notNull("bLayout", bLayout);
        Check.notNull("cLayout", cLayout);
        Check.positive("groups", groups);
        Check.divides("groups", groups, "dim", dim);
        seqStarts = PackedSequences.checked(seqStarts, batch, length);
    }

    /** A scan without packed sequences. */
    public SelectiveScanShape(int batch, int dim, int dstate, int length, BcLayout bLayout, BcLayout cLayout,
                              int groups, boolean complexA, boolean deltaSoftplus) {
        this(batch, dim, dstate, length, bLayout, cLayout, groups, complexA, deltaSoftplus, null);
    }

    /** The cumulative lengths (a copy), or null. */
    @Override
    public int[] seqStarts() {
        return seqStarts == null ? null : seqStarts.clone();
    }

    /** Number of independent sequences: {@code batch}, or the number of packed sequences. */
    public int sequences() {
        return seqStarts == null ? batch : seqStarts.length - 1;
    }

    /** Elements of B (when {@code forB}) or C in its layout. */
    public long bcSize(boolean forB) {
        BcLayout lay = forB ? bLayout : cLayout;
        int cplx = complexA ? 2 : 1;
        return switch (lay) {
            case FIXED -> (long) dim * dstate * cplx;
            case PER_TIME -> (long) batch * dstate * length * cplx;
            case GROUPED -> (long) batch * groups * dstate * length * cplx;
        };
    }

    /** Elements of one state array (x0 or lastState): sequences·D·N, doubled when complex. */
    public long stateSize() {
        return (long) sequences() * dim * dstate * (complexA ? 2 : 1);
    }

    /** Elements of a (B,D,L) sequence array. */
    public long seqSize() {
        return (long) batch * dim * length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelectiveScanShape s && batch == s.batch && dim == s.dim && dstate == s.dstate
                && length == s.length && bLayout == s.bLayout && cLayout == s.cLayout && groups == s.groups
                && complexA == s.complexA && deltaSoftplus == s.deltaSoftplus
                && Arrays.equals(seqStarts, s.seqStarts);
    }

    @Override
    public int hashCode() {
        return ((((batch * 31 + dim) * 31 + dstate) * 31 + length) * 31 + groups) * 31 + Arrays.hashCode(seqStarts)
                + bLayout.hashCode() * 7 + cLayout.hashCode() * 13 + (complexA ? 1 : 0) + (deltaSoftplus ? 2 : 0);
    }

    @Override
    public String toString() {
        return "SelectiveScanShape[B=" + batch + ", D=" + dim + ", N=" + dstate + ", L=" + length + ", B:" + bLayout
                + ", C:" + cLayout + ", G=" + groups + (complexA ? ", complex" : "")
                + (deltaSoftplus ? ", softplus" : "") + (seqStarts == null ? "" : ", seqStarts="
                + Arrays.toString(seqStarts)) + "]";
    }
}
