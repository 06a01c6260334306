package ssm4j.lm.checkpoint;

import java.io.IOException;
import java.util.List;

/**
 * A checkpoint that does not match its configuration: every missing, unexpected and mis-shaped tensor and every
 * contradicting config field, listed in one message (as PyTorch's strict {@code load_state_dict} does).
 */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The individual problems, each naming a tensor or a config field. */
    private final transient List<String> problems;

    /** A failure of checkpoint {@code what} with {@code problems} (at least one). */
    public CheckpointException(String what, List<String> problems) {
        super(what + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}
