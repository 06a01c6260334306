package ssm4j.kernels;

/**
 * The discretised state matrices {@code Ā}, {@code B̄} of a bank of H channels with Cn output channels: what the
 * S4 dense form (SPEC 3.6a) and the S4D kernel (SPEC 4.2) both hold and hand out. One place for the fields and
 * their accessors; the subclasses define the layouts (complex interleaved: (H,N') for a diagonal system,
 * (H,2N',2N') and (H,2N') for a dense one). The getters return copies, so instances stay immutable.
 */
public abstract class DiscreteSystem extends ChannelBank {
    /** {@code Ā}, complex, in the subclass's layout. */
    protected final double[] dA;
    /** {@code B̄}, complex, in the subclass's layout. */
    protected final double[] dB;

    /**
     * Takes ownership of {@code dA} and {@code dB} (the subclass may still fill them in its constructor).
     *
     * @param h        channels H
     * @param channels output channels Cn
     * @param dA       Ā
     * @param dB       B̄
     */
    protected DiscreteSystem(int h, int channels, double[] dA, double[] dB) {
        super(h, channels);
        this.dA = dA;
        this.dB = dB;
    }

    /** A copy of {@code Ā}: complex (H,N') for a diagonal system, (H,2N',2N') for a dense one. */
    public final double[] dA() {
        return dA.clone();
    }

    /** A copy of {@code B̄}: complex (H,N') for a diagonal system, (H,2N') for a dense one. */
    public final double[] dB() {
        return dB.clone();
    }
}
