package ssm4j.scan.assoc;

import ssm4j.api.Parallel;

/**
 * Chunked evaluation of the recurrence {@code h_t = a_t·h_{t−1} + b_t}, {@code h_{−1} = s} (SPEC 8.1) for any
 * chunk length T ≥ 1 and any thread count, with the general (matrix) operator of {@link AffineOp}; the fp32
 * kernels ({@code VectorDiagScan}) run the same three passes specialised to diagonal a. SPEC 8.3:
 * (i) each chunk, in parallel, scans locally from the identity, keeping its prefixes (𝒜_t, h̃_t);
 * (ii) sequentially over chunks, {@code carry_0 = s}, {@code carry_{j+1} = 𝒜_end(j)·carry_j + h̃_end(j)};
 * (iii) in parallel, {@code h_t = 𝒜_t·carry_{chunk(t)} + h̃_t}. Packed sequences: at each start t of a new
 * sequence the element is replaced by {@code (0, a_t·s' + b_t)} with s' that sequence's initial state, which
 * equals running every sequence alone. Equal to the sequential loop to rounding (matrix products regrouped).
 *
 * <p>A general-purpose reference path (allocates its prefix workspace per call); thread-safe.
 */
public final class ChunkedAffineScan {
    private ChunkedAffineScan() {
    }

    /**
     * Sequential evaluation, the definition: {@code h[t·m …]} = state after step t.
     *
     * @param elems L elements packed per {@link AffineOp}
     * @param s     initial state (m), or null for zero
     * @param h     output, L·m doubles
     */
    public static void sequential(int m, int len, double[] elems, double[] s, double[] h) {
        double[] cur = s == null ? new double[m] : s.clone();
        for (int t = 0; t < len; t++) {
            AffineOp.apply(m, elems, t * AffineOp.size(m), cur, 0, h, t * m);
            System.arraycopy(h, t * m, cur, 0, m);
        }
    }

    /**
     * Three-pass chunked evaluation (8.3).
     *
     * @param p         threads for passes (i) and (iii)
     * @param chunk     chunk length T ≥ 1
     * @param seqStarts null, or cumulative sequence starts {@code 0 = s_0 < … < s_k = L}: a reset at each s_i
     * @param inits     with seqStarts: the k initial states (k·m), or null for zero; else the initial state s (m)
     *                  or null
     * @param h         output, L·m doubles: the state after every step
     */
    public static void chunked(Parallel p, int m, int len, int chunk, double[] elems, int[] seqStarts,
                               double[] inits, double[] h) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk: must be >= 1, got " + chunk);
        }
        final int es = AffineOp.size(m);
        final int nc = (len + chunk - 1) / chunk;
        final double[] pre = new double[len * es];        // local prefixes (𝒜_t, h̃_t)
        // (i) local scans from the identity; resets become (0, a_t·s' + b_t)
        p.forRange(nc, (lo, hi) -> {
            double[] e = new double[es];
            double[] acc = new double[es];
            for (int j = lo; j < hi; j++) {
                AffineOp.identity(m, acc, 0);
                for (int t = j * chunk; t < Math.min(len, (j + 1) * chunk); t++) {
                    element(m, elems, t, seqStarts, inits, e);
                    AffineOp.compose(m, acc, 0, e, 0, pre, t * es);
                    System.arraycopy(pre, t * es, acc, 0, es);
                }
            }
        });
        // (ii) carries, sequential: carry_{j+1} = 𝒜_end(j)·carry_j + h̃_end(j)
        double[] carry = new double[(nc + 1) * m];
        if (seqStarts == null && inits != null) {
            System.arraycopy(inits, 0, carry, 0, m);
        }
        for (int j = 0; j < nc; j++) {
            int end = Math.min(len, (j + 1) * chunk) - 1;
            AffineOp.apply(m, pre, end * es, carry, j * m, carry, (j + 1) * m);
        }
        // (iii) fix-up: h_t = 𝒜_t·carry_{chunk(t)} + h̃_t
        p.forRange(nc, (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                for (int t = j * chunk; t < Math.min(len, (j + 1) * chunk); t++) {
                    AffineOp.apply(m, pre, t * es, carry, j * m, h, t * m);
                }
            }
        });
    }

    /** Element t, or its reset form (0, a_t·s' + b_t) at the start of a packed sequence (8.3). */
    private static void element(int m, double[] elems, int t, int[] seqStarts, double[] inits, double[] out) {
        int es = AffineOp.size(m);
        System.arraycopy(elems, t * es, out, 0, es);
        if (seqStarts == null) {
            return;
        }
        int k = java.util.Arrays.binarySearch(seqStarts, t);
        if (k < 0 || k == seqStarts.length - 1) {
            return;
        }
        double[] s = new double[m];
        if (inits != null) {
            System.arraycopy(inits, k * m, s, 0, m);
        }
        AffineOp.apply(m, elems, t * es, s, 0, out, m * m);      // b ← a_t·s' + b_t
        java.util.Arrays.fill(out, 0, m * m, 0.0);                // a ← 0
    }
}
