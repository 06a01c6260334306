package ssm4j.api;

import java.util.Arrays;

/**
 * Sizes and options of a Mamba-2 SSD scan ({@link SsmKernel#ssdScan}, SPEC 12). Layouts are time before heads:
 * x, z, y (B,L,H,P); dt (B,L,H); B, C (B,L,G,N); states (S,H,P,N) with S = {@link #sequences()}; the chunked
 * algorithm's intermediates (B,nc,H,P,N) with nc = {@link #chunks()}.
 *
 * @param batch       B (1 when {@code seqStarts} packs several sequences along L)
 * @param length      L time steps
 * @param heads       H heads
 * @param headdim     P channels per head
 * @param groups      G groups sharing B and C (head h reads group {@code h / (H/G)}); must divide H
 * @param dstate      N state entries per channel
 * @param chunkSize   Q, the chunk length of the chunked algorithm (12.4); never changes the result, only the
 *                    intermediates {@code chunkStates}/{@code prevStates} and the speed
 * @param dtSoftplus  apply softplus (threshold 20) to {@code dt + dtBias}
 * @param dtLimitLo   lower clamp of the step after softplus (12.2a)
 * @param dtLimitHi   upper clamp; the default (0, +∞) means no clamp at all, as in the reference
 * @param dPerHeaddim D is (H,P) rather than (H)
 * @param seqStarts   null, or the cumulative sequence lengths {@code 0 = s_0 < … < s_k = L} of a packed
 *                    variable-length batch (B must be 1): the state resets at every {@code s_i} (SPEC 8.3)
 */
