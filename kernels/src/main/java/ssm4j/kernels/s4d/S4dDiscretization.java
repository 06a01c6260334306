package ssm4j.kernels.s4d;

/** How an S4D kernel turns its continuous diagonal system into a discrete one (SPEC 1.2c, 4.2). */
public enum S4dDiscretization {
    /** Zero-order hold: {@code Ā = e^{dtA}}, {@code B̄ = B·(e^{dtA} − 1)/A}. */
    ZOH,
    /** Bilinear (Tustin): {@code Ā = (1 + dtA/2)/(1 − dtA/2)}, {@code B̄ = B·dt/(1 − dtA/2)}. */
    BILINEAR;

    /**
     * Parses {@code "zoh"} or {@code "bilinear"} (case-insensitive).
     *
     * @throws IllegalArgumentException naming {@code disc} for any other name
     */
    public static S4dDiscretization parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "zoh":
                    return ZOH;
                case "bilinear":
                    return BILINEAR;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("disc: must be 'zoh' or 'bilinear', got '" + name + "'");
    }
}
