package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import ssm4j.api.Parallel;
import ssm4j.api.SsdScanShape;
import ssm4j.api.simd.FixedSum;
import ssm4j.api.simd.VecMath;
import ssm4j.scan.ref.ScalarMath;

/**
 * The Vector API Mamba-2 SSD scan, fp32 (SPEC 12). Two algorithms, chosen by shape ({@link #useChunked}):
 * <ul>
 *   <li><b>chunked</b> (12.4), for prefill: per chunk of Q steps, C·Bᵀ once per group (shared by the heads of
 *       the work item), then per head the decay-masked Q×Q matrix from the segment sums, {@code Y = exp(cs)∘(C·S)
 *       + M·X}, and the state update {@code S ← exp(cs_end)·S + Bᵀ·(w∘X)} — all through the register-blocked
 *       {@link SsdMatMul}, with the state kept transposed (N×P) so every product vectorises over P;</li>
 *   <li><b>sequential</b> (12.2), for decoding and very short sequences: the recurrence vectorised over N in the
 *       API's (P,N) state layout, updated in place.</li>
 * </ul>
 * Multicore: work items are (sequence, group, block of ≤ 8 heads); when there are fewer items than threads and
 * enough chunks, time is split too (SPEC 8.3 at segment granularity): each segment's end state from zero in
 * parallel, a short sequential carry over segments, then every segment's outputs in parallel from its true
 * initial state. Accuracy (12.7.5): the cumulative log-decay is summed in double and kept as a float pair
 * (hi, lo), so the decay exp(cs_l − cs_s) is computed from a difference that keeps float precision however long
 * the chunk. Arguments are already validated; the fp64 path runs the scalar tier.
 */
final class VectorSsdScan {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();
    /** Heads per work item: their transposed states (8·N·P floats, 256 KiB at N=128, P=64) stay in L2. */
    private static final int MAX_HEADS_PER_ITEM = 8;
    /**
     * Below this many steps per sequence the sequential path is faster (measured: docs/mamba2.md); the property
     * {@code ssm4j.ssd.chunkedMinLength} overrides it, for that measurement.
     */
    static final int CHUNKED_MIN_LENGTH = Integer.getInteger("ssm4j.ssd.chunkedMinLength", 4);

    private VectorSsdScan() {
    }

    /** Whether a sequence of {@code len} steps uses the chunked algorithm (else the sequential one). */
    static boolean useChunked(SsdScanShape s, int len) {
        return len >= CHUNKED_MIN_LENGTH && s.chunkSize() >= 4;
    }

    /** The arguments of one call and its work decomposition. */
    private record Call(SsdScanShape s, float[] x, float[] a, float[] b, float[] c, float[] d, float[] z,
                        float[] init, float[] y, float[] fin, float[] chunkStates, float[] prevStates, float[] delta,
                        int headsPerItem, int blocksPerGroup, int segments, SsdWorkspace caller) {
        int items() {
            return s.sequences() * s.groups() * blocksPerGroup;
        }
    }

    /** fp32 SSD scan; see {@link ssm4j.api.SsmKernel#ssdScan}. */
    static void scan(Parallel par, SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d,
                     float[] z, float[] dtBias, float[] init, float[] y, float[] fin, float[] chunkStates,
                     float[] prevStates) {
        SsdWorkspace ws = SsdWorkspace.get();
        int heads = s.heads();
        int hpg = heads / s.groups();
        int seqs = s.sequences();
        int threads = par.threads();
        int blocks = Math.max((hpg + MAX_HEADS_PER_ITEM - 1) / MAX_HEADS_PER_ITEM,
                Math.min(hpg, (threads + seqs * s.groups() - 1) / (seqs * s.groups())));
        int hb = (hpg + blocks - 1) / blocks;
        blocks = (hpg + hb - 1) / hb;
        int items = seqs * s.groups() * blocks;
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        for (int i = 0; i < seqs; i++) {
            minLen = Math.min(minLen, s.sequenceLength(i));
            maxLen = Math.max(maxLen, s.sequenceLength(i));
        }
        int chunksMin = (minLen + s.chunkSize() - 1) / s.chunkSize();
        // split time only when heads alone cannot feed the threads, and each segment keeps >= 2 chunks
        int segments = items >= threads ? 1 : Math.max(1, Math.min((threads + items - 1) / items, chunksMin / 2));
        ws.forCall(s.dtSize(), (long) seqs * segments * heads * s.dstate() * s.headdim(), 0);
        deltas(par, s, dt, dtBias, ws.delta);
        Call call = new Call(s, x, a, b, c, d, z, init, y, fin, chunkStates, prevStates, ws.delta, hb, blocks,
                segments, ws);
        // the intermediates exist only in the chunked algorithm; a packed batch mixing short and long sequences
        // runs chunked (correct for any length), so only all-short calls (decoding) take the sequential path
        if (chunkStates == null && prevStates == null && !useChunked(s, maxLen)) {
            par.forRange(seqs * heads, (lo, hi) -> {
                for (int item = lo; item < hi; item++) {
                    sequential(call, item / heads, item % heads);
                }
            });
            return;
        }
        if (segments == 1) {
            par.forRange(items, (lo, hi) -> {
                for (int item = lo; item < hi; item++) {
                    chunked(call, item, 0, true);
                }
            });
            return;
        }
        // phase 1: each segment but the last, its end state from zero; phase 2: carry; phase 3: outputs
        par.forRange(items * (segments - 1), (lo, hi) -> {
            for (int w = lo; w < hi; w++) {
                chunked(call, w / (segments - 1), w % (segments - 1), false);
            }
        });
        carry(par, call);
        par.forRange(items * segments, (lo, hi) -> {
            for (int w = lo; w < hi; w++) {
                chunked(call, w / segments, w % segments, true);
            }
        });
    }

