package ssm4j.blocks.compat;

import static ssm4j.blocks.compat.CompatShapes.concat;
import static ssm4j.blocks.compat.CompatShapes.lead;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;

/**
 * What the kernel-module wrappers of state-spaces/s4 ({@link S4KernelModule}, {@link S4dKernelModule}) have in
 * common: the backend, the sizes and precision taken from C (Cn,H,N,2), {@code l_max}, the reference's
 * {@code forward(L)} and the zero state of {@code default_state}. Subclasses add the generator and the step.
 */
public abstract sealed class KernelModule permits S4KernelModule, S4dKernelModule {
    /** The backend every kernel generation runs on. */
    final SsmKernel kernel;
    final boolean fp64;
    final int h;
    final int n;
    final int channels;
    /** The reference's {@code l_max}, or 0 for none. */
    final int lMax;

    /** Checks and keeps the backend, C's sizes and precision and {@code l_max} (the subclass checks the rest). */
    KernelModule(SsmKernel kernel, Tensor c, int lMax) {
        this.kernel = Check.notNull("kernel", kernel);
        Check.notNull("C", c).requireRank("C", 4);
        CompatShapes.tail("C", c, true, c.dim(1), c.dim(2), 2);
        this.channels = c.dim(0);
        this.h = c.dim(1);
        this.n = c.dim(2);
        Check.nonNegative("l_max", lMax);
        this.lMax = lMax;
        this.fp64 = c.isDouble();
    }

    /** Channels H. */
    public int h() {
        return h;
    }

    /** Stored state size N. */
    public int n() {
        return n;
    }

    /** Output channels Cn. */
    public int channels() {
        return channels;
    }

    /** Whether the module runs in fp64 (the precision of C). */
    public boolean isDouble() {
        return fp64;
    }

    /**
     * {@code forward(state, rate, L)}: K (Cn,H,L) and, when {@code state} (..., H, N, 2) is given,
     * {@code K_state} (..., Cn, H, L).
     *
     * @throws IllegalArgumentException naming the argument
     */
    public abstract KernelResult forward(Tensor state, double rate, int l);

    /** {@code forward(L)}: no state, rate 1; K_state is null. */
    public KernelResult forward(int l) {
        return forward(null, 1.0, l);
    }

    /** The leading axes of a forward's {@code state}, checked to end in (H, N, 2); null for no state. */
    int[] stateLead(Tensor state) {
        if (state == null) {
            return null;
        }
        CompatShapes.tail("state", state, true, h, n, 2);
        return lead(state, 3);
    }

    /** {@code default_state(*batch_shape)} with S state entries per channel: zeros (*batch_shape, H, S, 2). */
    Tensor zeroState(int[] batchShape, int s) {
        Check.notNull("batch_shape", batchShape);
        for (int d : batchShape) {
            Check.positive("batch_shape", d);
        }
        return Tensor.zeros(fp64, concat(batchShape, h, s, 2));
    }
}
