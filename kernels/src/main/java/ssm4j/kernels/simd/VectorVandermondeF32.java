package ssm4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.FixedSum;
import ssm4j.api.simd.Species;

/**
 * Log-Vandermonde kernels (SPEC 4.1), fp32, Vector API: the 2·Re form and the complex form (4.1a), the powers form
 * and the transpose (4.1b).
 *
 * <p>Method: {@link PowerTables} splits {@code l = k·C + m} and turns one channel into a complex matrix product of
 * an anchor table {@code A[k][n] = v_n q_n^{kC}} and a lane table {@code T[n][m] = q_n^m}, both built in double
 * and rounded once to float. The 2·Re form needs only {@code Re(A·T) = Re A·Re T − Im A·Im T}: one multiply and
 * one FMA per term and lane (plus an add on the separate FP-add pipes), against 4 multiplies plus an add for a
 * float recurrence {@code P ← P·q^VL}; and no error grows along l, each term carries 2–3 float roundings whatever
 * l is (measured in {@code VandermondeAccuracyTest}).
 *
 * <p>Loop shape: per chunk k, C = 8·VL lanes (2·Re form) or 4·VL lanes × (re, im) (complex forms) are eight
 * accumulator vectors kept in registers over the whole pole loop; per pole two anchor values are broadcast and the
 * lane-table rows are read from L1 (8·N·C bytes: 16 KiB at N = 32, VL = 8). Each pole's product
 * {@code fma(−Im A, Im T, Re A·Re T)} is independent of the accumulator, and only one add per pole chains
 * through it (3–4 cycles, below the 8 cycles the 16 multiply/FMA ops of a pole take on two FMA pipes). Eight
 * accumulators plus two broadcasts and two temporaries fit the 16 ymm registers of AVX2.
 *
 * <p>The transpose runs the product the other way: per pole n, {@code W[m] = Σ_k u[kC+m]·q^{kC}} (real u times
 * complex anchors, 2 FMAs per lane), then {@code kT = v·Σ_m W[m]·T[n][m]} with one lane reduction per pole.
 *
 * <p>Tails: the last chunk is computed whole into scratch and copied only up to L;
 * the transpose reads u through a zero-padded copy. Stateless; scratch from the caller's {@link Workspace}.
 */
final class VectorVandermondeF32 {
    private static final VectorSpecies<Float> F = Species.F;
    private static final int VL = F.length();
    /** Chunk length of the 2·Re form: 8 accumulator vectors. */
    static final int C_RE = 8 * VL;
    /** Chunk length of the complex forms and the transpose: 4 vectors × (re, im). */
    static final int C_CX = 4 * VL;

    private VectorVandermondeF32() {
    }

    private static int chunks(int l, int c) {
        return (l + c - 1) / c;
    }

    /**
     * Builds the tables of channel h in {@code s}: lane table at 0 (2·N·C), anchor table at the returned offset
     * (2·K·Np, planar per chunk, see {@link PowerTables}); {@code v} null gives anchors without the numerators.
     */
    private static int tables(int h, int n, int c, int chunks, float[] v, int vOff, float[] x, int xOff,
                              boolean logForm, float[] s, Workspace ws) {
        int np = PowerTables.padPoles(n);
        double[] q = ws.bases(2 * n);
        double[] step = ws.step(2 * n);
        double[] ad = ws.anchor(2 * chunks * np);
        PowerTables.bases(h, n, x, xOff, logForm, q);
        PowerTables.lanes(n, c, q, s, ws.lane(2 * c), step);
        //@F64 PowerTables.anchors(h, n, chunks, v, vOff, null, step, ad, 0, ws.cur(4 * np));
        PowerTables.anchors(h, n, chunks, null, vOff, v, step, ad, 0, ws.cur(4 * np));
        int aBase = 2 * n * c;
        //@F64 System.arraycopy(ad, 0, s, aBase, 2 * chunks * np);
        PowerTables.toFloats(ad, 2 * chunks * np, s, aBase);
        return aBase;
    }