    // ------------------------------------------------------------------ δ (12.2a)

    /** δ = clamp(softplus?(dt + dtBias)) for every (time, head), one time row of H heads per vector loop. */
    private static void deltas(Parallel par, SsdScanShape s, float[] dt, float[] bias, float[] out) {
        int h = s.heads();
        int rows = s.batch() * s.length();
        boolean sp = s.dtSoftplus();
        boolean clamp = s.hasDtLimit();
        float lo = (float) s.dtLimitLo();
        float hi = (float) Math.min(s.dtLimitHi(), Float.MAX_VALUE);
        par.forRange(rows, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                for (int j = 0; j < h; j += V) {
                    VectorMask<Float> m = F.indexInRange(j, h);
                    FloatVector v = FloatVector.fromArray(F, dt, r * h + j, m);
                    if (bias != null) {
                        v = v.add(FloatVector.fromArray(F, bias, j, m));
                    }
                    if (sp) {
                        v = VecMath.softplus(v);
                    }
                    if (clamp) {
                        v = v.max(lo).min(hi);
                    }
                    v.intoArray(out, r * h + j, m);
                }
            }
        });
    }

    // ------------------------------------------------------------------ sequential path (12.2)

    /** One (sequence, head) by the recurrence, state (P,N) updated in place in fin (or scratch). */
    private static void sequential(Call k, int seq, int h) {
        SsdScanShape s = k.s();
        int p = s.headdim();
        int n = s.dstate();
        int heads = s.heads();
        int groups = s.groups();
        int g = h / (heads / groups);
        int so = (seq * heads + h) * p * n;
        float[] st;
        int base;
        if (k.fin() != null) {
            st = k.fin();
            base = so;
        } else {
            SsdWorkspace ws = SsdWorkspace.get();
            ws.tmp = ws.tmp.length >= p * n ? ws.tmp : new float[p * n];
            st = ws.tmp;
            base = 0;
        }
        if (k.init() == null) {
            java.util.Arrays.fill(st, base, base + p * n, 0f);
        } else if (k.init() != st || base != so) {
            System.arraycopy(k.init(), so, st, base, p * n);
        }
        float ah = k.a()[h];
        int t0 = s.sequenceStart(seq);
        int len = s.sequenceLength(seq);
        for (int t = t0; t < t0 + len; t++) {
            float delta = k.delta()[t * heads + h];
            float decay = (float) Math.exp(delta * ah);
            int bo = (t * groups + g) * n;
            int xo = (t * heads + h) * p;
            for (int pi = 0; pi < p; pi++) {
                float xv = k.x()[xo + pi];
                float dx = delta * xv;
                int r = base + pi * n;
                FloatVector acc = FloatVector.zero(F);
                for (int j = 0; j < n; j += V) {
                    VectorMask<Float> m = F.indexInRange(j, n);
                    FloatVector bv = FloatVector.fromArray(F, k.b(), bo + j, m);
                    FloatVector sv = FloatVector.fromArray(F, st, r + j, m).mul(decay);
                    sv = bv.fma(FloatVector.broadcast(F, dx), sv);
                    sv.intoArray(st, r + j, m);
                    acc = sv.fma(FloatVector.fromArray(F, k.c(), bo + j, m), acc);
                }
                // fixed lane order, not reduceLanes: a cold (interpreted) call equals a warm one (README)
                float yv = FixedSum.sum(acc);
                if (k.d() != null) {
                    yv += xv * (s.dPerHeaddim() ? k.d()[h * p + pi] : k.d()[h]);
                }
                if (k.z() != null) {
                    yv *= ScalarMath.silu(k.z()[xo + pi]);
                }
                k.y()[xo + pi] = yv;
            }
        }
    }

    // ------------------------------------------------------------------ chunked path (12.4)

    /**
     * Work item {@code item} (sequence, group, head block) over time segment {@code seg}: loads the heads'
     * states (the initial states, or the segment's carry), runs its chunks, and either writes outputs and the
     * final states ({@code outputs}) or only the segment's end state from zero into the next segment's carry slot.
     */
    private static void chunked(Call k, int item, int seg, boolean outputs) {
        SsdScanShape s = k.s();
        int p = s.headdim();
        int n = s.dstate();
        int q = s.chunkSize();
        int heads = s.heads();
        int hpg = heads / s.groups();
        int perSeq = s.groups() * k.blocksPerGroup();
        int seq = item / perSeq;
        int g = (item % perSeq) / k.blocksPerGroup();
        int h0 = g * hpg + (item % k.blocksPerGroup()) * k.headsPerItem();
        int h1 = Math.min(h0 + k.headsPerItem(), (g + 1) * hpg);
        int len = s.sequenceLength(seq);
        int nc = (len + q - 1) / q;
        int segs = k.segments();
        int cFrom = Parallel.blockStart(nc, segs, seg);
        int cTo = Parallel.blockStart(nc, segs, seg + 1);
        SsdWorkspace ws = SsdWorkspace.get();
        ws.forChunks(q, p, n, h1 - h0);
        int np = n * p;
        for (int h = h0; h < h1; h++) {
            int dst = (h - h0) * np;
            int slot = ((seq * segs + seg) * heads + h) * np;
            if (!outputs) {
                java.util.Arrays.fill(ws.states, dst, dst + np, 0f);
            } else if (segs > 1) {
                System.arraycopy(k.caller().carry, slot, ws.states, dst, np);
            } else if (k.init() != null) {
                transpose(k.init(), (seq * heads + h) * np, p, n, ws.states, dst);
            } else {
                java.util.Arrays.fill(ws.states, dst, dst + np, 0f);
            }
        }
        int t0 = s.sequenceStart(seq);
        for (int ci = cFrom; ci < cTo; ci++) {
            chunk(k, ws, seq, g, h0, h1, ci, t0 + ci * q, Math.min(q, len - ci * q), outputs);
        }
        for (int h = h0; h < h1; h++) {
            int src = (h - h0) * np;
            if (!outputs) {
                System.arraycopy(ws.states, src, k.caller().carry, ((seq * segs + seg + 1) * heads + h) * np, np);
            } else if (seg == segs - 1 && k.fin() != null) {
                transpose(ws.states, src, n, p, k.fin(), (seq * heads + h) * np);
            }
        }
    }

    /** Phase 2 of the time split: per (sequence, head), combine the segments' local end states in order. */
    private static void carry(Parallel par, Call k) {
        SsdScanShape s = k.s();
        int heads = s.heads();
        int np = s.dstate() * s.headdim();
        int q = s.chunkSize();
        int segs = k.segments();
        float[] carry = k.caller().carry;
        par.forRange(s.sequences() * heads, (lo, hi) -> {
            for (int w = lo; w < hi; w++) {
                int seq = w / heads;
                int h = w % heads;
                int slot0 = (seq * segs * heads + h) * np;
                if (k.init() != null) {
                    transpose(k.init(), (seq * heads + h) * np, s.headdim(), s.dstate(), carry, slot0);
                } else {
                    java.util.Arrays.fill(carry, slot0, slot0 + np, 0f);
                }
                int t0 = s.sequenceStart(seq);
                int len = s.sequenceLength(seq);
                int nc = (len + q - 1) / q;
                for (int seg = 1; seg < segs; seg++) {
                    // decay over segment seg−1: exp(Σ δ·A) over its steps
                    int from = t0 + Parallel.blockStart(nc, segs, seg - 1) * q;
                    int to = t0 + Math.min(len, Parallel.blockStart(nc, segs, seg) * q);
                    double sum = 0;
                    for (int t = from; t < to; t++) {
                        sum += k.delta()[t * heads + h];
                    }
                    float decay = (float) Math.exp(sum * k.a()[h]);
                    int prev = ((seq * segs + seg - 1) * heads + h) * np;
                    int cur = ((seq * segs + seg) * heads + h) * np;
                    for (int i = 0; i < np; i += V) {
                        VectorMask<Float> m = F.indexInRange(i, np);
                        FloatVector.fromArray(F, carry, prev + i, m)
                                .fma(FloatVector.broadcast(F, decay), FloatVector.fromArray(F, carry, cur + i, m)).intoArray(carry, cur + i, m);
                    }
                }
            }
        });
    }

    /**
     * One chunk (global index {@code ci}, first flattened time {@code t0}, {@code q} steps) for heads [h0, h1) of
     * group g: C·Bᵀ once, then per head the output (when {@code outputs}) and the state update.
     */
    private static void chunk(Call k, SsdWorkspace ws, int seq, int g, int h0, int h1, int ci, int t0, int q,
                              boolean outputs) {
        SsdScanShape s = k.s();
        int p = s.headdim();
        int n = s.dstate();
        int heads = s.heads();
        int gn = s.groups() * n;
        int hp = heads * p;
        int np = n * p;
        float[] bt = ws.bt;
        for (int t = 0; t < q; t++) {
            int bo = (t0 + t) * gn + g * n;
            for (int j = 0; j < n; j++) {
                bt[j * q + t] = k.b()[bo + j];
            }
        }
        int cOff = t0 * gn + g * n;
        if (outputs) {
            SsdMatMul.mul(q, q, n, false, k.c(), cOff, gn, bt, 0, q, ws.cb, 0, q, false);
        }
        for (int h = h0; h < h1; h++) {
            int st = (h - h0) * np;
            float decayEnd = segmentSums(k, ws, t0, q, h);
            decays(ws, q, outputs);
            int xOff = t0 * hp + h * p;
            if (outputs) {
                int nc = s.chunks();
                if (k.prevStates() != null) {
                    transpose(ws.states, st, n, p, k.prevStates(), ((seq * nc + ci) * heads + h) * np);
                }
                // Y = exp(cs_l)·(C_l·S) + M·X  (12.4d + 12.4a), written straight into y
                SsdMatMul.mul(q, p, n, false, k.c(), cOff, gn, ws.states, st, p, k.y(), xOff, hp, false);
                scaleRows(k.y(), xOff, hp, q, p, ws.el);
                SsdMatMul.mul(q, p, q, true, ws.m, 0, q, k.x(), xOff, hp, k.y(), xOff, hp, true);
                epilogue(k, xOff, hp, q, h);
            }
            // S ← exp(cs_end)·S + Bᵀ·(w∘X)  (12.4b, 12.4c)
            for (int t = 0; t < q; t++) {
                FloatVector wt = FloatVector.broadcast(F, ws.w[t]);
                for (int j = 0; j < p; j += V) {
                    VectorMask<Float> m = F.indexInRange(j, p);
                    FloatVector.fromArray(F, k.x(), xOff + t * hp + j, m).mul(wt).intoArray(ws.xw, t * p + j, m);
                }
            }
            if (outputs && k.chunkStates() != null) {
                SsdMatMul.mul(n, p, q, false, bt, 0, q, ws.xw, 0, p, ws.tmp, 0, p, false);
                transpose(ws.tmp, 0, n, p, k.chunkStates(), ((seq * s.chunks() + ci) * heads + h) * np);
                axpby(ws.states, st, decayEnd, ws.tmp, np);
            } else {
                scale(ws.states, st, np, decayEnd);
                SsdMatMul.mul(n, p, q, false, bt, 0, q, ws.xw, 0, p, ws.states, st, p, true);
            }
        }
    }

    /**
     * δ of head h over the chunk and its cumulative log-decay cs (a double sum kept as hi + lo floats); returns
     * exp(cs_end), the decay over the whole chunk.
     */
    private static float segmentSums(Call k, SsdWorkspace ws, int t0, int q, int h) {
        int heads = k.s().heads();
        double ah = k.a()[h];
        double cs = 0;
        for (int t = 0; t < q; t++) {
            float dv = k.delta()[(t0 + t) * heads + h];
            ws.dl[t] = dv;
            cs += dv * ah;
            float hi = (float) cs;
            ws.hi[t] = hi;
            ws.lo[t] = (float) (cs - hi);
        }
        return (float) Math.exp(cs);
    }

    /**
     * From the segment sums: M[l][s] = CB[l][s]·exp(cs_l − cs_s)·δ_s for s ≤ l and 0 above the diagonal, for every
     * vector of row l that starts at or before l (the causal product reads no further: its 4-row tiles end inside
     * that vector); el[l] = exp(cs_l) = exp(cs_l − cs_0)·exp(cs_0), from lane 0 of the row's first decay vector;
     * and the state weights w[s] = exp(cs_end − cs_s)·δ_s, the last row's. Without {@code outputs} only w. All in
     * one loop nest, so the one inline exp is hot for the JIT: in small separate loops it was not inlined and
     * boxed every vector (measured: 2.4 MB allocated per M2a call).
     */
    private static void decays(SsdWorkspace ws, int q, boolean outputs) {
        float e0 = (float) Math.exp((double) ws.hi[0] + ws.lo[0]);
        for (int l = outputs ? 0 : q - 1; l < q; l++) {
            FloatVector hl = FloatVector.broadcast(F, ws.hi[l]);
            FloatVector ll = FloatVector.broadcast(F, ws.lo[l]);
            for (int j = 0; j <= l; j += V) {
                VectorMask<Float> m = F.indexInRange(j, Math.min(q, l + 1));
                FloatVector diff = hl.sub(FloatVector.fromArray(F, ws.hi, j, m))
                        .add(ll.sub(FloatVector.fromArray(F, ws.lo, j, m)));
                FloatVector e = VecMath.exp(diff);
                FloatVector edl = e.mul(FloatVector.fromArray(F, ws.dl, j, m)).blend(0f, m.not());
                if (j == 0) {
                    ws.el[l] = e.lane(0) * e0;
                }
                if (outputs) {
                    // lanes past l (or past q) are stored as 0 where they exist in the row
                    FloatVector.fromArray(F, ws.cb, l * q + j, m).mul(edl)
                            .intoArray(ws.m, l * q + j, F.indexInRange(j, q));
                }
                if (l == q - 1) {
                    edl.intoArray(ws.w, j, m);
                }
            }
        }
    }

    /** D skip and the silu(z) gate over q output rows of head h (12.2c). */
    private static void epilogue(Call k, int off, int ld, int q, int h) {
        SsdScanShape s = k.s();
        int p = s.headdim();
        float[] d = k.d();
        float[] z = k.z();
        if (d == null && z == null) {
            return;
        }
        float[] y = k.y();
        float[] x = k.x();
        for (int t = 0; t < q; t++) {
            int o = off + t * ld;
            for (int j = 0; j < p; j += V) {
                VectorMask<Float> m = F.indexInRange(j, p);
                FloatVector v = FloatVector.fromArray(F, y, o + j, m);
                if (d != null) {
                    FloatVector dv = s.dPerHeaddim() ? FloatVector.fromArray(F, d, h * p + j, m)
                            : FloatVector.broadcast(F, d[h]);
                    v = FloatVector.fromArray(F, x, o + j, m).fma(dv, v);
                }
                if (z != null) {
                    v = v.mul(VecMath.silu(FloatVector.fromArray(F, z, o + j, m)));
                }
                v.intoArray(y, o + j, m);
            }
        }
    }

    private static void scaleRows(float[] a, int off, int ld, int rows, int cols, float[] f) {
        for (int r = 0; r < rows; r++) {
            float v = f[r];
            for (int j = 0; j < cols; j += V) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector.fromArray(F, a, off + r * ld + j, m).mul(v).intoArray(a, off + r * ld + j, m);
            }
        }
    }

    private static void scale(float[] a, int off, int len, float f) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = F.indexInRange(i, len);
            FloatVector.fromArray(F, a, off + i, m).mul(f).intoArray(a, off + i, m);
        }
    }

    /** a[off..] = f·a[off..] + b[0..len). */
    private static void axpby(float[] a, int off, float f, float[] b, int len) {
        for (int i = 0; i < len; i += V) {
            VectorMask<Float> m = F.indexInRange(i, len);
            FloatVector.fromArray(F, a, off + i, m).fma(FloatVector.broadcast(F, f), FloatVector.fromArray(F, b, i, m))
                    .intoArray(a, off + i, m);
        }
    }

    /** out[j][i] = in[i][j] for an r×c row-major block (state layouts (P,N) ↔ (N,P)). */
    private static void transpose(float[] in, int inOff, int r, int c, float[] out, int outOff) {
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[outOff + j * r + i] = in[inOff + i * c + j];
            }
        }
    }
}
