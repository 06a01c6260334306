package ssm4j.nativ.fftw;

/**
 * A few convolution contexts kept for reuse, one per concurrent call: {@link #take} hands out a context that fits
 * the call (or null: the caller makes one, since planning may take milliseconds and must not hold this lock), {@link #give} takes it back, replacing the context of another shape when full (the
 * most recent shape wins) and closing what it displaces. After {@link #close()} contexts given back are closed.
 *
 * @param <C> {@link FftwConvF32} or {@link FftwConvF64}
 */
final class ContextPool<C extends ContextPool.Context> {
    /** What the pool needs of a context. */
    interface Context extends AutoCloseable {
        /** Transform length. */
        int length();

        /** Whether the context can run a call of transform length {@code n} with {@code kernelRows} spectra. */
        boolean fits(int n, int kernelRows);

        @Override
        void close();
    }

    private final Object[] slots;
    private boolean closed;

    /** A pool of {@code size} slots. */
    ContextPool(int size) {
        slots = new Object[size];
    }

    /** A pooled context fitting {@code (n, kernelRows)}, or null: the caller then makes one (outside any lock). */
    @SuppressWarnings("unchecked")
    C take(int n, int kernelRows) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("FftwConvOps is closed");
            }
            for (int i = 0; i < slots.length; i++) {
                C c = (C) slots[i];
                if (c != null && c.fits(n, kernelRows)) {
                    slots[i] = null;
                    return c;
                }
            }
        }
        return null;
    }

    /** Gives {@code ctx} back for reuse (or closes it when the pool is closed). */
    void give(C ctx) {
        Context displaced = ctx;
        synchronized (this) {
            if (!closed) {
                int slot = -1;
                for (int i = 0; i < slots.length && slot < 0; i++) {
                    if (slots[i] == null) {
                        slot = i;
                    }
                }
                if (slot < 0) {
                    slot = Math.floorMod(ctx.length(), slots.length);
                }
                displaced = (Context) slots[slot];
                slots[slot] = ctx;
            }
        }
        if (displaced != null) {
            displaced.close();
        }
    }

    /** Closes every pooled context; contexts in flight are closed when given back. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    ((Context) slots[i]).close();
                    slots[i] = null;
                }
            }
        }
    }
}
