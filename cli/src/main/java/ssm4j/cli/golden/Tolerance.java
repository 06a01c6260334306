package ssm4j.cli.golden;

/**
 * The manifest's pass rule for one output: {@code max|got − ref| ≤ atol + rtol·max|ref|}, complex differences
 * by modulus (golden README). {@code phaseAligned} marks eigenvector-dependent outputs (SPEC 2.3).
 */
public record Tolerance(double rtol, double atol, boolean phaseAligned) {
    /** The allowed error for a reference whose largest magnitude is {@code maxRef}. */
    public double allowed(double maxRef) {
        return atol + rtol * maxRef;
    }
}
