package ssm4j.blocks.minrnn;

import ssm4j.scan.ref.ScalarMath;

/**
 * The elementwise functions of minGRU / minLSTM (SPEC 14.1), in double: softplus with torch's threshold,
 * the sigmoid, {@code g} and {@code log_g}, the latter evaluated by branch (never as log(g(v)), which would lose
 * very negative v to the sigmoid's underflow). Pure functions; thread-safe.
 */
final class Gates {
    private Gates() {
    }

    /** softplus(v) = log(1 + e^v), v itself above 20 (torch). */
    static double softplus(double v) {
        return ScalarMath.softplus(v);
    }

    /** σ(v) = 1 / (1 + e^{−v}). */
    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** g(v) = v + ½ for v ≥ 0, σ(v) below (14.1): continuous, increasing, positive. */
    static double g(double v) {
        return v >= 0 ? v + 0.5 : sigmoid(v);
    }

    /** log g(v) by branch: log(v + ½) for v ≥ 0, −softplus(−v) below (14.1). */
    static double logG(double v) {
        return v >= 0 ? Math.log(v + 0.5) : -softplus(-v);
    }
}
