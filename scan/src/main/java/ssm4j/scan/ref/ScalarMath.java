package ssm4j.scan.ref;

/**
 * The scalar activation functions of the Mamba recurrence (SPEC 7.2a, 7.2d), in fp32 and fp64. Shared by the
 * scalar kernels, so the selective scan and the decoding step compute them identically.
 */
public final class ScalarMath {
    /** softplus(v) = v above this threshold (SPEC 7.2a: PyTorch's default threshold 20). */
    public static final double SOFTPLUS_THRESHOLD = 20;

    private ScalarMath() {
    }

    /** softplus(v) = log(1 + e^v) for v ≤ 20, v above (7.2a); log1p keeps it accurate for very negative v. */
    public static float softplus(float v) {
        return v > SOFTPLUS_THRESHOLD ? v : (float) Math.log1p(Math.exp(v));
    }

    /** fp64 {@link #softplus(float)}. */
    public static double softplus(double v) {
        return v > SOFTPLUS_THRESHOLD ? v : Math.log1p(Math.exp(v));
    }

    /** silu(z) = z / (1 + e^{−z}) (7.2d); e^{−z} overflowing to +inf gives the correct limit −0. */
    public static float silu(float z) {
        return z / (1f + (float) Math.exp(-z));
    }

    /** fp64 {@link #silu(float)}. */
    public static double silu(double z) {
        return z / (1 + Math.exp(-z));
    }
}
