package ssm4j.api;

/** How the selective scan's B or C is laid out (SPEC 7.1). */
public enum BcLayout {
    /** (D,N): one value per channel and state, the same at every time step (complex when A is). */
    FIXED,
    /** (B,N,L): one value per batch, state and time, shared by all channels (length 2L interleaved for complex A). */
    PER_TIME,
    /** (B,G,N,L): per time, channel d uses group {@code d / (D/G)} (length 2L interleaved for complex A). */
    GROUPED
}
