package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.BcLayout;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.simd.VecMath;
import ssm4j.scan.ref.BcStrides;

/**
 * Vector selective scan, fp32, real A (SPEC 7.2): vectorised over channels, V = {@code F.length()} consecutive
 * channels d of one batch row per vector, sequential in time, the state of one pole n in a register while a time
 * tile of {@link SelectiveWorkspace#TILE} steps runs (the structure of anchors/scan_sol.c: inputs transposed per
 * block of channels, exp from an inline polynomial, {@link VecMath#exp}). Work items (batch, channel block) are
 * independent and split over threads, so results do not depend on the thread count. Packed sequences reset the
 * state at each boundary (8.3). Arguments are validated by the facade; complex A is handled by the caller.
 */
final class VectorSelectiveScan {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();
    private static final int K = SelectiveWorkspace.TILE;

    private VectorSelectiveScan() {
    }

    /** Scans every (batch, channel block); see {@link ssm4j.api.SsmKernel#selectiveScan}. */
    static void scan(Parallel p, SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        int blocks = (s.dim() + V - 1) / V;
        int[] starts = s.seqStarts();
        p.forRange(s.batch() * blocks, (lo, hi) -> {
            SelectiveWorkspace w = SelectiveWorkspace.get(V, s.dstate());
            for (int item = lo; item < hi; item++) {
                block(s, starts, item / blocks, (item % blocks) * V, w, u, delta, a, b, c, d, z, deltaBias, x0,
                        out, lastState);
            }
        });
    }

    /** Whether every lane of the block reads the same B/C row (per-time, or one group for all lanes). */
    private static boolean shared(SelectiveScanShape s, BcLayout lay, int d0, int lanes) {
        return lay == BcLayout.PER_TIME
                || lay == BcLayout.GROUPED && bcOffGroup(s, d0) == bcOffGroup(s, d0 + lanes - 1);
    }

    private static int bcOffGroup(SelectiveScanShape s, int d) {
        return d / (s.dim() / s.groups());
    }

