package ssm4j.lm.checkpoint;

import java.lang.foreign.Arena;
import java.util.Map;

import ssm4j.blocks.io.TensorView;
import ssm4j.lm.LmConfig;

/**
 * A validated checkpoint: its configuration and every tensor under its canonical (state-spaces/mamba) name, as
 * views into the mapped files. Closing it unmaps the files; anything built on the views must be closed first.
 *
 * @param config  the configuration
 * @param tensors views by canonical name (lm_head.weight absent when tied to the embedding)
 * @param arena   the arena of the mappings, or null for heap tensors
 */
public record Checkpoint(LmConfig config, Map<String, TensorView> tensors, Arena arena) implements AutoCloseable {
    /** Unmaps the checkpoint's files. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
