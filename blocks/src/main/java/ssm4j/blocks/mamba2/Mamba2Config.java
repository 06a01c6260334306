package ssm4j.blocks.mamba2;

import ssm4j.api.Check;

/**
 * The constructor options of the reference {@code Mamba2} module that its weights do not reveal (SPEC 12.6).
 *
 * @param ngroups        G, groups sharing B and C (d_state follows from the weights as {@code (conv_dim − E)/2G})
 * @param chunkSize      Q of the chunked SSD (never changes the result, only speed)
 * @param normBeforeGate the gated RMSNorm normalises y before the gate (the reference's default is false)
 * @param normEps        the RMSNorm epsilon (1e-5 in the reference)
 * @param dtLimitLo      lower clamp of the step in the forward pass (0 with the default no-clamp (0, ∞))
 * @param dtLimitHi      upper clamp; the reference's {@code step()} ignores the limit and so does {@link Mamba2Block#step}
 */
public record Mamba2Config(int ngroups, int chunkSize, boolean normBeforeGate, double normEps, double dtLimitLo,
                           double dtLimitHi) {
    public Mamba2Config {
        Check.positive("ngroups", ngroups);
        Check.positive("chunkSize", chunkSize);
        Check.positiveFinite("normEps", normEps);
        if (!(dtLimitLo <= dtLimitHi) || Double.isInfinite(dtLimitLo)) {
            throw new IllegalArgumentException("dtLimit: needs lo <= hi with lo finite, got (" + dtLimitLo + ", "
                    + dtLimitHi + ")");
        }
    }

    /** The reference's defaults with {@code ngroups} groups: chunk 256, gate before norm, eps 1e-5, no clamp. */
    public static Mamba2Config of(int ngroups) {
        return new Mamba2Config(ngroups, 256, false, 1e-5, 0, Double.POSITIVE_INFINITY);
    }

    /** This configuration with another chunk size. */
    public Mamba2Config withChunkSize(int q) {
        return new Mamba2Config(ngroups, q, normBeforeGate, normEps, dtLimitLo, dtLimitHi);
    }

    /** This configuration with norm_before_gate set. */
    public Mamba2Config withNormBeforeGate(boolean before) {
        return new Mamba2Config(ngroups, chunkSize, before, normEps, dtLimitLo, dtLimitHi);
    }

    /** This configuration with another RMSNorm epsilon. */
    public Mamba2Config withNormEps(double eps) {
        return new Mamba2Config(ngroups, chunkSize, normBeforeGate, eps, dtLimitLo, dtLimitHi);
    }

    /** This configuration with a dt clamp (lo, hi) in the forward pass. */
    public Mamba2Config withDtLimit(double lo, double hi) {
        return new Mamba2Config(ngroups, chunkSize, normBeforeGate, normEps, lo, hi);
    }
}
