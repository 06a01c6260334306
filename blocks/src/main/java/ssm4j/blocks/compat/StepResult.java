package ssm4j.blocks.compat;

import ssm4j.blocks.Tensor;

/**
 * What the reference kernel modules' {@code step(u, state)} returns: {@code (y, next_state)}.
 *
 * @param y     real (..., Cn, H), the output at this step
 * @param state complex (..., H, N, 2), the state after this step (a new tensor; the argument is not modified)
 */
public record StepResult(Tensor y, Tensor state) {
}
