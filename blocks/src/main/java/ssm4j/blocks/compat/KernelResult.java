package ssm4j.blocks.compat;

import ssm4j.blocks.Tensor;

/**
 * What the reference kernel modules' {@code forward(state, rate, L)} returns: {@code (K, K_state)}.
 *
 * @param k      real (Cn,H,L), the convolution kernel
 * @param kState real (..., Cn, H, L), the output contribution of the initial state (one block per leading index
 *               of the state), or null when no state was given
 */
public record KernelResult(Tensor k, Tensor kState) {
}
