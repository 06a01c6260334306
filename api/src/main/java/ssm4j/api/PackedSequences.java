package ssm4j.api;

import java.util.Arrays;

/**
 * The one check of packed variable-length batches (SPEC 8.3): cumulative sequence lengths
 * {@code 0 = s_0 < s_1 < … < s_k = L} with batch 1. Shared by the shape records that take {@code seqStarts}.
 */
final class PackedSequences {
    private PackedSequences() {
    }

    /**
     * A private copy of {@code seqStarts} after checking it, or null when it is null.
     *
     * @throws IllegalArgumentException naming {@code batch} or {@code seqStarts}
     */
    static int[] checked(int[] seqStarts, int batch, int length) {
        if (seqStarts == null) {
            return null;
        }
        int[] s = seqStarts.clone();
        if (batch != 1) {
            throw new IllegalArgumentException("batch: must be 1 with packed seqStarts, got " + batch);
        }
        if (s.length < 2 || s[0] != 0 || s[s.length - 1] != length) {
            throw new IllegalArgumentException("seqStarts: must run from 0 to length=" + length + ", got "
                    + Arrays.toString(s));
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] <= s[i - 1]) {
                throw new IllegalArgumentException("seqStarts: must increase strictly, got " + Arrays.toString(s));
            }
        }
        return s;
    }
}
