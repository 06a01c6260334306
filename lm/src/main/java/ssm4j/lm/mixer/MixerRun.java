package ssm4j.lm.mixer;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.rows.RowOps;
import ssm4j.lm.proj.Projector;

/**
 * What one forward pass of the mixers runs on: the backend (scan, state update), its projector (GEMV / GEMM)
 * and its row loops (conv1d + SiLU). Built once per model and backend; immutable and thread-safe.
 *
 * @param kernel    the backend
 * @param projector projections on the backend's tier and threads
 * @param rows      the conv1d + SiLU row loops of the backend's tier
 */
public record MixerRun(SsmKernel kernel, Projector projector, RowOps rows) {
    /** The run for {@code kernel}. */
    public static MixerRun of(SsmKernel kernel) {
        return new MixerRun(kernel, new Projector(kernel), RowOps.of(kernel));
    }
}
