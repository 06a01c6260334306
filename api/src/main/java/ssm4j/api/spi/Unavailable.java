package ssm4j.api.spi;

/** Thrown by a part's constructor when it cannot run on this JVM or machine; the message is the reason. */
public final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param reason one line, e.g. {@code "libfftw3f not found (tried [libfftw3f.so.3])"} */
    public Unavailable(String reason) {
        super(reason);
    }

    /** @param reason one line; {@code cause} the underlying failure */
    public Unavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
