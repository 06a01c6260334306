package ssm4j.spark;

import java.util.Locale;

/**
 * What {@link SsmTransformer} does with a row it cannot compute (null, empty, ragged, a length that does not fit
 * the layer, NaN or infinite values): never a silent wrong value.
 */
public enum BadRowPolicy {
    /** Fail the job with a message naming the column, the partition and the row's position in it (default). */
    ERROR,
    /** Drop the row from the output. */
    SKIP,
    /** Keep the row and write null into the output column. */
    NULL;

    /** The policy's parameter value: {@code error}, {@code skip} or {@code null}. */
    public String paramValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code error}, {@code skip} or {@code null} (any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static BadRowPolicy parse(String s) {
        if (s != null) {
            for (BadRowPolicy p : values()) {
                if (p.paramValue().equalsIgnoreCase(s.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("badRows: must be error, skip or null, got '" + s + "'");
    }
}
