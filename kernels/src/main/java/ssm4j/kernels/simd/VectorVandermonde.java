package ssm4j.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Log-Vandermonde kernels (SPEC 4.1), fp32, Vector API: the 2·Re form and the complex form (4.1a), the powers form
 * and the transpose (4.1b).
 *
 * <p>Method: {@link PowerTables} splits {@code l = k·C + m} and turns one channel into a complex matrix product of
 * an anchor table {@code A[k][n] = v_n q_n^{kC}} and a lane table {@code T[n][m] = q_n^m}, both from a power
 * recurrence in double rounded once to float. The 2·Re form needs only {@code Re(A·T) = Re A·Re T − Im A·Im T}:
 * 2 FMAs per term and lane, against 4 multiplies plus an add for a float recurrence {@code P ← P·q^VL}, and no
 * error grows along l (each term carries 2–3 float roundings whatever l is). Measured fp32 error: see
 * {@code VandermondeAccuracyTest}.
 *
 * <p>Loop shape: per chunk k, the C = 8·VL lanes (2·Re form) or 4·VL lanes × (re, im) (complex forms) are eight
 * accumulator vectors kept in registers over the whole pole loop; per pole two anchor values are broadcast and the
 * lane-table rows are read from L1 (8·N·C bytes: 16 KiB at N = 32, VL = 8). Each accumulator takes two dependent
 * FMAs per pole (8 cycles on Zen 3) while the 16 FMAs of a pole also take 8 cycles at two per cycle: eight
 * accumulators are the fewest that keep both FMA pipes busy, and with two broadcasts they fit 16 ymm registers.
 *
 * <p>The transpose runs the product the other way: per pole n, {@code W[m] = Σ_k u[kC+m]·q^{kC}} (real u times
 * complex anchors, 2 FMAs per lane), then {@code kT = v·Σ_m W[m]·T[n][m]} with one lane reduction per pole.
 *
 * <p>Tails: the last chunk is computed whole and stored only up to L (partial vectors through a scalar copy);
 * the transpose reads u through a zero-padded copy. Stateless; scratch from the caller's {@link Workspace}.
 */
final class VectorVandermonde {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int VL = F.length();
    /** Chunk length of the 2·Re form: 8 accumulator vectors. */
    static final int C_RE = 8 * VL;
    /** Chunk length of the complex forms and the transpose: 4 vectors × (re, im). */
    static final int C_CX = 4 * VL;

    private VectorVandermonde() {
    }

    private static int chunks(int l, int c) {
        return (l + c - 1) / c;
    }

    /** Float scratch needed per thread for length l and n poles. */
    static int scratch(int n, int l) {
        int c = C_RE;
        int k = chunks(l, C_CX);
        return 2 * n * c + 2 * k * n + k * C_CX;
    }

