package ssm4j.cli.golden;

/**
 * The manifest's pass rule for one output: {@code max|got − ref| ≤ atol + rtol·max|ref|}, complex differences
 * by modulus (golden README). {@code phaseAligned} marks eigenvector-dependent outputs (SPEC 2.3).
 */
public record Tolerance(double rtol, double atol, boolean phaseAligned) {
    /**
     * @throws IllegalArgumentException unless both tolerances are finite and {@code >= 0}: a negative or NaN
     *                                  tolerance makes every comparison pass (NaN compares false) or none
     */
    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("tolerance: rtol and atol must be finite and >= 0, got rtol=" + rtol
                    + " atol=" + atol);
        }
    }

    /** The allowed error for a reference whose largest magnitude is {@code maxRef}. */
    public double allowed(double maxRef) {
        return atol + rtol * maxRef;
    }
}
