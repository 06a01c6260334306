package ssm4j.kernels.hippo;

import java.util.Locale;

/**
 * The HiPPO measures ssm4j builds (SPEC 2.1): scaled Legendre (LegS), translated Legendre (LegT), translated
 * Laguerre (LagT) and translated Fourier (FouT). Each knows its natural low-rank size (SPEC 2.2).
 */
public enum HippoMeasure {
    /** Scaled Legendre; natural rank 1, {@code A + PᵀP = S − ½I}. */
    LEGS("legs", 1),
    /** Translated Legendre; natural rank 2, {@code A + PᵀP = S}. */
    LEGT("legt", 2),
    /** Translated Laguerre; natural rank 1, {@code A + PᵀP = S}. */
    LAGT("lagt", 1),
    /** Translated Fourier (even N only); natural rank 1, {@code A + PᵀP = S}. */
    FOUT("fout", 1);

    private final String label;
    private final int naturalRank;

    HippoMeasure(String label, int naturalRank) {
        this.label = label;
        this.naturalRank = naturalRank;
    }

    /** The lower-case name used by the reference and the golden manifest ({@code "legs"}, ...). */
    public String label() {
        return label;
    }

    /** The smallest rank R for which {@code A + Σ_r p_r p_rᵀ} is normal (SPEC 2.2). */
    public int naturalRank() {
        return naturalRank;
    }

    /**
     * The measure called {@code name} (case-insensitive: {@code legs}, {@code legt}, {@code lagt}, {@code fout}).
     *
     * @throws IllegalArgumentException naming {@code measure} if the name is null or unknown
     */
    public static HippoMeasure of(String name) {
        if (name != null) {
            String key = name.toLowerCase(Locale.ROOT);
            for (HippoMeasure m : values()) {
                if (m.label.equals(key)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("measure: unknown HiPPO measure '" + name
                + "', expected one of legs, legt, lagt, fout");
    }

    /**
     * Checks that state size {@code n} is allowed for this measure.
     *
     * @throws IllegalArgumentException naming {@code n} if {@code n < 1}, or odd for FouT
     */
    public void checkSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: state size must be >= 1, got " + n);
        }
        if (this == FOUT && n % 2 != 0) {
            throw new IllegalArgumentException("n: FouT needs an even state size, got " + n);
        }
    }

    /**
     * Checks a requested low-rank size.
     *
     * @throws IllegalArgumentException naming {@code rank} if it is below the natural rank
     */
    public void checkRank(int rank) {
        if (rank < naturalRank) {
            throw new IllegalArgumentException("rank: " + label + " needs rank >= " + naturalRank + ", got " + rank);
        }
    }
}
