package ssm4j.lm;

/** Sees each generated token as soon as it is chosen (for streaming output). */
@FunctionalInterface
public interface TokenListener {
    /** Token {@code token} was appended to sequence {@code sequence}. */
    void onToken(int sequence, int token);
}
