package ssm4j.kernels;

/**
 * A bank of H independent channels with Cn output channels each: the shape every S4/S4D kernel, dense form and
 * step mode shares. One place for the two counts and their accessors.
 */
public abstract class ChannelBank {
    /** Channels H. */
    protected final int h;
    /** Output channels Cn. */
    protected final int channels;

    /**
     * Records the two counts; the subclass has validated them.
     *
     * @param h        channels H
     * @param channels output channels Cn
     */
    protected ChannelBank(int h, int channels) {
        this.h = h;
        this.channels = channels;
    }

    /** Channels H. */
    public final int h() {
        return h;
    }

    /** Output channels Cn. */
    public final int channels() {
        return channels;
    }
}
