package ssm4j.blocks.minrnn;

import java.util.Map;

import ssm4j.blocks.Tensor;

/**
 * minGRU of "Were RNNs All We Needed?" (BorealisAI/minRNNs {@code models/minRNNs.py} {@code minGRU}, SPEC 14.4),
 * for inference in fp32 or fp64. Per token {@code [k_h; k_z] = to_hidden_and_gate(x_t)}, {@code h̃ = g(k_h)},
 * {@code z = σ(k_z)}, {@code h_t = (1 − z)·h_{t−1} + z·h̃}, {@code y_t = to_out(h_t)}; over a sequence in log space
 * ({@code log a = −softplus(k_z)}, {@code log b = −softplus(−k_z) + log_g(k_h)}, SPEC 14.4a), token by token in
 * linear space (14.4b).
 *
 * <p>Weights by state_dict name: {@code to_hidden_and_gate.weight} (2E,dim), {@code to_hidden_and_gate.bias}
 * (2E), {@code to_out.weight} (dim,E), {@code to_out.bias} (dim), optional {@code init_hidden_state} (E).
 * Call patterns and states: {@link MinRnn}. Thread-safe.
 */
public final class MinGru extends MinRnn {
    /**
     * Builds the layer from its state_dict (copied).
     *
     * @throws IllegalArgumentException if a weight is missing, mis-shaped or not finite
     */
    public MinGru(Map<String, Tensor> stateDict) {
        super("minGRU", 2, stateDict);
    }

    @Override
    double logCoeff(Object k, int off, int j) {
        return -Gates.softplus(pre(k, off, 1, j));          // log(1 − z): the old state is kept by 1 − z
    }

    @Override
    double logValue(Object k, int off, int j) {
        return -Gates.softplus(-pre(k, off, 1, j)) + Gates.logG(pre(k, off, 0, j));   // log(z·h̃)
    }

    @Override
    double update(Object k, int off, int j, double hPrev, boolean hasPrev) {
        double z = Gates.sigmoid(pre(k, off, 1, j));
        double cand = Gates.g(pre(k, off, 0, j));
        return hasPrev ? (1 - z) * hPrev + z * cand : z * cand;
    }
}
