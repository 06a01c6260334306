package ssm4j.blocks;

import java.util.Arrays;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;

/**
 * The public surface both Mamba blocks share ({@code MambaBlock}, SPEC 11.2, and {@code Mamba2Block}, SPEC 12.6):
 * a full forward over (B,L,d_model) that can fill the decoding caches, one decoding step that updates them, in
 * fp32 and fp64, and the tensor form. This class checks the arguments once for both (IllegalArgumentException
 * naming the argument) and hands the checked call to the block's arithmetic.
 */
public abstract class MixerBlock {
    private final int dModel;
    private final long rowWidth;
    private final long maxElements;
    private final String tooLarge;
    private final int convPerRow;
    private final int ssmPerRow;
    private final Arithmetic<float[]> f32;
    private final Arithmetic<double[]> f64;

    /**
     * A block's arithmetic in one precision ({@code A} = {@code float[]} or {@code double[]}), called with checked
     * arguments; one instance serves every thread.
     */
    public interface Arithmetic<A> {
        /** Full forward over (B,L,d_model); fills the caches from the prompt when they are non-null. */
        void forward(SsmKernel kernel, int batch, int length, A hidden, A out, A convState, A ssmState);

        /** One decoding step for every batch row: hidden (B,d_model) → out (B,d_model), caches updated in place. */
        void step(SsmKernel kernel, int batch, A hidden, A convState, A ssmState, A out);
    }

    /**
     * @param dModel      d_model, the width of hidden and out
     * @param rowWidth    elements of the widest per-token intermediate the forward holds for all B·L tokens
     * @param maxElements the most B·L·rowWidth one call may hold
     * @param tooLarge    the product the message names when a call holds more, e.g. {@code "batch·d_inner·L"}
     * @param convPerRow  elements of the conv_state cache per batch row
     * @param ssmPerRow   elements of the ssm_state cache per batch row
     * @param f32         the fp32 arithmetic
     * @param f64         the fp64 arithmetic
     */
    protected MixerBlock(int dModel, long rowWidth, long maxElements, String tooLarge, int convPerRow,
                         int ssmPerRow, Arithmetic<float[]> f32, Arithmetic<double[]> f64) {
        this.dModel = dModel;
        this.rowWidth = rowWidth;
        this.maxElements = maxElements;
        this.tooLarge = tooLarge;
        this.convPerRow = convPerRow;
        this.ssmPerRow = ssmPerRow;
        this.f32 = f32;
        this.f64 = f64;
    }

    /** d_model. */
    public int dModel() {
        return dModel;
    }

    /** Elements of a conv_state cache for {@code batch} rows. */
    public int convStateSize(int batch) {
        return Math.multiplyExact(batch, convPerRow);
    }

    /** Elements of an ssm_state cache for {@code batch} rows. */
    public int ssmStateSize(int batch) {
        return Math.multiplyExact(batch, ssmPerRow);
    }

    /** Throws when the fp32 path cannot run (a weight overflowed fp32); nothing by default. */
    protected void checkFp32() {
    }

    // ------------------------------------------------------------------ fp32

    /**
     * Full forward (fp32): hidden (B,L,d_model) → out (B,L,d_model), both from offset 0. When {@code convState}
     * ({@link #convStateSize}) and {@code ssmState} ({@link #ssmStateSize}) are non-null they are filled as the
     * reference's prompt (prefill) path fills its caches, ready for {@link #step}.
     *
     * @throws IllegalArgumentException on bad sizes, short arrays or non-finite hidden states
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] hidden, float[] out, float[] convState,
                        float[] ssmState) {
        checkForwardF32(kernel, batch, length, hidden, out, convState, ssmState);
        f32.forward(kernel, batch, length, hidden, out, convState, ssmState);
    }

    /** The checks of {@link #forward(SsmKernel, int, int, float[], float[], float[], float[])}, for overloads. */
    protected void checkForwardF32(SsmKernel kernel, int batch, int length, float[] hidden, float[] out,
                                   float[] convState, float[] ssmState) {
        forwardArgs(kernel, batch, length, hidden, out, convState, ssmState);
        Check.allFinite("hidden", hidden, 0, (long) batch * length * dModel);
        checkFp32();
    }

