package ssm4j.blocks.minrnn;

import java.util.Map;

import ssm4j.blocks.Tensor;

/**
 * minLSTM of "Were RNNs All We Needed?" (BorealisAI/minRNNs {@code models/minRNNs.py} {@code minLSTM}, SPEC 14.5),
 * for inference in fp32 or fp64. Per token {@code [k_h; k_f; k_i] = to_hidden_and_gate(x_t)} (this row order),
 * {@code h̃ = g(k_h)}, {@code f = σ(k_f)}, {@code i = σ(k_i)}, with {@code use_coeff_norm} normalised to
 * {@code f/(f+i)}, {@code i/(f+i)}; {@code h_t = f·h_{t−1} + i·h̃}, {@code y_t = to_out(h_t)}. Over a sequence in
 * log space (14.5a), token by token in linear space (14.5b).
 *
 * <p>Weights by state_dict name: {@code to_hidden_and_gate.weight} (3E,dim), {@code to_hidden_and_gate.bias}
 * (3E, with the forget-bias initialisation already in it), {@code to_out.weight} (dim,E), {@code to_out.bias}
 * (dim), optional {@code init_hidden_state} (E). Call patterns and states: {@link MinRnn}. Thread-safe.
 */
public final class MinLstm extends MinRnn {
    private final boolean coeffNorm;

    /**
     * Builds the layer from its state_dict (copied).
     *
     * @param useCoeffNorm the reference's {@code use_coeff_norm} (the paper's minLSTM: true); not in the weights
     * @throws IllegalArgumentException if a weight is missing, mis-shaped or not finite
     */
    public MinLstm(Map<String, Tensor> stateDict, boolean useCoeffNorm) {
        super("minLSTM", 3, stateDict);
        this.coeffNorm = useCoeffNorm;
    }

    /** Whether f and i are normalised by their sum (use_coeff_norm). */
    public boolean useCoeffNorm() {
        return coeffNorm;
    }

    /** softplus(−k_f) − softplus(−k_i) = log i − log f (14.5a). */
    private double diff(Object k, int off, int j) {
        return Gates.softplus(-pre(k, off, 1, j)) - Gates.softplus(-pre(k, off, 2, j));
    }

    @Override
    double logCoeff(Object k, int off, int j) {
        return coeffNorm ? -Gates.softplus(diff(k, off, j)) : -Gates.softplus(-pre(k, off, 1, j));
    }

    @Override
    double logValue(Object k, int off, int j) {
        double logI = coeffNorm ? -Gates.softplus(-diff(k, off, j)) : -Gates.softplus(-pre(k, off, 2, j));
        return logI + Gates.logG(pre(k, off, 0, j));
    }

    @Override
    double update(Object k, int off, int j, double hPrev, boolean hasPrev) {
        double f = Gates.sigmoid(pre(k, off, 1, j));
        double i = Gates.sigmoid(pre(k, off, 2, j));
        if (coeffNorm) {
            double s = f + i;
            f /= s;
            i /= s;
        }
        double cand = Gates.g(pre(k, off, 0, j));
        return hasPrev ? f * hPrev + i * cand : i * cand;
    }
}