    /** (4.1a) 2·Re form for channels {@code [h0, h1)}: out real (H,L). */
    static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                     int outOff, Workspace ws) {
        int c = C_RE;
        int chunks = chunks(l, c);
        float[] s = ws.floats2(scratch(n, l));
        int aBase = 2 * n * c;
        double[] q = ws.bases(2 * n);
        double[] cur = ws.cur(2 * n);
        double[] step = ws.step(2 * n);
        float[] tail = ws.tailF;
        for (int h = h0; h < h1; h++) {
            PowerTables.bases(h, n, x, xOff, true, q);
            PowerTables.lanes(n, c, q, s, cur, step);
            PowerTables.anchors(h, n, chunks, v, vOff, step, s, aBase, cur);
            int row = outOff + h * l;
            for (int k = 0; k < chunks; k++) {
                FloatVector a0 = FloatVector.zero(F);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                FloatVector a4 = a0;
                FloatVector a5 = a0;
                FloatVector a6 = a0;
                FloatVector a7 = a0;
                int ak = aBase + 2 * k * n;
                for (int j = 0; j < n; j++) {
                    FloatVector ar = FloatVector.broadcast(F, s[ak + 2 * j]);
                    FloatVector ai = FloatVector.broadcast(F, -s[ak + 2 * j + 1]);
                    int tr = 2 * j * c;
                    int ti = tr + c;
                    // Re(A·T) = Re A·Re T − Im A·Im T (4.1a), two FMAs per lane
                    a0 = ai.fma(FloatVector.fromArray(F, s, ti), ar.fma(FloatVector.fromArray(F, s, tr), a0));
                    a1 = ai.fma(FloatVector.fromArray(F, s, ti + VL), ar.fma(FloatVector.fromArray(F, s, tr + VL), a1));
                    a2 = ai.fma(FloatVector.fromArray(F, s, ti + 2 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 2 * VL), a2));
                    a3 = ai.fma(FloatVector.fromArray(F, s, ti + 3 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 3 * VL), a3));
                    a4 = ai.fma(FloatVector.fromArray(F, s, ti + 4 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 4 * VL), a4));
                    a5 = ai.fma(FloatVector.fromArray(F, s, ti + 5 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 5 * VL), a5));
                    a6 = ai.fma(FloatVector.fromArray(F, s, ti + 6 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 6 * VL), a6));
                    a7 = ai.fma(FloatVector.fromArray(F, s, ti + 7 * VL),
                            ar.fma(FloatVector.fromArray(F, s, tr + 7 * VL), a7));
                }
                int l0 = k * c;
                storeReal(a0.add(a0), out, row, l0, l, tail);
                storeReal(a1.add(a1), out, row, l0 + VL, l, tail);
                storeReal(a2.add(a2), out, row, l0 + 2 * VL, l, tail);
                storeReal(a3.add(a3), out, row, l0 + 3 * VL, l, tail);
                storeReal(a4.add(a4), out, row, l0 + 4 * VL, l, tail);
                storeReal(a5.add(a5), out, row, l0 + 5 * VL, l, tail);
                storeReal(a6.add(a6), out, row, l0 + 6 * VL, l, tail);
                storeReal(a7.add(a7), out, row, l0 + 7 * VL, l, tail);
            }
        }
    }

    /** Stores lanes {@code [i, min(i + VL, l))} of a real row; nothing when {@code i ≥ l}. */
    private static void storeReal(FloatVector r, float[] out, int row, int i, int l, float[] tail) {
        if (i + VL <= l) {
            r.intoArray(out, row + i);
        } else if (i < l) {
            r.intoArray(tail, 0);
            System.arraycopy(tail, 0, out, row + i, l - i);
        }
    }

    /**
     * (4.1a) complex form for channels {@code [h0, h1)}: out complex (H,L). {@code logForm}: bases exp(x), else
     * the powers form with the bases given in {@code x}.
     */
    static void complex(int h0, int h1, int n, int l, float[] v, int vOff, float[] x, int xOff, boolean logForm,
                        float[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        float[] s = ws.floats2(scratch(n, l));
        int aBase = 2 * n * c;
        double[] q = ws.bases(2 * n);
        double[] cur = ws.cur(2 * n);
        double[] step = ws.step(2 * n);
        float[] tail = ws.tailF;
        for (int h = h0; h < h1; h++) {
            PowerTables.bases(h, n, x, xOff, logForm, q);
            PowerTables.lanes(n, c, q, s, cur, step);
            PowerTables.anchors(h, n, chunks, v, vOff, step, s, aBase, cur);
            int row = outOff + 2 * h * l;
            for (int k = 0; k < chunks; k++) {
                FloatVector r0 = FloatVector.zero(F);
                FloatVector r1 = r0;
                FloatVector r2 = r0;
                FloatVector r3 = r0;
                FloatVector i0 = r0;
                FloatVector i1 = r0;
                FloatVector i2 = r0;
                FloatVector i3 = r0;
                int ak = aBase + 2 * k * n;
                for (int j = 0; j < n; j++) {
                    float are = s[ak + 2 * j];
                    float aim = s[ak + 2 * j + 1];
                    FloatVector ar = FloatVector.broadcast(F, are);
                    FloatVector ai = FloatVector.broadcast(F, aim);
                    FloatVector nai = FloatVector.broadcast(F, -aim);
                    int tb = 2 * j * c;
                    // A·T = (Ar Tr − Ai Ti) + i (Ar Ti + Ai Tr)
                    FloatVector tr = FloatVector.fromArray(F, s, tb);
                    FloatVector ti = FloatVector.fromArray(F, s, tb + c);
                    r0 = nai.fma(ti, ar.fma(tr, r0));
                    i0 = ai.fma(tr, ar.fma(ti, i0));
                    tr = FloatVector.fromArray(F, s, tb + VL);
                    ti = FloatVector.fromArray(F, s, tb + c + VL);
                    r1 = nai.fma(ti, ar.fma(tr, r1));
                    i1 = ai.fma(tr, ar.fma(ti, i1));
                    tr = FloatVector.fromArray(F, s, tb + 2 * VL);
                    ti = FloatVector.fromArray(F, s, tb + c + 2 * VL);
                    r2 = nai.fma(ti, ar.fma(tr, r2));
                    i2 = ai.fma(tr, ar.fma(ti, i2));
                    tr = FloatVector.fromArray(F, s, tb + 3 * VL);
                    ti = FloatVector.fromArray(F, s, tb + c + 3 * VL);
                    r3 = nai.fma(ti, ar.fma(tr, r3));
                    i3 = ai.fma(tr, ar.fma(ti, i3));
                }
                int l0 = k * c;
                storeComplex(r0, i0, out, row, l0, l, tail);
                storeComplex(r1, i1, out, row, l0 + VL, l, tail);
                storeComplex(r2, i2, out, row, l0 + 2 * VL, l, tail);
                storeComplex(r3, i3, out, row, l0 + 3 * VL, l, tail);
            }
        }
    }

    private static void storeComplex(FloatVector re, FloatVector im, float[] out, int row, int i, int l,
                                     float[] tail) {
        if (i < l) {
            Interleave.store(re, im, out, row + 2 * i, Math.min(VL, l - i), tail);
        }
    }

    /** (4.1b) transpose for channels {@code [h0, h1)}: out complex (H,N). */
    static void transpose(int h0, int h1, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                          int xOff, float[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        float[] s = ws.floats2(scratch(n, l));
        int aBase = 2 * n * c;
        int uBase = aBase + 2 * chunks * n;
        double[] q = ws.bases(2 * n);
        double[] cur = ws.cur(2 * n);
        double[] step = ws.step(2 * n);
        for (int h = h0; h < h1; h++) {
            PowerTables.bases(h, n, x, xOff, true, q);
            PowerTables.lanes(n, c, q, s, cur, step);
            PowerTables.anchors(h, n, chunks, null, 0, step, s, aBase, cur);
            System.arraycopy(u, uOff + h * l, s, uBase, l);
            java.util.Arrays.fill(s, uBase + l, uBase + chunks * c, 0f);
            for (int j = 0; j < n; j++) {
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
                    FloatVector ar = FloatVector.broadcast(F, s[aBase + 2 * (k * n + j)]);
                    FloatVector ai = FloatVector.broadcast(F, s[aBase + 2 * (k * n + j) + 1]);
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
                double pr = sr.reduceLanes(VectorOperators.ADD);
                double pi = si.reduceLanes(VectorOperators.ADD);
                int e = 2 * (h * n + j);
                double vr = v[vOff + e];
                double vi = v[vOff + e + 1];
                out[outOff + e] = (float) (vr * pr - vi * pi);
                out[outOff + e + 1] = (float) (vr * pi + vi * pr);
            }
        }
    }
}