    /**
     * One decoding step (fp32, the reference's {@code step}): hidden (B,d_model) for one token → out (B,d_model);
     * {@code convState} and {@code ssmState} are updated in place. Starting from zero caches, L steps give the
     * first L rows of {@link #forward}.
     */
    public void step(SsmKernel kernel, int batch, float[] hidden, float[] convState, float[] ssmState,
                     float[] out) {
        stepArgs(kernel, batch, hidden, convState, ssmState, out);
        Check.allFinite("hidden", hidden, 0, (long) batch * dModel);
        checkFp32();
        f32.step(kernel, batch, hidden, convState, ssmState, out);
    }

    // ------------------------------------------------------------------ fp64

    /** fp64 overload of {@link #forward(SsmKernel, int, int, float[], float[], float[], float[])}. */
    public void forward(SsmKernel kernel, int batch, int length, double[] hidden, double[] out, double[] convState,
                        double[] ssmState) {
        forwardArgs(kernel, batch, length, hidden, out, convState, ssmState);
        Check.allFinite("hidden", hidden, 0, (long) batch * length * dModel);
        f64.forward(kernel, batch, length, hidden, out, convState, ssmState);
    }

    /** fp64 overload of {@link #step(SsmKernel, int, float[], float[], float[], float[])}. */
    public void step(SsmKernel kernel, int batch, double[] hidden, double[] convState, double[] ssmState,
                     double[] out) {
        stepArgs(kernel, batch, hidden, convState, ssmState, out);
        Check.allFinite("hidden", hidden, 0, (long) batch * dModel);
        f64.step(kernel, batch, hidden, convState, ssmState, out);
    }

    // ------------------------------------------------------------------ tensors

    /** Forward on a (B,L,d_model) tensor of either precision; returns a new tensor of the same precision. */
    public Tensor forward(SsmKernel kernel, Tensor hidden) {
        hidden.requireRank("hidden_states", 3);
        if (hidden.dim(2) != dModel) {
            throw new IllegalArgumentException("hidden_states: must have shape (B, L, " + dModel + "), got "
                    + Arrays.toString(hidden.shape()));
        }
        int b = hidden.dim(0);
        int l = hidden.dim(1);
        Tensor out = Tensor.zeros(hidden.isDouble(), b, l, dModel);
        if (hidden.isDouble()) {
            forward(kernel, b, l, hidden.doublesFromZero(), out.doubles(), null, null);
        } else {
            forward(kernel, b, l, hidden.floatsFromZero(), out.floats(), null, null);
        }
        return out;
    }

    // ------------------------------------------------------------------ checks

    private void forwardArgs(SsmKernel kernel, int batch, int len, Object hidden, Object out, Object convState,
                             Object ssmState) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        Check.positive("length", len);
        if ((long) batch * len * rowWidth > maxElements) {
            throw new IllegalArgumentException(tooLarge + ": too large for one call");
        }
        ArrayArgs.need("hidden", hidden, (long) batch * len * dModel);
        ArrayArgs.need("out", out, (long) batch * len * dModel);
        if (convState != null) {
            ArrayArgs.need("convState", convState, (long) batch * convPerRow);
        }
        if (ssmState != null) {
            ArrayArgs.need("ssmState", ssmState, (long) batch * ssmPerRow);
        }
    }

    private void stepArgs(SsmKernel kernel, int batch, Object hidden, Object convState, Object ssmState,
                          Object out) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        ArrayArgs.need("hidden", hidden, (long) batch * dModel);
        ArrayArgs.need("convState", convState, (long) batch * convPerRow);
        ArrayArgs.need("ssmState", ssmState, (long) batch * ssmPerRow);
        ArrayArgs.need("out", out, (long) batch * dModel);
    }
}
