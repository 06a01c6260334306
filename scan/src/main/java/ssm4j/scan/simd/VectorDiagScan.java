package ssm4j.scan.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.DiagScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.simd.VecMath;

/**
 * Vector diagonal LTI scan, fp32 (SPEC 8.4 / 1.3), real or complex. The lanes of a vector are <em>segments</em>:
 * a row (b, h) over a range of time steps. With many rows a segment is a whole row (vectorised over channels
 * with each pole's state in registers, as anchors/scan_sol.c w5). With few rows and several threads, each row
 * is cut into C time chunks and the chunked scan of SPEC 8.3 runs: (i) every chunk scans locally from a zero
 * state (chunk 0 from x0, so it is already exact) writing ỹ and its end state; (ii) per row, sequentially over
 * chunks, {@code carry_{j+1} = a^{T_j}·carry_j + h̃_end(j)}; (iii) every chunk j ≥ 1 adds
 * {@code Re Σ_n c_n a_n^{k+1} carry_j,n} to its outputs (the same kernel run on zero input, accumulating).
 * Results equal the sequential scan to rounding for any chunk count and thread count.
 */
final class VectorDiagScan {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final int V = F.length();
    private static final int TILE = DiagWorkspace.TILE;
    /** Shortest time chunk worth a fix-up pass (the carry pass and per-block setup amortise over it). */
    static final int MIN_CHUNK = 1024;
    /**
     * A fix-up block stops once every state entry has decayed below this fraction of the largest carry it started
     * from: the rest of the correction is then below 2^-48·Σ|c|/(1 − |a|) relative to its first terms, far below
     * fp32 rounding, and scanning on would run through subnormal floats (~100 cycles each on x86: W6 on a Xeon
     * took 746 ms instead of ~15 ms). Relative, not absolute: an absolute cut-off (it was 1e-30) dropped the
     * whole correction of data at that scale, so results depended on the thread count (issue 14).
     */
    static final float NEGLIGIBLE = 0x1p-48f;

    private VectorDiagScan() {
    }

    /**
     * Time chunks per row: 1 when rows alone give every thread two blocks of V lanes (no fix-up work), else
     * enough chunks that rows·C fill V lanes on every thread, each at least {@link #MIN_CHUNK} long. One thread
     * too: with fewer rows than lanes a single chunk leaves most lanes idle (W6, 4 rows in 16 lanes, ran at a
     * quarter of the vector width, 5.6× slower than on two threads), and the fix-up pass costs less than that.
     */
    static int chunks(DiagScanShape s, int threads) {
        int rows = s.batch() * s.h();
        if ((rows + V - 1) / V >= 2 * threads) {
            return 1;
        }
        int c = (threads * V + rows - 1) / rows;
        return Math.max(1, Math.min(c, s.length() / MIN_CHUNK));
    }

    /** The scan with the default chunk count for {@code p}'s threads. */
    static void scan(Parallel p, DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0,
                     float[] u, float[] y, float[] stateOut) {
        scan(p, s, chunks(s, p.threads()), a, b, c, d, x0, u, y, stateOut);
    }