public record SsdScanShape(int batch, int length, int heads, int headdim, int groups, int dstate, int chunkSize,
                           boolean dtSoftplus, double dtLimitLo, double dtLimitHi, boolean dPerHeaddim,
                           int[] seqStarts) {
    public SsdScanShape {
        Check.positiveDims("batch, length, heads, headdim, groups, dstate, chunkSize", batch, length, heads, headdim,
                groups, dstate, chunkSize);
        Check.divides("groups", groups, "heads", heads);
        if (Double.isNaN(dtLimitLo) || Double.isNaN(dtLimitHi) || !(dtLimitLo <= dtLimitHi)
                || dtLimitLo == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("dtLimit: needs lo <= hi, lo finite, got (" + dtLimitLo + ", "
                    + dtLimitHi + ")");
        }
        if ((long) batch * length * heads * headdim > Integer.MAX_VALUE
                || (long) batch * heads * headdim * dstate > Integer.MAX_VALUE
                || (long) batch * length * groups * dstate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape: arrays would exceed 2^31 elements");
        }
        seqStarts = PackedSequences.checked(seqStarts, batch, length);
    }

    /** A plain scan: no softplus, no clamp, D per head, no packed sequences; refine with the {@code with…} methods. */
    public static SsdScanShape of(int batch, int length, int heads, int headdim, int groups, int dstate,
                                  int chunkSize) {
        return new SsdScanShape(batch, length, heads, headdim, groups, dstate, chunkSize, false, 0,
                Double.POSITIVE_INFINITY, false, null);
    }

    /** This shape with softplus on or off. */
    public SsdScanShape withDtSoftplus(boolean on) {
        return new SsdScanShape(batch, length, heads, headdim, groups, dstate, chunkSize, on, dtLimitLo, dtLimitHi,
                dPerHeaddim, seqStarts);
    }

    /** This shape with the clamp {@code dt ← clamp(dt, lo, hi)} after softplus. */
    public SsdScanShape withDtLimit(double lo, double hi) {
        return new SsdScanShape(batch, length, heads, headdim, groups, dstate, chunkSize, dtSoftplus, lo, hi,
                dPerHeaddim, seqStarts);
    }

    /** This shape with D of shape (H,P) ({@code true}) or (H). */
    public SsdScanShape withDPerHeaddim(boolean perHeaddim) {
        return new SsdScanShape(batch, length, heads, headdim, groups, dstate, chunkSize, dtSoftplus, dtLimitLo,
                dtLimitHi, perHeaddim, seqStarts);
    }

    /** This shape with packed sequences (null: none). */
    public SsdScanShape withSeqStarts(int[] starts) {
        return new SsdScanShape(batch, length, heads, headdim, groups, dstate, chunkSize, dtSoftplus, dtLimitLo,
                dtLimitHi, dPerHeaddim, starts);
    }

    /** This shape with another length (packed sequences dropped). */
    public SsdScanShape withLength(int newLength) {
        return new SsdScanShape(batch, newLength, heads, headdim, groups, dstate, chunkSize, dtSoftplus, dtLimitLo,
                dtLimitHi, dPerHeaddim, null);
    }

    /** Whether a clamp is applied: any limit other than the reference's default (0, +∞). */
    public boolean hasDtLimit() {
        return !(dtLimitLo == 0 && dtLimitHi == Double.POSITIVE_INFINITY);
    }

    /** The cumulative lengths (a copy), or null. */
    @Override
    public int[] seqStarts() {
        return seqStarts == null ? null : seqStarts.clone();
    }

    /** Start (in the flattened B·L time axis) of independent sequence {@code i < sequences()}. */
    public int sequenceStart(int i) {
        return seqStarts == null ? i * length : seqStarts[i];
    }

    /** Length of independent sequence {@code i}. */
    public int sequenceLength(int i) {
        return seqStarts == null ? length : seqStarts[i + 1] - seqStarts[i];
    }

    /** Number of independent sequences: {@code batch}, or the number of packed sequences. */
    public int sequences() {
        return seqStarts == null ? batch : seqStarts.length - 1;
    }

    /** nc = ⌈L/Q⌉, chunks per batch row of the intermediates. */
    public int chunks() {
        return (length + chunkSize - 1) / chunkSize;
    }

    /** Elements of x, z or y (B,L,H,P). */
    public long seqSize() {
        return (long) batch * length * heads * headdim;
    }

    /** Elements of dt (B,L,H). */
    public long dtSize() {
        return (long) batch * length * heads;
    }

    /** Elements of B or C (B,L,G,N). */
    public long bcSize() {
        return (long) batch * length * groups * dstate;
    }

    /** Elements of D: H·P or H. */
    public long dSize() {
        return dPerHeaddim ? (long) heads * headdim : heads;
    }

    /** Elements of a state array (S,H,P,N). */
    public long stateSize() {
        return (long) sequences() * heads * headdim * dstate;
    }

    /** Elements of chunkStates or prevStates (B,nc,H,P,N). */
    public long chunkStateSize() {
        return (long) batch * chunks() * heads * headdim * dstate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SsdScanShape s && batch == s.batch && length == s.length && heads == s.heads
                && headdim == s.headdim && groups == s.groups && dstate == s.dstate && chunkSize == s.chunkSize
                && dtSoftplus == s.dtSoftplus && Double.compare(dtLimitLo, s.dtLimitLo) == 0
                && Double.compare(dtLimitHi, s.dtLimitHi) == 0 && dPerHeaddim == s.dPerHeaddim
                && Arrays.equals(seqStarts, s.seqStarts);
    }

    @Override
    public int hashCode() {
        int h = ((((batch * 31 + length) * 31 + heads) * 31 + headdim) * 31 + groups) * 31 + dstate;
        h = (h * 31 + chunkSize) * 31 + Arrays.hashCode(seqStarts);
        return h * 31 + Double.hashCode(dtLimitLo) + 7 * Double.hashCode(dtLimitHi) + (dtSoftplus ? 1 : 0)
                + (dPerHeaddim ? 2 : 0);
    }

    @Override
    public String toString() {
        return "SsdScanShape[B=" + batch + ", L=" + length + ", H=" + heads + ", P=" + headdim + ", G=" + groups
                + ", N=" + dstate + ", Q=" + chunkSize + (dtSoftplus ? ", softplus" : "")
                + (hasDtLimit() ? ", dtLimit=(" + dtLimitLo + ", " + dtLimitHi + ")" : "")
                + (dPerHeaddim ? ", D(H,P)" : "")
                + (seqStarts == null ? "" : ", seqStarts=" + Arrays.toString(seqStarts)) + "]";
    }
}
