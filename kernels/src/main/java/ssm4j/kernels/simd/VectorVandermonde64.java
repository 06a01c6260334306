package ssm4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Log-Vandermonde kernels (SPEC 4.1), fp64, Vector API: the method and loops of {@link VectorVandermonde} (the
 * two-level power tables of {@link PowerTables}, here kept in double, eight accumulator vectors per chunk) on
 * {@code DoubleVector}; see there for the reasoning. Stateless; scratch from the caller's {@link Workspace}.
 */
final class VectorVandermonde64 {
    private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = F.length();
    /** Chunk length of the 2·Re form: 8 accumulator vectors. */
    static final int C_RE = 8 * VL;
    /** Chunk length of the complex forms and the transpose: 4 vectors × (re, im). */
    static final int C_CX = 4 * VL;

    private VectorVandermonde64() {
    }

    private static int chunks(int l, int c) {
        return (l + c - 1) / c;
    }

    /** Double scratch needed per thread for length l and n poles. */
    static int scratch(int n, int l) {
        int c = C_RE;
        int k = chunks(l, C_CX);
        return 2 * n * c + 2 * k * n + k * C_CX;
    }

    /** (4.1a) 2·Re form for channels {@code [h0, h1)}: out real (H,L). */
    static void conj(int h0, int h1, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                     int outOff, Workspace ws) {
        int c = C_RE;
        int chunks = chunks(l, c);
        double[] s = ws.doubles2(scratch(n, l));
        int aBase = 2 * n * c;
        double[] q = ws.bases(2 * n);
        double[] cur = ws.cur(2 * n);
        double[] step = ws.step(2 * n);
        double[] tail = ws.tailD;
        for (int h = h0; h < h1; h++) {
            PowerTables.bases(h, n, x, xOff, true, q);
            PowerTables.lanes(n, c, q, s, cur, step);
            PowerTables.anchors(h, n, chunks, v, vOff, step, s, aBase, cur);
            int row = outOff + h * l;
            for (int k = 0; k < chunks; k++) {
                DoubleVector a0 = DoubleVector.zero(F);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                DoubleVector a4 = a0;
                DoubleVector a5 = a0;
                DoubleVector a6 = a0;
                DoubleVector a7 = a0;
                int ak = aBase + 2 * k * n;
                for (int j = 0; j < n; j++) {
                    DoubleVector ar = DoubleVector.broadcast(F, s[ak + 2 * j]);
                    DoubleVector ai = DoubleVector.broadcast(F, -s[ak + 2 * j + 1]);
                    int tr = 2 * j * c;
                    int ti = tr + c;
                    // Re(A·T) = Re A·Re T − Im A·Im T (4.1a), two FMAs per lane
                    a0 = ai.fma(DoubleVector.fromArray(F, s, ti), ar.fma(DoubleVector.fromArray(F, s, tr), a0));
                    a1 = ai.fma(DoubleVector.fromArray(F, s, ti + VL), ar.fma(DoubleVector.fromArray(F, s, tr + VL), a1));
                    a2 = ai.fma(DoubleVector.fromArray(F, s, ti + 2 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 2 * VL), a2));
                    a3 = ai.fma(DoubleVector.fromArray(F, s, ti + 3 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 3 * VL), a3));
                    a4 = ai.fma(DoubleVector.fromArray(F, s, ti + 4 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 4 * VL), a4));
                    a5 = ai.fma(DoubleVector.fromArray(F, s, ti + 5 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 5 * VL), a5));
                    a6 = ai.fma(DoubleVector.fromArray(F, s, ti + 6 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 6 * VL), a6));
                    a7 = ai.fma(DoubleVector.fromArray(F, s, ti + 7 * VL),
                            ar.fma(DoubleVector.fromArray(F, s, tr + 7 * VL), a7));
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
    private static void storeReal(DoubleVector r, double[] out, int row, int i, int l, double[] tail) {
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
    static void complex(int h0, int h1, int n, int l, double[] v, int vOff, double[] x, int xOff, boolean logForm,
                        double[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        double[] s = ws.doubles2(scratch(n, l));
        int aBase = 2 * n * c;
        double[] q = ws.bases(2 * n);
        double[] cur = ws.cur(2 * n);
        double[] step = ws.step(2 * n);
        double[] tail = ws.tailD;
        for (int h = h0; h < h1; h++) {
            PowerTables.bases(h, n, x, xOff, logForm, q);
            PowerTables.lanes(n, c, q, s, cur, step);
            PowerTables.anchors(h, n, chunks, v, vOff, step, s, aBase, cur);
            int row = outOff + 2 * h * l;
            for (int k = 0; k < chunks; k++) {
                DoubleVector r0 = DoubleVector.zero(F);
                DoubleVector r1 = r0;
                DoubleVector r2 = r0;
                DoubleVector r3 = r0;
                DoubleVector i0 = r0;
                DoubleVector i1 = r0;
                DoubleVector i2 = r0;
                DoubleVector i3 = r0;
                int ak = aBase + 2 * k * n;
                for (int j = 0; j < n; j++) {
                    double are = s[ak + 2 * j];
                    double aim = s[ak + 2 * j + 1];
                    DoubleVector ar = DoubleVector.broadcast(F, are);
                    DoubleVector ai = DoubleVector.broadcast(F, aim);
                    DoubleVector nai = DoubleVector.broadcast(F, -aim);
                    int tb = 2 * j * c;
                    // A·T = (Ar Tr − Ai Ti) + i (Ar Ti + Ai Tr)
                    DoubleVector tr = DoubleVector.fromArray(F, s, tb);
                    DoubleVector ti = DoubleVector.fromArray(F, s, tb + c);
                    r0 = nai.fma(ti, ar.fma(tr, r0));
                    i0 = ai.fma(tr, ar.fma(ti, i0));
                    tr = DoubleVector.fromArray(F, s, tb + VL);
                    ti = DoubleVector.fromArray(F, s, tb + c + VL);
                    r1 = nai.fma(ti, ar.fma(tr, r1));
                    i1 = ai.fma(tr, ar.fma(ti, i1));
                    tr = DoubleVector.fromArray(F, s, tb + 2 * VL);
                    ti = DoubleVector.fromArray(F, s, tb + c + 2 * VL);
                    r2 = nai.fma(ti, ar.fma(tr, r2));
                    i2 = ai.fma(tr, ar.fma(ti, i2));
                    tr = DoubleVector.fromArray(F, s, tb + 3 * VL);
                    ti = DoubleVector.fromArray(F, s, tb + c + 3 * VL);
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

    private static void storeComplex(DoubleVector re, DoubleVector im, double[] out, int row, int i, int l,
                                     double[] tail) {
        if (i < l) {
            Interleave.store(re, im, out, row + 2 * i, Math.min(VL, l - i), tail);
        }
    }

    /** (4.1b) transpose for channels {@code [h0, h1)}: out complex (H,N). */
    static void transpose(int h0, int h1, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                          int xOff, double[] out, int outOff, Workspace ws) {
        int c = C_CX;
        int chunks = chunks(l, c);
        double[] s = ws.doubles2(scratch(n, l));
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
            java.util.Arrays.fill(s, uBase + l, uBase + chunks * c, 0.0);
            for (int j = 0; j < n; j++) {
                DoubleVector wr0 = DoubleVector.zero(F);
                DoubleVector wr1 = wr0;
                DoubleVector wr2 = wr0;
                DoubleVector wr3 = wr0;
                DoubleVector wi0 = wr0;
                DoubleVector wi1 = wr0;
                DoubleVector wi2 = wr0;
                DoubleVector wi3 = wr0;
                for (int k = 0; k < chunks; k++) {
                    // W[m] = Σ_k u[kC+m]·q^{kC}: real times complex, 2 FMAs per lane
                    DoubleVector ar = DoubleVector.broadcast(F, s[aBase + 2 * (k * n + j)]);
                    DoubleVector ai = DoubleVector.broadcast(F, s[aBase + 2 * (k * n + j) + 1]);
                    int ub = uBase + k * c;
                    DoubleVector u0 = DoubleVector.fromArray(F, s, ub);
                    DoubleVector u1 = DoubleVector.fromArray(F, s, ub + VL);
                    DoubleVector u2 = DoubleVector.fromArray(F, s, ub + 2 * VL);
                    DoubleVector u3 = DoubleVector.fromArray(F, s, ub + 3 * VL);
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
                DoubleVector sr = DoubleVector.zero(F);
                DoubleVector si = sr;
                DoubleVector tr = DoubleVector.fromArray(F, s, tb);
                DoubleVector ti = DoubleVector.fromArray(F, s, tb + c);
                sr = wr0.fma(tr, wi0.neg().fma(ti, sr));
                si = wr0.fma(ti, wi0.fma(tr, si));
                tr = DoubleVector.fromArray(F, s, tb + VL);
                ti = DoubleVector.fromArray(F, s, tb + c + VL);
                sr = wr1.fma(tr, wi1.neg().fma(ti, sr));
                si = wr1.fma(ti, wi1.fma(tr, si));
                tr = DoubleVector.fromArray(F, s, tb + 2 * VL);
                ti = DoubleVector.fromArray(F, s, tb + c + 2 * VL);
                sr = wr2.fma(tr, wi2.neg().fma(ti, sr));
                si = wr2.fma(ti, wi2.fma(tr, si));
                tr = DoubleVector.fromArray(F, s, tb + 3 * VL);
                ti = DoubleVector.fromArray(F, s, tb + c + 3 * VL);
                sr = wr3.fma(tr, wi3.neg().fma(ti, sr));
                si = wr3.fma(ti, wi3.fma(tr, si));
                double pr = sr.reduceLanes(VectorOperators.ADD);
                double pi = si.reduceLanes(VectorOperators.ADD);
                int e = 2 * (h * n + j);
                double vr = v[vOff + e];
                double vi = v[vOff + e + 1];
                out[outOff + e] = (vr * pr - vi * pi);
                out[outOff + e + 1] = (vr * pi + vi * pr);
            }
        }
    }
}
