package ssm4j.kernels.s4;

import ssm4j.api.Check;
import ssm4j.kernels.ChannelBank;

/**
 * A recurrent (step) mode of an S4 layer (SPEC 3.6, 1.3): {@code x_l = dA x_{l−1} + dB u_l}, {@code y_l} read
 * after the input entered, so from a zero state every mode equals the causal convolution with the kernel.
 * Subclasses differ in how they hold the state: {@link S4DenseStep} (full 2N' state), {@link S4LinearStep}
 * (stored half, O(N'R) Woodbury step (3.6b)), {@link S4DiagonalStep} (eigen-basis of dA).
 *
 * <p>Layouts: state complex (B,H,{@link #stateSize()}) interleaved, updated in place (x_{−1} in, x_{L−1} out);
 * u real (B,H,L); y real (B,Cn,H,L). This class validates; subclasses compute. Instances are immutable and may
 * be shared by threads that use distinct state and output arrays.
 */
public abstract class S4Step extends ChannelBank {
    S4Step(int h, int channels) {
        super(h, channels);
    }

    /** Complex entries of state per batch row and channel. */
    public abstract int stateSize();

    /**
     * Runs L steps.
     *
     * @param state complex (B,H,stateSize()), finite; advanced in place
     * @param u     real (B,H,L), finite
     * @param y     real (B,Cn,H,L), written; may be null to advance the state only
     * @throws IllegalArgumentException naming the argument on sizes, short arrays or non-finite values
     */
    public final void steps(int batch, int l, double[] state, double[] u, double[] y) {
        Check.positive("batch", batch);
        Check.positive("l", l);
        long states = (long) batch * h * stateSize();
        Check.complexRange("state", state, 0, states);
        Check.allFinite("state", state, 0, 2 * states);
        Check.range("u", u, 0, (long) batch * h * l);
        Check.allFinite("u", u, 0, (long) batch * h * l);
        Check.optionalRange("y", y, 0, (long) batch * channels * h * l);
        stepsK(batch, l, state, u, y);
    }

    /** One step: u real (B,H), y real (B,Cn,H) or null. Same as {@link #steps} with L = 1. */
    public final void step(int batch, double[] state, double[] u, double[] y) {
        steps(batch, 1, state, u, y);
    }

    /**
     * {@code Re Σ_j c_j·x_j} over {@code count} interleaved complex entries from {@code co} and {@code so}: the
     * real part of one output row times the state, the readout of every step form.
     */
    static double realDot(double[] c, int co, double[] x, int so, int count) {
        double acc = 0;
        for (int j = 0; j < 2 * count; j += 2) {
            acc += c[co + j] * x[so + j] - c[co + j + 1] * x[so + j + 1];
        }
        return acc;
    }

    /** {@link #steps} behind the checks. */
    abstract void stepsK(int batch, int l, double[] state, double[] u, double[] y);
}
