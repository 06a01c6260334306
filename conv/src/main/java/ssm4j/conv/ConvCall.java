package ssm4j.conv;

/**
 * The arrays of one convolution call, shared by every tier's workspace (JTransforms and Vector API, fp32 and
 * fp64): {@link #run} parks them in fields for the duration of {@link #compute} and clears them after, so the
 * workspace's block bodies, bound once as method references, read them without a capturing lambda per call
 * and the workspace keeps no caller array alive between calls. Not thread-safe: a workspace serves one call at
 * a time ({@link WorkspaceCache}).
 *
 * @param <A> the precision's array type, {@code float[]} or {@code double[]}
 */
public abstract class ConvCall<A> {
    /** Input x (B, H, L) of the running call; null between calls. */
    protected A x;
    /** Kernels k (Cn', H, Lk) of the running call; null between calls. */
    protected A k;
    /** Skip weights d (Cn, H) of the running call, or null. */
    protected A d;
    /** Output y (B, Cn·H, L) of the running call; null between calls. */
    protected A y;

    /** For subclasses. */
    protected ConvCall() {
    }

    /** Computes y (B, Cn·H, L) from x (B,H,L), k (Cn',H,Lk) and d (Cn,H) or null. */
    public final void run(A x, A k, A d, A y) {
        this.x = x;
        this.k = k;
        this.d = d;
        this.y = y;
        try {
            compute();
        } finally {
            this.x = null;
            this.k = null;
            this.d = null;
            this.y = null;
        }
    }

    /** The convolution itself, reading the call's arrays from the fields. */
    protected abstract void compute();
}