    private static void block(SelectiveScanShape s, int[] starts, int bi, int d0, SelectiveWorkspace w, float[] u,
                              float[] delta, float[] a, float[] bm, float[] cm, float[] dv, float[] z,
                              float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        final int dim = s.dim();
        final int n = s.dstate();
        final int len = s.length();
        final int lanes = Math.min(V, dim - d0);
        final BcLayout bl = s.bLayout();
        final BcLayout cl = s.cLayout();
        final boolean bShared = shared(s, bl, d0, lanes);
        final boolean cShared = shared(s, cl, d0, lanes);
        // Per-lane constants, transposed to (N, V); lanes past D hold zeros (a = e^0 = 1 on a zero state).
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < V; i++) {
                boolean on = i < lanes;
                w.at[j * V + i] = on ? a[(d0 + i) * n + j] : -1f;     // −1: padded lanes keep e^{δA} = 1
                if (bl == BcLayout.FIXED) {
                    w.bf[j * V + i] = on ? bm[(d0 + i) * n + j] : 0f;
                }
                if (cl == BcLayout.FIXED) {
                    w.cf[j * V + i] = on ? cm[(d0 + i) * n + j] : 0f;
                }
            }
        }
        for (int i = 0; i < V; i++) {
            w.skip[i] = i < lanes && dv != null ? dv[d0 + i] : 0f;
        }
        // δ ≥ +0 (facade: softplus ≥ 0, or δ + bias ≥ 0), so A ≤ −0 in every lane makes δA sign-bit-set and the
        // cheaper VecMath.expNonPositive applies (the usual Mamba A = −exp(A_log))
        boolean negA = true;
        for (int q = 0; q < n * V; q++) {
            negA &= Float.floatToRawIntBits(w.at[q]) < 0;
        }
        final int nseq = starts == null ? 1 : starts.length - 1;
        for (int k = 0; k < nseq; k++) {
            int t0 = starts == null ? 0 : starts[k];
            int t1 = starts == null ? len : starts[k + 1];
            int seq = starts == null ? bi : k;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < V; i++) {
                    w.state[j * V + i] = x0 != null && i < lanes ? x0[(seq * dim + d0 + i) * n + j] : 0f;
                }
            }
            for (int tt = t0; tt < t1; tt += K) {
                tile(s, bi, d0, lanes, tt, Math.min(K, t1 - tt), bShared, cShared, negA, w, u, delta, bm, cm, dv,
                        z, deltaBias, out);
            }
            if (lastState != null) {
                for (int i = 0; i < lanes; i++) {
                    for (int j = 0; j < n; j++) {
                        lastState[(seq * dim + d0 + i) * n + j] = w.state[j * V + i];
                    }
                }
            }
        }
    }

    /** Time steps [tt, tt+kk) of one block: transpose in, all poles, output, transpose out. */
    private static void tile(SelectiveScanShape s, int bi, int d0, int lanes, int tt, int kk, boolean bShared,
                             boolean cShared, boolean negA, SelectiveWorkspace w, float[] u, float[] delta,
                             float[] bm, float[] cm,
                             float[] dv, float[] z, float[] deltaBias, float[] out) {
        final int dim = s.dim();
        final int n = s.dstate();
        final int len = s.length();
        for (int i = 0; i < V; i++) {
            if (i < lanes) {
                int row = (bi * dim + d0 + i) * len + tt;
                // + 0f turns a bias of −0 into +0, so δ = delta + bias never has its sign bit set (expNonPositive)
                float bias = deltaBias == null ? 0f : deltaBias[d0 + i] + 0f;
                for (int q = 0; q < kk; q++) {
                    w.delta[q * V + i] = delta[row + q] + bias;     // bias before softplus (7.2a)
                    w.u[q * V + i] = u[row + q];
                }
                if (z != null) {
                    for (int q = 0; q < kk; q++) {
                        w.z[q * V + i] = z[row + q];
                    }
                }
            } else {
                for (int q = 0; q < kk; q++) {
                    w.delta[q * V + i] = 0f;
                    w.u[q * V + i] = 0f;
                    w.z[q * V + i] = 0f;
                }
            }
        }
        prepare(kk, s.deltaSoftplus(), w);
        final BcLayout bl = s.bLayout();
        final BcLayout cl = s.cLayout();
        final int bT = BcStrides.bcStrideT(s, bl);
        final int cT = BcStrides.bcStrideT(s, cl);
        final int bOff = (int) BcStrides.bcOffset(s, bl, bi, d0) + tt * bT;
        final int cOff = (int) BcStrides.bcOffset(s, cl, bi, d0) + tt * cT;
        final int bN = BcStrides.bcStrideN(s, bl);
        final int cN = BcStrides.bcStrideN(s, cl);
        int j0 = 0;
        if (bShared && cShared) {
            // two poles per pass: δ, δu and the y tile are loaded once for two exps and state chains (more
            // poles per pass exceed C2's inlining node budget and leave exp calls out of line)
            for (; j0 + 1 < n; j0 += 2) {
                if (negA) {
                    twoPolesPerTimeNegA(kk, j0, w, bm, bOff + j0 * bN, bN, cm, cOff + j0 * cN, cN);
                } else {
                    twoPolesPerTime(kk, j0, w, bm, bOff + j0 * bN, bN, cm, cOff + j0 * cN, cN);
                }
            }
        }
        // The pole helpers take the pole index, not vectors: a helper with vector parameters or a vector result
        // that C2 leaves out of line (at 512 bits it did, for the rarer layouts) boxes them on every call (issue 14).
        for (int j = j0; j < n; j++) {
            if (bShared && cShared) {
                polePerTime(kk, j, w, bm, bOff + j * bN, cm, cOff + j * cN);
            } else if (bl == BcLayout.FIXED && cl == BcLayout.FIXED) {
                poleFixed(kk, j, w);
            } else {
                fillLanes(s, bi, d0, lanes, tt, kk, j, bl, bm, w.bf, w.bt);
                fillLanes(s, bi, d0, lanes, tt, kk, j, cl, cm, w.cf, w.ct);
                poleTiles(kk, j, w);
            }
        }
        finish(kk, dv != null, z != null, w);
        for (int i = 0; i < lanes; i++) {
            int row = (bi * dim + d0 + i) * len + tt;
            for (int q = 0; q < kk; q++) {
                out[row + q] = w.y[q * V + i];
            }
        }
    }

    /** δ ← softplus(δ) if enabled (7.2a), δu = δ·u, y = 0 over the tile. */
    private static void prepare(int kk, boolean softplus, SelectiveWorkspace w) {
        if (softplus) {
            VecMath.softplusRows(kk, w.delta); // an array pass: no vector crosses a call (VecMath says why)
        }
        FloatVector zero = FloatVector.zero(F);
        for (int q = 0; q < kk; q++) {
            FloatVector dl = FloatVector.fromArray(F, w.delta, q * V);
            dl.mul(FloatVector.fromArray(F, w.u, q * V)).intoArray(w.du, q * V);
            zero.intoArray(w.y, q * V);
        }
    }

    /** out = (y + D·u)·silu(z) over the tile, each factor only if given (7.2d). */
    private static void finish(int kk, boolean skipOn, boolean gateOn, SelectiveWorkspace w) {
        FloatVector skip = FloatVector.fromArray(F, w.skip, 0);
        for (int q = 0; q < kk; q++) {
            FloatVector o = FloatVector.fromArray(F, w.y, q * V);
            if (skipOn) {
                o = skip.fma(FloatVector.fromArray(F, w.u, q * V), o);
            }
            if (gateOn) {
                o = o.mul(VecMath.silu(FloatVector.fromArray(F, w.z, q * V)));   // gate on y + D·u (7.2d)
            }
            o.intoArray(w.y, q * V);
        }
    }

    /**
     * One pole over the tile with B and C shared by all lanes (per-time or one group): scalar broadcasts.
     * (7.2b) x = e^{δA}·x + (δu)·B, (7.2c) y += x·C.
     */
    private static void polePerTime(int kk, int j, SelectiveWorkspace w, float[] bm, int bi, float[] cm, int ci) {
        FloatVector x = FloatVector.fromArray(F, w.state, j * V);
        FloatVector an = FloatVector.fromArray(F, w.at, j * V);
        float[] dl = w.delta;
        float[] du = w.du;
        float[] y = w.y;
        for (int q = 0; q < kk; q++) {
            FloatVector at = VecMath.exp(FloatVector.fromArray(F, dl, q * V).mul(an));
            x = at.fma(x, FloatVector.fromArray(F, du, q * V).mul(bm[bi + q]));
            x.fma(FloatVector.broadcast(F, cm[ci + q]), FloatVector.fromArray(F, y, q * V)).intoArray(y, q * V);
        }
        x.intoArray(w.state, j * V);
    }

    /**
     * Poles j0 and j0+1 over the tile with B and C shared by all lanes: two independent exps and state chains
     * per step, one load of δ, δu and y (7.2b–c).
     */
    private static void twoPolesPerTime(int kk, int j0, SelectiveWorkspace w, float[] bm, int bi, int bN,
                                        float[] cm, int ci, int cN) {
        float[] dl = w.delta;
        float[] du = w.du;
        float[] y = w.y;
        FloatVector a0 = FloatVector.fromArray(F, w.at, j0 * V);
        FloatVector a1 = FloatVector.fromArray(F, w.at, (j0 + 1) * V);
        FloatVector x0 = FloatVector.fromArray(F, w.state, j0 * V);
        FloatVector x1 = FloatVector.fromArray(F, w.state, (j0 + 1) * V);
        for (int q = 0; q < kk; q++) {
            FloatVector dv = FloatVector.fromArray(F, dl, q * V);
            FloatVector duv = FloatVector.fromArray(F, du, q * V);
            x0 = VecMath.exp(dv.mul(a0)).fma(x0, duv.mul(bm[bi + q]));
            x1 = VecMath.exp(dv.mul(a1)).fma(x1, duv.mul(bm[bi + bN + q]));
            FloatVector acc = x0.fma(FloatVector.broadcast(F, cm[ci + q]), FloatVector.fromArray(F, y, q * V));
            x1.fma(FloatVector.broadcast(F, cm[ci + cN + q]), acc).intoArray(y, q * V);
        }
        x0.intoArray(w.state, j0 * V);
        x1.intoArray(w.state, (j0 + 1) * V);
    }

    /**
     * {@link #twoPolesPerTime} for A ≤ −0 in every lane: δA has its sign bit set, so the cheaper
     * {@link VecMath#expNonPositive} applies. The decays of both poles are computed first, in an array pass
     * ({@link VecMath#expNonPositiveRows2}, into the tile buffers {@code bt}/{@code ct}, unused on this path where B
     * and C are shared by the block's lanes): the state loop then makes no call that takes vectors, so whether C2
     * inlines the exp no longer decides whether this loop boxes (VecMath#expNonPositiveRows2 says why).
     */
    private static void twoPolesPerTimeNegA(int kk, int j0, SelectiveWorkspace w, float[] bm, int bi, int bN,
                                            float[] cm, int ci, int cN) {
        float[] e0 = w.bt;
        float[] e1 = w.ct;
        VecMath.expNonPositiveRows2(kk, w.delta, w.at, j0 * V, (j0 + 1) * V, e0, e1);
        float[] du = w.du;
        float[] y = w.y;
        FloatVector x0 = FloatVector.fromArray(F, w.state, j0 * V);
        FloatVector x1 = FloatVector.fromArray(F, w.state, (j0 + 1) * V);
        for (int q = 0; q < kk; q++) {
            FloatVector duv = FloatVector.fromArray(F, du, q * V);
            x0 = FloatVector.fromArray(F, e0, q * V).fma(x0, duv.mul(bm[bi + q]));
            x1 = FloatVector.fromArray(F, e1, q * V).fma(x1, duv.mul(bm[bi + bN + q]));
            FloatVector acc = x0.fma(FloatVector.broadcast(F, cm[ci + q]), FloatVector.fromArray(F, y, q * V));
            x1.fma(FloatVector.broadcast(F, cm[ci + cN + q]), acc).intoArray(y, q * V);
        }
        x0.intoArray(w.state, j0 * V);
        x1.intoArray(w.state, (j0 + 1) * V);
    }

    /** One pole with fixed per-lane B and C vectors. */
    private static void poleFixed(int kk, int j, SelectiveWorkspace w) {
        FloatVector x = FloatVector.fromArray(F, w.state, j * V);
        FloatVector an = FloatVector.fromArray(F, w.at, j * V);
        FloatVector bn = FloatVector.fromArray(F, w.bf, j * V);
        FloatVector cn = FloatVector.fromArray(F, w.cf, j * V);
        float[] dl = w.delta;
        float[] du = w.du;
        float[] y = w.y;
        for (int q = 0; q < kk; q++) {
            FloatVector at = VecMath.exp(FloatVector.fromArray(F, dl, q * V).mul(an));
            x = at.fma(x, FloatVector.fromArray(F, du, q * V).mul(bn));
            x.fma(cn, FloatVector.fromArray(F, y, q * V)).intoArray(y, q * V);
        }
        x.intoArray(w.state, j * V);
    }

    /** One pole with B and C read from transposed (K, V) tiles (mixed layouts, lanes in different groups). */
    private static void poleTiles(int kk, int j, SelectiveWorkspace w) {
        FloatVector x = FloatVector.fromArray(F, w.state, j * V);
        FloatVector an = FloatVector.fromArray(F, w.at, j * V);
        float[] dl = w.delta;
        float[] du = w.du;
        float[] y = w.y;
        for (int q = 0; q < kk; q++) {
            FloatVector at = VecMath.exp(FloatVector.fromArray(F, dl, q * V).mul(an));
            x = at.fma(x, FloatVector.fromArray(F, du, q * V).mul(FloatVector.fromArray(F, w.bt, q * V)));
            x.fma(FloatVector.fromArray(F, w.ct, q * V), FloatVector.fromArray(F, y, q * V)).intoArray(y, q * V);
        }
        x.intoArray(w.state, j * V);
    }

    /** Fills a (K, V) tile with pole j of B or C for each lane (any layout). */
    private static void fillLanes(SelectiveScanShape s, int bi, int d0, int lanes, int tt, int kk, int j,
                                  BcLayout lay, float[] src, float[] fixedT, float[] tileOut) {
        int len = s.length();
        for (int i = 0; i < V; i++) {
            if (i >= lanes) {
                for (int q = 0; q < kk; q++) {
                    tileOut[q * V + i] = 0f;
                }
            } else if (lay == BcLayout.FIXED) {
                float v = fixedT[j * V + i];
                for (int q = 0; q < kk; q++) {
                    tileOut[q * V + i] = v;
                }
            } else {
                int off = (int) BcStrides.bcOffset(s, lay, bi, d0 + i) + j * len + tt;
                for (int q = 0; q < kk; q++) {
                    tileOut[q * V + i] = src[off + q];
                }
            }
        }
    }
}