    /** The scan with {@code chunks} time chunks per row (≥ 1; fewer when L is short). */
    static void scan(Parallel p, DiagScanShape s, int chunks, float[] a, float[] b, float[] c, float[] d,
                     float[] x0, float[] u, float[] y, float[] stateOut) {
        final int rows = s.batch() * s.h();
        final int len = s.length();
        final int n = s.n();
        final int w = s.complex() ? 2 : 1;
        final int t = (len + Math.min(chunks, len) - 1) / Math.min(chunks, len);   // chunk length T
        final int nc = (len + t - 1) / t;                                           // chunks C, none empty
        final int tLast = len - (nc - 1) * t;
        // segments seg = j·rows + row; group 1: every segment of length T (all of them when T divides L, so
        // lanes fill across chunks), group 2: the shorter last chunk of every row, if any
        final boolean even = tLast == t;
        final int g1 = (even ? nc : nc - 1) * rows;
        final int b1 = (g1 + V - 1) / V;
        final int b2 = even ? 0 : (rows + V - 1) / V;
        DiagWorkspace cw = DiagWorkspace.get(V, n);
        cw.carries(nc * rows * n * w);
        final float[] ends = cw.ends;
        final float[] carry = cw.carry;
        Geometry g = new Geometry(s, t, rows, a, b, c, d, x0, u, y);
        // (i) local scans; chunk 0 starts from x0 and is exact
        p.forRange(b1 + b2, (lo, hi) -> {
            DiagWorkspace ws = DiagWorkspace.get(V, n);
            for (int blk = lo; blk < hi; blk++) {
                int sLo = blk < b1 ? blk * V : g1 + (blk - b1) * V;
                int sHi = blk < b1 ? Math.min(g1, sLo + V) : Math.min(g1 + rows, sLo + V);
                block(g, ws, sLo, sHi, blk < b1 ? t : tLast, false, ends);
            }
        });
        if (nc == 1) {
            if (stateOut != null) {
                System.arraycopy(ends, 0, stateOut, 0, rows * n * w);
            }
            return;
        }
        // (ii) carries, sequential over the chunks of each row
        p.forRange(rows, (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                carryRow(g, row, nc, tLast, ends, carry, stateOut);
            }
        });
        // (iii) fix-up of chunks j ≥ 1: segments [rows, C·rows)
        final int f1 = (g1 - rows + V - 1) / V;
        p.forRange(f1 + b2, (lo, hi) -> {
            DiagWorkspace ws = DiagWorkspace.get(V, n);
            for (int blk = lo; blk < hi; blk++) {
                int sLo = blk < f1 ? rows + blk * V : g1 + (blk - f1) * V;
                int sHi = blk < f1 ? Math.min(g1, sLo + V) : Math.min(g1 + rows, sLo + V);
                block(g, ws, sLo, sHi, blk < f1 ? t : tLast, true, carry);
            }
        });
    }

    /** The arrays and sizes every block reads. */
    private record Geometry(DiagScanShape s, int t, int rows, float[] a, float[] b, float[] c, float[] d,
                            float[] x0, float[] u, float[] y) {
    }

    /**
     * Pass (ii) for one row: {@code carry_1} = end of chunk 0 (exact), then
     * {@code carry_{j+1} = a^{len_j}·carry_j + ends_j} (8.3 (ii)); powers by squaring in double.
     */
    private static void carryRow(Geometry g, int row, int nc, int tLast, float[] ends, float[] carry,
                                 float[] stateOut) {
        DiagScanShape s = g.s();
        int n = s.n();
        int rows = g.rows();
        int hh = row % s.h();
        boolean cplx = s.complex();
        int w = cplx ? 2 : 1;
        for (int j = 0; j < n; j++) {
            int pa = (hh * n + j) * w;
            double ar = g.a()[pa];
            double ai = cplx ? g.a()[pa + 1] : 0;
            double pTr = powRe(ar, ai, g.t());
            double pTi = powIm(ar, ai, g.t());
            double pLr = powRe(ar, ai, tLast);
            double pLi = powIm(ar, ai, tLast);
            double cr = ends[(row * n + j) * w];
            double ci = cplx ? ends[(row * n + j) * w + 1] : 0;
            for (int k = 1; k < nc; k++) {
                int seg = k * rows + row;
                int o = (seg * n + j) * w;
                carry[o] = (float) cr;
                if (cplx) {
                    carry[o + 1] = (float) ci;
                }
                double pr = k < nc - 1 ? pTr : pLr;
                double pi = k < nc - 1 ? pTi : pLi;
                double nr = pr * cr - pi * ci + ends[o];
                double ni = pr * ci + pi * cr + (cplx ? ends[o + 1] : 0);
                cr = nr;
                ci = ni;
            }
            if (stateOut != null) {
                stateOut[(row * n + j) * w] = (float) cr;
                if (cplx) {
                    stateOut[(row * n + j) * w + 1] = (float) ci;
                }
            }
        }
    }

    /** Re (ar + i·ai)^e, by repeated squaring in double. */
    private static double powRe(double ar, double ai, int e) {
        return pow(ar, ai, e, false);
    }

    /** Im (ar + i·ai)^e. */
    private static double powIm(double ar, double ai, int e) {
        return pow(ar, ai, e, true);
    }

    private static double pow(double ar, double ai, int e, boolean imag) {
        double pr = 1;
        double pi = 0;
        double br = ar;
        double bi = ai;
        while (e > 0) {
            if ((e & 1) != 0) {
                double t = pr * br - pi * bi;
                pi = pr * bi + pi * br;
                pr = t;
            }
            double t = br * br - bi * bi;
            bi = 2 * br * bi;
            br = t;
            e >>= 1;
        }
        return imag ? pi : pr;
    }

    /**
     * One block of segments [sLo, sHi) (≤ V, all of length {@code len}) over their time range. {@code fix}:
     * pass (iii), start from {@code init} = carries, zero input, add to y; else pass (i), start from x0 (chunk 0)
     * or zero, write y, and store end states into {@code init}.
     */
    private static void block(Geometry g, DiagWorkspace ws, int sLo, int sHi, int len, boolean fix,
                              float[] init) {
        DiagScanShape s = g.s();
        final int n = s.n();
        final int rows = g.rows();
        final int lenAll = s.length();
        final boolean cplx = s.complex();
        final int w = cplx ? 2 : 1;
        final int lanes = sHi - sLo;
        final int stride = cplx ? 7 : 3;      // floats per pole and lane in par
        float[] par = ws.par;
        float[] st = ws.state;
        for (int i = 0; i < V; i++) {
            int seg = sLo + i;
            boolean on = i < lanes;
            int row = seg % rows;
            int hh = row % s.h();
            for (int j = 0; j < n; j++) {
                int q = (hh * n + j) * w;
                int o = j * stride * V + i;
                if (cplx) {
                    par[o] = on ? g.a()[q] : 0f;
                    par[o + V] = on ? g.a()[q + 1] : 0f;
                    par[o + 2 * V] = on ? -g.a()[q + 1] : 0f;
                    par[o + 3 * V] = on ? g.b()[q] : 0f;
                    par[o + 4 * V] = on ? g.b()[q + 1] : 0f;
                    par[o + 5 * V] = on ? g.c()[q] : 0f;
                    par[o + 6 * V] = on ? -g.c()[q + 1] : 0f;
                } else {
                    par[o] = on ? g.a()[q] : 0f;
                    par[o + V] = on ? g.b()[q] : 0f;
                    par[o + 2 * V] = on ? g.c()[q] : 0f;
                }
                for (int e = 0; e < w; e++) {
                    float v = 0f;
                    if (on && fix) {
                        v = init[(seg * n + j) * w + e];
                    } else if (on && seg < rows && g.x0() != null) {
                        v = g.x0()[(row * n + j) * w + e];       // chunk 0 starts from x0 (8.3)
                    }
                    st[(j * w + e) * V + i] = v;
                }
            }
        }
        final int stateLen = n * w * V;
        final float limit = fix ? maxAbs(st, stateLen) * NEGLIGIBLE : 0f;
        for (int tt = 0; tt < len; tt += TILE) {
            if (fix && negligible(st, stateLen, limit)) {
                // a^{k+1}·carry has decayed below 2^-48 of where it started in every lane (see NEGLIGIBLE)
                break;
            }
            int kk = Math.min(TILE, len - tt);
            for (int i = 0; i < V; i++) {
                int seg = sLo + i;
                int base = (seg % rows) * lenAll + (seg / rows) * g.t() + tt;
                boolean on = i < lanes;
                for (int q = 0; q < kk; q++) {
                    ws.u[q * V + i] = on && !fix ? g.u()[base + q] : 0f;
                    ws.y[q * V + i] = on && fix ? g.y()[base + q] : 0f;
                }
            }
            if (cplx) {
                polesComplex(n, kk, ws);
            } else {
                polesReal(n, kk, ws);
            }
            for (int i = 0; i < lanes; i++) {
                int seg = sLo + i;
                int row = seg % rows;
                int base = row * lenAll + (seg / rows) * g.t() + tt;
                float dd = fix || g.d() == null ? 0f : g.d()[row % s.h()];
                for (int q = 0; q < kk; q++) {
                    g.y()[base + q] = ws.y[q * V + i] + dd * ws.u[q * V + i];
                }
            }
        }
        if (!fix) {
            for (int i = 0; i < lanes; i++) {
                int seg = sLo + i;
                for (int j = 0; j < n; j++) {
                    for (int e = 0; e < w; e++) {
                        init[(seg * n + j) * w + e] = st[(j * w + e) * V + i];
                    }
                }
            }
        }
    }

    /** Whether every state entry is at most {@code limit} in magnitude (all zero when the limit is 0). */
    private static boolean negligible(float[] st, int count, float limit) {
        for (int i = 0; i < count; i++) {
            if (!(Math.abs(st[i]) <= limit)) {   // a NaN state never counts as decayed
                return false;
            }
        }
        return true;
    }

    private static float maxAbs(float[] st, int count) {
        float m = 0f;
        for (int i = 0; i < count; i++) {
            m = Math.max(m, Math.abs(st[i]));
        }
        return m;
    }

    /**
     * Complex poles, two per pass (two independent state chains hide the FMA latency):
     * {@code x ← a·x + b·u}, {@code y += Re(c·x)} (8.4).
     */
    private static void polesComplex(int n, int kk, DiagWorkspace ws) {
        float[] par = ws.par;
        float[] st = ws.state;
        float[] ut = ws.u;
        float[] yt = ws.y;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            int p0 = j * 7 * V;
            int p1 = p0 + 7 * V;
            FloatVector ar0 = FloatVector.fromArray(F, par, p0);
            FloatVector ai0 = FloatVector.fromArray(F, par, p0 + V);
            FloatVector nai0 = FloatVector.fromArray(F, par, p0 + 2 * V);
            FloatVector br0 = FloatVector.fromArray(F, par, p0 + 3 * V);
            FloatVector bi0 = FloatVector.fromArray(F, par, p0 + 4 * V);
            FloatVector cr0 = FloatVector.fromArray(F, par, p0 + 5 * V);
            FloatVector nci0 = FloatVector.fromArray(F, par, p0 + 6 * V);
            FloatVector ar1 = FloatVector.fromArray(F, par, p1);
            FloatVector ai1 = FloatVector.fromArray(F, par, p1 + V);
            FloatVector nai1 = FloatVector.fromArray(F, par, p1 + 2 * V);
            FloatVector br1 = FloatVector.fromArray(F, par, p1 + 3 * V);
            FloatVector bi1 = FloatVector.fromArray(F, par, p1 + 4 * V);
            FloatVector cr1 = FloatVector.fromArray(F, par, p1 + 5 * V);
            FloatVector nci1 = FloatVector.fromArray(F, par, p1 + 6 * V);
            int s0 = 2 * j * V;
            FloatVector xr0 = FloatVector.fromArray(F, st, s0);
            FloatVector xi0 = FloatVector.fromArray(F, st, s0 + V);
            FloatVector xr1 = FloatVector.fromArray(F, st, s0 + 2 * V);
            FloatVector xi1 = FloatVector.fromArray(F, st, s0 + 3 * V);
            for (int q = 0; q < kk; q++) {
                FloatVector v = FloatVector.fromArray(F, ut, q * V);
                FloatVector acc = FloatVector.fromArray(F, yt, q * V);
                FloatVector nr0 = ar0.fma(xr0, nai0.fma(xi0, br0.mul(v)));
                FloatVector ni0 = ar0.fma(xi0, ai0.fma(xr0, bi0.mul(v)));
                FloatVector nr1 = ar1.fma(xr1, nai1.fma(xi1, br1.mul(v)));
                FloatVector ni1 = ar1.fma(xi1, ai1.fma(xr1, bi1.mul(v)));
                xr0 = nr0;
                xi0 = ni0;
                xr1 = nr1;
                xi1 = ni1;
                acc = cr0.fma(nr0, nci0.fma(ni0, acc));
                acc = cr1.fma(nr1, nci1.fma(ni1, acc));
                acc.intoArray(yt, q * V);
            }
            xr0.intoArray(st, s0);
            xi0.intoArray(st, s0 + V);
            xr1.intoArray(st, s0 + 2 * V);
            xi1.intoArray(st, s0 + 3 * V);
        }
        for (; j < n; j++) {
            int p0 = j * 7 * V;
            FloatVector ar0 = FloatVector.fromArray(F, par, p0);
            FloatVector ai0 = FloatVector.fromArray(F, par, p0 + V);
            FloatVector nai0 = FloatVector.fromArray(F, par, p0 + 2 * V);
            FloatVector br0 = FloatVector.fromArray(F, par, p0 + 3 * V);
            FloatVector bi0 = FloatVector.fromArray(F, par, p0 + 4 * V);
            FloatVector cr0 = FloatVector.fromArray(F, par, p0 + 5 * V);
            FloatVector nci0 = FloatVector.fromArray(F, par, p0 + 6 * V);
            int s0 = 2 * j * V;
            FloatVector xr0 = FloatVector.fromArray(F, st, s0);
            FloatVector xi0 = FloatVector.fromArray(F, st, s0 + V);
            for (int q = 0; q < kk; q++) {
                FloatVector v = FloatVector.fromArray(F, ut, q * V);
                FloatVector nr0 = ar0.fma(xr0, nai0.fma(xi0, br0.mul(v)));
                FloatVector ni0 = ar0.fma(xi0, ai0.fma(xr0, bi0.mul(v)));
                xr0 = nr0;
                xi0 = ni0;
                cr0.fma(nr0, nci0.fma(ni0, FloatVector.fromArray(F, yt, q * V))).intoArray(yt, q * V);
            }
            xr0.intoArray(st, s0);
            xi0.intoArray(st, s0 + V);
        }
    }

    /** Real poles, four per pass (a one-FMA recurrence chain needs four in flight): x ← a·x + b·u, y += c·x. */
    private static void polesReal(int n, int kk, DiagWorkspace ws) {
        float[] par = ws.par;
        float[] st = ws.state;
        float[] ut = ws.u;
        float[] yt = ws.y;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            int p = j * 3 * V;
            FloatVector a0 = FloatVector.fromArray(F, par, p);
            FloatVector b0 = FloatVector.fromArray(F, par, p + V);
            FloatVector c0 = FloatVector.fromArray(F, par, p + 2 * V);
            FloatVector a1 = FloatVector.fromArray(F, par, p + 3 * V);
            FloatVector b1 = FloatVector.fromArray(F, par, p + 4 * V);
            FloatVector c1 = FloatVector.fromArray(F, par, p + 5 * V);
            FloatVector a2 = FloatVector.fromArray(F, par, p + 6 * V);
            FloatVector b2 = FloatVector.fromArray(F, par, p + 7 * V);
            FloatVector c2 = FloatVector.fromArray(F, par, p + 8 * V);
            FloatVector a3 = FloatVector.fromArray(F, par, p + 9 * V);
            FloatVector b3 = FloatVector.fromArray(F, par, p + 10 * V);
            FloatVector c3 = FloatVector.fromArray(F, par, p + 11 * V);
            FloatVector x0 = FloatVector.fromArray(F, st, j * V);
            FloatVector x1 = FloatVector.fromArray(F, st, (j + 1) * V);
            FloatVector x2 = FloatVector.fromArray(F, st, (j + 2) * V);
            FloatVector x3 = FloatVector.fromArray(F, st, (j + 3) * V);
            for (int q = 0; q < kk; q++) {
                FloatVector v = FloatVector.fromArray(F, ut, q * V);
                x0 = a0.fma(x0, b0.mul(v));
                x1 = a1.fma(x1, b1.mul(v));
                x2 = a2.fma(x2, b2.mul(v));
                x3 = a3.fma(x3, b3.mul(v));
                FloatVector acc = c0.fma(x0, c1.fma(x1, FloatVector.fromArray(F, yt, q * V)));
                c2.fma(x2, c3.fma(x3, acc)).intoArray(yt, q * V);
            }
            x0.intoArray(st, j * V);
            x1.intoArray(st, (j + 1) * V);
            x2.intoArray(st, (j + 2) * V);
            x3.intoArray(st, (j + 3) * V);
        }
        for (; j < n; j++) {
            int p = j * 3 * V;
            FloatVector a0 = FloatVector.fromArray(F, par, p);
            FloatVector b0 = FloatVector.fromArray(F, par, p + V);
            FloatVector c0 = FloatVector.fromArray(F, par, p + 2 * V);
            FloatVector x0 = FloatVector.fromArray(F, st, j * V);
            for (int q = 0; q < kk; q++) {
                x0 = a0.fma(x0, b0.mul(FloatVector.fromArray(F, ut, q * V)));
                c0.fma(x0, FloatVector.fromArray(F, yt, q * V)).intoArray(yt, q * V);
            }
            x0.intoArray(st, j * V);
        }
    }
}
