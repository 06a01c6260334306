package ssm4j.scan.simd;

/**
 * Per-thread buffers of the vector SSD scan ({@link VectorSsdScan}), grown on demand and then reused, so
 * steady-state calls allocate nothing. The call-level arrays ({@code delta}, {@code carry}) belong to the calling
 * thread's workspace and are read by the worker threads of that call; the chunk-level ones are private to the
 * thread computing a work item.
 */
final class SsdWorkspace {
    private static final ThreadLocal<SsdWorkspace> LOCAL = ThreadLocal.withInitial(SsdWorkspace::new);

    // call level
    float[] delta = new float[0];   // (B·L, H): δ after bias, softplus and clamp
    float[] carry = new float[0];   // time split: (segments, heads, N, P) state entering each segment
    float[] segDecay = new float[0]; // time split: (segments, heads) decay over each segment

    // chunk level
    float[] bt = new float[0];      // (N, Q): B of the chunk, transposed
    float[] cb = new float[0];      // (Q, Q): C·Bᵀ of the chunk, shared by the heads of a group
    float[] m = new float[0];       // (Q, Q): CB ∘ decay ∘ δ, zero above the diagonal (12.4a)
    float[] xw = new float[0];      // (Q, P): x_s scaled by exp(cs_end − cs_s)·δ_s (12.4b)
    float[] dl = new float[0];      // (Q): δ of one head
    float[] hi = new float[0];      // (Q): cumulative log-decay, float part
    float[] lo = new float[0];      // (Q): its remainder (cs − hi), so differences keep float precision (12.7.5)
    float[] el = new float[0];      // (Q): exp(cs_l)
    float[] w = new float[0];       // (Q): exp(cs_end − cs_s)·δ_s
    float[] states = new float[0];  // (heads, N, P): transposed states of the item's heads
    float[] tmp = new float[0];     // (N, P) or (P, N): one chunk state, or a sequential path state

    /** This thread's workspace. */
    static SsdWorkspace get() {
        return LOCAL.get();
    }

    private static float[] grow(float[] a, long size) {
        return a.length >= size ? a : new float[Math.toIntExact(size)];
    }

    /** Sizes the call-level arrays. */
    void forCall(long deltaSize, long carrySize, long segDecaySize) {
        delta = grow(delta, deltaSize);
        carry = grow(carry, carrySize);
        segDecay = grow(segDecay, segDecaySize);
    }

    /** Sizes the chunk-level arrays for chunk length q, headdim p, d_state n and {@code heads} heads per item. */
    void forChunks(int q, int p, int n, int heads) {
        bt = grow(bt, (long) n * q);
        cb = grow(cb, (long) q * q);
        m = grow(m, (long) q * q);
        xw = grow(xw, (long) q * p);
        dl = grow(dl, q);
        hi = grow(hi, q);
        lo = grow(lo, q);
        el = grow(el, q);
        w = grow(w, q);
        states = grow(states, (long) heads * n * p);
        tmp = grow(tmp, (long) n * p);
    }
}
