package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.simd.VecLogExp;
import ssm4j.api.simd.VecMath;

/**
 * Vector log-space scan, fp32 (SPEC 14.2–14.3). Channels are contiguous in (B,L,D), so the lanes of a vector are
 * V adjacent channels at one step and the state of a block of channels lives in a small per-thread array:
 * {@code log h ← logaddexp(log a + log h, log b)} ({@link VecLogExp#logAddExp}), with log h and/or h = e^{log h}
 * stored as they are produced (one pass over memory: two inputs read, one or two outputs written).
 *
 * <p>Work is split over (sequence, channel block, time chunk) units. Time chunks are used only when sequences
 * and channel blocks alone cannot keep every thread busy (one long sequence of few channels). Then (i) every
 * chunk scans from h = 0 (chunk 0 from the initial state, so it is exact) and keeps its end state; (ii) per
 * sequence and channel block, sequentially over the chunks, the chunk is re-run from its true carry-in
 * <em>alongside</em> a re-run of its pass-(i) chain, and the re-run stops as soon as the two agree bitwise in
 * every lane: from there on the pass-(i) outputs are exactly what a sequential scan would have written. The
 * carry's influence decays like the product of the a's (and log h − local log h never grows, since
 * local log h_t ≥ log a_t + local log h_{t−1}), so for decaying channels the re-run is a short prefix of each
 * chunk; where it never decays (a ≈ 1 over the whole chunk) pass (ii) re-runs the chunk, sequentially. Results
 * are those of the one-thread sequential loop, bitwise wherever the re-run converged, for any thread count.
 *
 * <p>Per-step rounding: log h carries an absolute error of ~|log h|·6e-8 per step (the fp32 spacing), which
 * decays with the a's; there is no running sum of log a, so none of the reference's |Σ log a|·6e-8 cancellation.
 */
final class VectorLogScan {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();
    /** Shortest time chunk worth splitting a sequence for (the re-run and the carry amortise over it). */
    static final int MIN_CHUNK = 512;
    /** Channel vectors per block below which a block is not split further (the per-step loop needs ILP). */
    private static final int MIN_BLOCK_VECTORS = 8;

    /** Per-thread state of one channel block, the chunk end states (calling thread) and the carries. */
    private static final class Work {
        float[] state = new float[0];
        float[] carry = new float[0];
        float[] ends = new float[0];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private VectorLogScan() {
    }

    private static Work work(int dim) {
        Work w = WORK.get();
        if (w.state.length < dim) {
            w.state = new float[dim];
            w.carry = new float[dim];
        }
        return w;
    }

    /** Channel blocks for {@code threads}: 1 for one thread, else up to one per thread of ≥ 8 vectors each. */
    static int blocks(LogScanShape s, int threads) {
        int nv = (s.dim() + V - 1) / V;
        return threads == 1 ? 1 : Math.max(1, Math.min(threads, nv / MIN_BLOCK_VECTORS));
    }

    /** Time chunks: 1 unless sequences × blocks leave a thread idle; each chunk at least MIN_CHUNK long. */
    static int chunks(LogScanShape s, int threads, int blocks) {
        int units = s.batch() * blocks;
        if (units >= threads) {
            return 1;
        }
        return Math.max(1, Math.min((threads + units - 1) / units, s.length() / MIN_CHUNK));
    }

    /** The scan with the default split for {@code p}'s threads. */
    static void scan(Parallel p, LogScanShape s, float[] la, float[] lb, float[] logH0, float[] logH, float[] h,
                     float[] lastLogH) {
        int cb = blocks(s, p.threads());
        scan(p, s, cb, chunks(s, p.threads(), cb), la, lb, logH0, logH, h, lastLogH);
    }

    /** The scan with {@code blocks} channel blocks and {@code chunks} time chunks (both ≥ 1; tests force them). */
    static void scan(Parallel p, LogScanShape s, int blocks, int chunks, float[] la, float[] lb, float[] logH0,
                     float[] logH, float[] h, float[] lastLogH) {
        final int dim = s.dim();
        final int len = s.length();
        final int nv = (dim + V - 1) / V;
        final int cb = Math.min(blocks, nv);
        final int nc = Math.min(chunks, len);
        Work cw = work(dim);
        if (nc > 1 && cw.ends.length < s.stateSize() * nc) {
            cw.ends = new float[s.stateSize() * nc];
        }
        final float[] ends = cw.ends;
        // (i) every unit (b, block, chunk) from its start state
        p.forRange(s.batch() * cb * nc, (lo, hi) -> {
            Work w = work(dim);
            for (int u = lo; u < hi; u++) {
                int j = u % nc;
                int blk = (u / nc) % cb;
                int b = u / (nc * cb);
                int c0 = Parallel.blockStart(nv, cb, blk) * V;
                int c1 = Math.min(dim, Parallel.blockStart(nv, cb, blk + 1) * V);
                float[] st = w.state;
                for (int c = c0; c < c1; c++) {
                    st[c] = j == 0 && logH0 != null ? logH0[b * dim + c] : Float.NEGATIVE_INFINITY;
                }
                run(s, b, Parallel.blockStart(len, nc, j), Parallel.blockStart(len, nc, j + 1), c0, c1, st, la, lb,
                        logH, h);
                float[] end = nc == 1 ? lastLogH : ends;
                if (end != null) {
                    System.arraycopy(st, c0, end, nc == 1 ? b * dim + c0 : (b * nc + j) * dim + c0, c1 - c0);
                }
            }
        });
        if (nc == 1) {
            return;
        }
        // (ii) per (b, block), over the chunks in order: re-run each from its carry until it meets pass (i)
        p.forRange(s.batch() * cb, (lo, hi) -> {
            Work w = work(dim);
            for (int u = lo; u < hi; u++) {
                int blk = u % cb;
                int b = u / cb;
                int c0 = Parallel.blockStart(nv, cb, blk) * V;
                int c1 = Math.min(dim, Parallel.blockStart(nv, cb, blk + 1) * V);
                System.arraycopy(ends, b * nc * dim + c0, w.carry, c0, c1 - c0);
                for (int j = 1; j < nc; j++) {
                    fix(s, b, j, nc, c0, c1, w, ends, la, lb, logH, h);
                }
                if (lastLogH != null) {
                    System.arraycopy(w.carry, c0, lastLogH, b * dim + c0, c1 - c0);
                }
            }
        });
    }

