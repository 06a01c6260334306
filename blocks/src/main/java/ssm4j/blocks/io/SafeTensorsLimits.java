package ssm4j.blocks.io;

import ssm4j.api.Check;

/**
 * Budgets a safetensors file must stay within before anything is allocated for it: the header's byte length
 * and the number of tensors. Files are untrusted, so a header that claims 99 MB on a small machine, or a
 * million tiny entries, is refused with an {@link java.io.IOException} naming the file and the limit instead of
 * exhausting memory.
 *
 * @param maxHeaderBytes largest header accepted, in bytes (1 … 100 MB, the reference's own cap)
 * @param maxTensors     largest number of tensors accepted (at least 1)
 */
public record SafeTensorsLimits(long maxHeaderBytes, int maxTensors) {
    /** The reference implementation's header cap: 100 MB. */
    public static final long REFERENCE_MAX_HEADER = 100_000_000L;

    /** Defaults: the reference's 100 MB header cap and 1,000,000 tensors. */
    public static final SafeTensorsLimits DEFAULT = new SafeTensorsLimits(REFERENCE_MAX_HEADER, 1_000_000);

    public SafeTensorsLimits {
        if (maxHeaderBytes < 1 || maxHeaderBytes > REFERENCE_MAX_HEADER) {
            throw new IllegalArgumentException("maxHeaderBytes: must be in [1, " + REFERENCE_MAX_HEADER + "], got "
                    + maxHeaderBytes);
        }
        Check.positive("maxTensors", maxTensors);
    }
}