    /** Offset of the per-chunk output scratch (2·C_RE) in the thread's float scratch. */
    private static int chunkScratch(int n, int l) {
        int k = chunks(l, C_CX);
        return 2 * n * C_RE + 2 * k * PowerTables.padPoles(n) + k * C_CX;
    }

    /** Float scratch needed per thread for length l and n poles (tables for any form, padded u). */
    private static float[] scratch(int n, int l, Workspace ws) {
        int k = chunks(l, C_CX);
        return ws.floats2(chunkScratch(n, l) + 2 * C_RE);
    }

    /** (4.1a) 2·Re form for channels {@code [h0, h1)}: out real (H,L). */
    static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                     int outOff, Workspace ws) {
        int c = C_RE;
        int chunks = chunks(l, c);
        int np = PowerTables.padPoles(n);
        float[] s = scratch(n, l, ws);
        int sc = chunkScratch(n, l);
        for (int h = h0; h < h1; h++) {
            int aBase = tables(h, n, c, chunks, v, vOff, x, xOff, true, s, ws);
            int row = outOff + h * l;
            for (int k = 0; k < chunks; k++) {
                int l0 = k * c;
                int ak = aBase + 2 * k * np;
                if (l0 + c <= l) {
                    reChunk(s, ak, np, n, c, out, row + l0);
                } else {                                    // last chunk: through scratch, keep lanes < L
                    reChunk(s, ak, np, n, c, s, sc);
                    System.arraycopy(s, sc, out, row + l0, l - l0);
                }
            }
        }
    }

    /**
     * One chunk of the 2·Re form: {@code dst[dOff + m] = 2·Re Σ_n A[k][n]·T[n][m]}, m &lt; C, with the anchors of
     * chunk k at {@code ak}. A method of its own so that C2 compiles it whole (vectors never cross a call).
     */
    private static void reChunk(float[] s, int ak, int np, int n, int c, float[] dst, int dOff) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int j = 0; j < n; j++) {
            FloatVector ar = FloatVector.broadcast(F, s[ak + j]);
            FloatVector nai = FloatVector.broadcast(F, -s[ak + np + j]);
            int tr = 2 * j * c;
            int ti = tr + c;
            // Re(A·T) = Re A·Re T − Im A·Im T (4.1a)
            a0 = a0.add(nai.fma(FloatVector.fromArray(F, s, ti), ar.mul(FloatVector.fromArray(F, s, tr))));
            a1 = a1.add(nai.fma(FloatVector.fromArray(F, s, ti + VL), ar.mul(FloatVector.fromArray(F, s, tr + VL))));
            a2 = a2.add(nai.fma(FloatVector.fromArray(F, s, ti + 2 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 2 * VL))));
            a3 = a3.add(nai.fma(FloatVector.fromArray(F, s, ti + 3 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 3 * VL))));
            a4 = a4.add(nai.fma(FloatVector.fromArray(F, s, ti + 4 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 4 * VL))));
            a5 = a5.add(nai.fma(FloatVector.fromArray(F, s, ti + 5 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 5 * VL))));
            a6 = a6.add(nai.fma(FloatVector.fromArray(F, s, ti + 6 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 6 * VL))));
            a7 = a7.add(nai.fma(FloatVector.fromArray(F, s, ti + 7 * VL),
                    ar.mul(FloatVector.fromArray(F, s, tr + 7 * VL))));
        }
        a0.add(a0).intoArray(dst, dOff);
        a1.add(a1).intoArray(dst, dOff + VL);
        a2.add(a2).intoArray(dst, dOff + 2 * VL);
        a3.add(a3).intoArray(dst, dOff + 3 * VL);
        a4.add(a4).intoArray(dst, dOff + 4 * VL);
        a5.add(a5).intoArray(dst, dOff + 5 * VL);
        a6.add(a6).intoArray(dst, dOff + 6 * VL);
        a7.add(a7).intoArray(dst, dOff + 7 * VL);
    }

    /**
     * (4.1a) complex form for channels {@code [h0, h1)}: out complex (H,L). {@code logForm}: bases exp(x), else
     * the powers form with the bases given in {@code x}.
     */
    static void complex(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, boolean logForm,
                        float[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        int np = PowerTables.padPoles(n);
        float[] s = scratch(n, l, ws);
        int sc = chunkScratch(n, l);
        for (int h = h0; h < h1; h++) {
            int aBase = tables(h, n, c, chunks, v, vOff, x, xOff, logForm, s, ws);
            int row = outOff + 2 * h * l;
            for (int k = 0; k < chunks; k++) {
                int l0 = k * c;
                cxChunk(s, aBase + 2 * k * np, np, n, c, sc);
                Interleave.storeRow(s, sc, sc + c, Math.min(c, l - l0), out, row + 2 * l0);
            }
        }
    }

    /**
     * One chunk of the complex forms: {@code Σ_n A[k][n]·T[n][m]}, m &lt; C, real parts to {@code s[sc + m]},
     * imaginary parts to {@code s[sc + C + m]} (planar; interleaved by the caller).
     */
    private static void cxChunk(float[] s, int ak, int np, int n, int c, int sc) {
        FloatVector r0 = FloatVector.zero(F);
        FloatVector r1 = r0;
        FloatVector r2 = r0;
        FloatVector r3 = r0;
        FloatVector i0 = r0;
        FloatVector i1 = r0;
        FloatVector i2 = r0;
        FloatVector i3 = r0;
        for (int j = 0; j < n; j++) {
            float aim = s[ak + np + j];
            FloatVector ar = FloatVector.broadcast(F, s[ak + j]);
            FloatVector ai = FloatVector.broadcast(F, aim);
            FloatVector nai = FloatVector.broadcast(F, -aim);
            int tb = 2 * j * c;
            // A·T = (Ar Tr − Ai Ti) + i (Ar Ti + Ai Tr)
            FloatVector tr = FloatVector.fromArray(F, s, tb);
            FloatVector ti = FloatVector.fromArray(F, s, tb + c);
            r0 = r0.add(nai.fma(ti, ar.mul(tr)));
            i0 = i0.add(ai.fma(tr, ar.mul(ti)));
            tr = FloatVector.fromArray(F, s, tb + VL);
            ti = FloatVector.fromArray(F, s, tb + c + VL);
            r1 = r1.add(nai.fma(ti, ar.mul(tr)));
            i1 = i1.add(ai.fma(tr, ar.mul(ti)));
            tr = FloatVector.fromArray(F, s, tb + 2 * VL);
            ti = FloatVector.fromArray(F, s, tb + c + 2 * VL);
            r2 = r2.add(nai.fma(ti, ar.mul(tr)));
            i2 = i2.add(ai.fma(tr, ar.mul(ti)));
            tr = FloatVector.fromArray(F, s, tb + 3 * VL);
            ti = FloatVector.fromArray(F, s, tb + c + 3 * VL);
            r3 = r3.add(nai.fma(ti, ar.mul(tr)));
            i3 = i3.add(ai.fma(tr, ar.mul(ti)));
        }
        r0.intoArray(s, sc);
        r1.intoArray(s, sc + VL);
        r2.intoArray(s, sc + 2 * VL);
        r3.intoArray(s, sc + 3 * VL);
        i0.intoArray(s, sc + c);
        i1.intoArray(s, sc + c + VL);
        i2.intoArray(s, sc + c + 2 * VL);
        i3.intoArray(s, sc + c + 3 * VL);
    }

    /** (4.1b) transpose for channels {@code [h0, h1)}: out complex (H,N). */
    static void transpose(int h0, int h1, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                          int xOff, float[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        int np = PowerTables.padPoles(n);
        float[] s = scratch(n, l, ws);
        int uBase = 2 * n * c + 2 * chunks * np;
        double[] pair = ws.pair;
        for (int h = h0; h < h1; h++) {
            int aBase = tables(h, n, c, chunks, null, 0, x, xOff, true, s, ws);
            System.arraycopy(u, uOff + h * l, s, uBase, l);
            java.util.Arrays.fill(s, uBase + l, uBase + chunks * c, 0f);
            for (int j = 0; j < n; j++) {
                transposePole(s, aBase, np, j, c, chunks, uBase, pair);
                double pr = pair[0];
                double pi = pair[1];
                int e = 2 * (h * n + j);
                double vr = v[vOff + e];
                double vi = v[vOff + e + 1];
                out[outOff + e] = (float) (vr * pr - vi * pi);
                out[outOff + e + 1] = (float) (vr * pi + vi * pr);
            }
        }
    }

    /**
     * One pole of the transpose: {@code res = Σ_m W[m]·T[j][m]} with {@code W[m] = Σ_k u[kC+m]·q^{kC}} (without
     * the factor v). A method of its own so that C2 compiles it whole.
     */
    private static void transposePole(float[] s, int aBase, int np, int j, int c, int chunks, int uBase,
                                      double[] res) {
        FloatVector wr0 = FloatVector.zero(F);
        FloatVector wr1 = wr0;
        FloatVector wr2 = wr0;
        FloatVector wr3 = wr0;
        FloatVector wi0 = wr0;
        FloatVector wi1 = wr0;
        FloatVector wi2 = wr0;
        FloatVector wi3 = wr0;
        for (int k = 0; k < chunks; k++) {
            // W[m] = Σ_k u[kC+m]·q^{kC}: real times complex, 2 FMAs per lane
            int ak = aBase + 2 * k * np;
            FloatVector ar = FloatVector.broadcast(F, s[ak + j]);
            FloatVector ai = FloatVector.broadcast(F, s[ak + np + j]);
            int ub = uBase + k * c;
            FloatVector u0 = FloatVector.fromArray(F, s, ub);
            FloatVector u1 = FloatVector.fromArray(F, s, ub + VL);
            FloatVector u2 = FloatVector.fromArray(F, s, ub + 2 * VL);
            FloatVector u3 = FloatVector.fromArray(F, s, ub + 3 * VL);
            wr0 = u0.fma(ar, wr0);
            wi0 = u0.fma(ai, wi0);
            wr1 = u1.fma(ar, wr1);
            wi1 = u1.fma(ai, wi1);
            wr2 = u2.fma(ar, wr2);
            wi2 = u2.fma(ai, wi2);
            wr3 = u3.fma(ar, wr3);
            wi3 = u3.fma(ai, wi3);
        }
        // S = Σ_m W[m]·T[j][m]
        int tb = 2 * j * c;
        FloatVector sr = FloatVector.zero(F);
        FloatVector si = sr;
        FloatVector tr = FloatVector.fromArray(F, s, tb);
        FloatVector ti = FloatVector.fromArray(F, s, tb + c);
        sr = wr0.fma(tr, wi0.neg().fma(ti, sr));
        si = wr0.fma(ti, wi0.fma(tr, si));
        tr = FloatVector.fromArray(F, s, tb + VL);
        ti = FloatVector.fromArray(F, s, tb + c + VL);
        sr = wr1.fma(tr, wi1.neg().fma(ti, sr));
        si = wr1.fma(ti, wi1.fma(tr, si));
        tr = FloatVector.fromArray(F, s, tb + 2 * VL);
        ti = FloatVector.fromArray(F, s, tb + c + 2 * VL);
        sr = wr2.fma(tr, wi2.neg().fma(ti, sr));
        si = wr2.fma(ti, wi2.fma(tr, si));
        tr = FloatVector.fromArray(F, s, tb + 3 * VL);
        ti = FloatVector.fromArray(F, s, tb + c + 3 * VL);
        sr = wr3.fma(tr, wi3.neg().fma(ti, sr));
        si = wr3.fma(ti, wi3.fma(tr, si));
        res[0] = FixedSum.sum(sr);
        res[1] = FixedSum.sum(si);
    }
}