    /** Steps t0 … t1−1 of sequence b, channels [c0, c1), from and into {@code st}; writes the outputs. */
    private static void run(LogScanShape s, int b, int t0, int t1, int c0, int c1, float[] st, float[] la,
                            float[] lb, float[] logH, float[] h) {
        int dim = s.dim();
        for (int t = t0; t < t1; t++) {
            int row = (b * s.length() + t) * dim;
            step(la, lb, row, c0, c1, st, logH);
            if (h != null) {
                // e^{log h} in a loop of its own: fused into the step loop, C2's inlining budget runs out and the
                // vectors get boxed (100 MB allocated per call at D = 1024, L = 8192: measured)
                exp(st, c0, c1, h, row);
            }
        }
    }

    /** One step of channels [c0, c1): st ← logaddexp(la + st, lb), also into logH when non-null. */
    private static void step(float[] la, float[] lb, int row, int c0, int c1, float[] st, float[] logH) {
        int cv = c0 + (c1 - c0) / V * V;
        for (int c = c0; c < cv; c += V) {
            FloatVector x = FloatVector.fromArray(F, la, row + c).add(FloatVector.fromArray(F, st, c));
            FloatVector v = VecLogExp.logAddExp(x, FloatVector.fromArray(F, lb, row + c));
            v.intoArray(st, c);
            if (logH != null) {
                v.intoArray(logH, row + c);
            }
        }
        if (cv < c1) {
            VectorMask<Float> tail = F.indexInRange(cv, c1);
            FloatVector x = FloatVector.fromArray(F, la, row + cv, tail).add(FloatVector.fromArray(F, st, cv, tail));
            FloatVector v = VecLogExp.logAddExp(x, FloatVector.fromArray(F, lb, row + cv, tail));
            v.intoArray(st, cv, tail);
            if (logH != null) {
                v.intoArray(logH, row + cv, tail);
            }
        }
    }

    /** {@code h[row + c] = e^{st[c]}} for c in [c0, c1). */
    private static void exp(float[] st, int c0, int c1, float[] h, int row) {
        int cv = c0 + (c1 - c0) / V * V;
        for (int c = c0; c < cv; c += V) {
            VecMath.exp(FloatVector.fromArray(F, st, c)).intoArray(h, row + c);
        }
        if (cv < c1) {
            VectorMask<Float> tail = F.indexInRange(cv, c1);
            VecMath.exp(FloatVector.fromArray(F, st, cv, tail)).intoArray(h, row + cv, tail);
        }
    }

    /**
     * Pass (ii) for chunk j (of nc) of sequence b, channels [c0, c1): per channel vector, the true chain from
     * {@code w.carry} and the pass-(i) chain from −∞ side by side until they agree in every lane (from there on
     * pass (i) wrote the right values) or the chunk ends; leaves chunk j's true end state in {@code w.carry}.
     * Both chains go through {@link #step} on arrays, so this loop inlines no vector code of its own (two
     * logaddexps inlined here exceeded C2's budget and boxed: measured).
     */
    private static void fix(LogScanShape s, int b, int j, int nc, int c0, int c1, Work w, float[] ends,
                            float[] la, float[] lb, float[] logH, float[] h) {
        int dim = s.dim();
        int t0 = Parallel.blockStart(s.length(), nc, j);
        int t1 = Parallel.blockStart(s.length(), nc, j + 1);
        float[] tru = w.carry;
        float[] loc = w.state;
        for (int c = c0; c < c1; c += V) {
            int ce = Math.min(c + V, c1);
            java.util.Arrays.fill(loc, c, ce, Float.NEGATIVE_INFINITY);
            boolean met = false;
            for (int t = t0; t < t1 && !met; t++) {
                int row = (b * s.length() + t) * dim;
                step(la, lb, row, c, ce, tru, logH);
                step(la, lb, row, c, ce, loc, null);
                if (h != null) {
                    exp(tru, c, ce, h, row);
                }
                met = same(tru, loc, c, ce);
            }
            if (met) {
                // the chains met: from here on pass (i) is the sequential scan, and so is its end state
                System.arraycopy(ends, (b * nc + j) * dim + c, tru, c, ce - c);
            }
        }
    }

    /** Whether x[c0, c1) == y[c0, c1) (as floats: −0 = +0, NaN ≠ NaN, as the chains compare). */
    private static boolean same(float[] x, float[] y, int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            if (x[c] != y[c]) {
                return false;
            }
        }
        return true;
    }
}
