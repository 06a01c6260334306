package ssm4j.kernels.simd;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

/**
 * Cauchy kernels (SPEC 3.1), fp32, Vector API: plain (3.1a) and conjugate-pair (3.1b).
 *
 * <p>Loop shape (the one of {@code anchors/cauchy_sol.c}): vectorised over l (a vector holds VL consecutive
 * evaluation points, read from planar z tables), pole constants read as whole pre-broadcast vectors from a
 * per-channel table (one plain load each), partial sums kept in
 * registers across the whole pole loop and stored once. The number of output vectors in flight per pole, U, is
 * chosen from the vector width: U = 1 on 256-bit machines (16 ymm registers: U = 2 needs 8 z registers, 4
 * accumulators and 4 pole constants before any temporary, and C2's schedule then spills, the 1.21× of the
 * anchors README), U = 2 with 512-bit vectors (32 zmm registers). The pole loop itself gives the out-of-order core
 * independent work: a pole's terms depend on each other, but only the two accumulators carry over to the next
 * pole, one FMA each, far below the ~7 cycles a pole takes.
 *
 * <p>Conjugate pairs use one denominator (SPEC 3.1b, second form): {@code v/(z−w) + v̄/(z−w̄) = (a·z + b) /
 * (z² + p·z + q)} with {@code a = 2·Re v}, {@code b = −2·Re(v·w̄)}, {@code p = −2·Re w}, {@code q = |w|²}; the
 * quotient is {@code num·conj(den)/|den|²}: 10 multiplies/FMAs, 1 add and 1 division per pair and lane, half the
 * divisions of the two-term form. Pair constants and z² are formed in double and rounded once.
 *
 * <p>Tails: the z planes are padded to whole vectors with finite values; the padded lanes compute sums that land
 * in the planar row buffer and are never copied out ({@link Interleave#storeRow} stops at L). Stateless; scratch
 * comes from the caller's {@link Workspace}.
 */
final class VectorCauchyF32 {
    private static final VectorSpecies<Float> F = Species.F;
    private static final int VL = F.length();
    /** Output vectors in flight per pole: see the class comment. */
    static final int UNROLL = Integer.getInteger("ssm4j.cauchy.unroll", Species.BITS >= 512 ? 2 : 1);

    private VectorCauchyF32() {
    }

    /** Length of one z plane: {@code l} rounded up to whole vectors of {@code UNROLL·VL} lanes. */
    static int padded(int l) {
        int step = UNROLL * VL;
        return (l + step - 1) / step * step;
    }

    /**
     * Splits interleaved z (L complex) into planes {@code zp[0,P)} = Re z, {@code [P,2P)} = Im z and, when
     * {@code squares}, {@code [2P,3P)} = Re z², {@code [3P,4P)} = Im z², with P = {@link #padded}(l); padding lanes
     * repeat the last point.
     */
    static void splitZ(int l, float[] z, int zOff, float[] zp, boolean squares) {
        int p = padded(l);
        for (int i = 0; i < p; i++) {
            int s = zOff + 2 * Math.min(i, l - 1);
            double re = z[s];
            double im = z[s + 1];
            zp[i] = (float) re;
            zp[p + i] = (float) im;
            if (squares) {
                zp[2 * p + i] = (float) (re * re - im * im);
                zp[3 * p + i] = (float) (2 * re * im);
            }
        }
    }

    /** (3.1b) for channels {@code [h0, h1)}; {@code zp} from {@link #splitZ} with squares. */
    static void conj(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] zp,
                     float[] out, int outOff, Workspace ws) {
        float[] c = ws.floats2(4 * n * VL);
        int p = padded(l);
        float[] acc = ws.floats3(2 * p);
        for (int h = h0; h < h1; h++) {
            for (int j = 0; j < n; j++) {
                int e = 2 * (h * n + j);
                double vr = v[vOff + e];
                double vi = v[vOff + e + 1];
                double wr = w[wOff + e];
                double wi = w[wOff + e + 1];
                // pre-broadcast: each constant fills a whole vector, so the pole loop reads it with one plain
                // vector load (a broadcast from a scalar costs C2 a load plus a shuffle)
                Arrays.fill(c, 4 * j * VL, (4 * j + 1) * VL, (float) (2 * vr));                    // a = 2 Re v
                Arrays.fill(c, (4 * j + 1) * VL, (4 * j + 2) * VL, (float) (-2 * (vr * wr + vi * wi))); // b
                Arrays.fill(c, (4 * j + 2) * VL, (4 * j + 3) * VL, (float) (-2 * wr));             // p = −2 Re w
                Arrays.fill(c, (4 * j + 3) * VL, (4 * j + 4) * VL, (float) (wr * wr + wi * wi));    // q = |w|²
            }
            if (UNROLL == 2) {
                conjRowU2(n, p, c, zp, acc);
            } else {
                conjRowU1(n, p, c, zp, acc);
            }
            Interleave.storeRow(acc, 0, p, l, out, outOff + 2 * h * l);
        }
    }

    // The row loops write their sums as planes into acc (plain vector stores) and the caller interleaves the row
    // afterwards. Interleaving inside the loop (two shuffles and a partial-vector path per output vector) made the
    // U = 2 body too big for C2 at 512 bits: the second Interleave.store call was not inlined
    // (NodeCountInliningCutoff), so sr1/si1 were boxed on every pole, 93 MB per W1 call (issue 14).

    private static void conjRowU1(int n, int p, float[] c, float[] zp, float[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < p; i += VL) {
            FloatVector zr = FloatVector.fromArray(F, zp, i);
            FloatVector zi = FloatVector.fromArray(F, zp, p + i);
            FloatVector z2r = FloatVector.fromArray(F, zp, 2 * p + i);
            FloatVector z2i = FloatVector.fromArray(F, zp, 3 * p + i);
            FloatVector sr = FloatVector.zero(F);
            FloatVector si = FloatVector.zero(F);
            for (int j = 0; j < 4 * n * VL; j += 4 * VL) {
                FloatVector a = FloatVector.fromArray(F, c, j);
                FloatVector b = FloatVector.fromArray(F, c, j + VL);
                FloatVector pp = FloatVector.fromArray(F, c, j + 2 * VL);
                FloatVector q = FloatVector.fromArray(F, c, j + 3 * VL);
                FloatVector nr = a.fma(zr, b);                 // num = a z + b
                FloatVector ni = a.mul(zi);
                FloatVector dr = pp.fma(zr, z2r).add(q);       // den = z² + p z + q
                FloatVector di = pp.fma(zi, z2i);
                FloatVector inv = one.div(dr.fma(dr, di.mul(di)));
                FloatVector tr = nr.fma(dr, ni.mul(di));       // num · conj(den)
                FloatVector ti = ni.mul(dr).sub(nr.mul(di));
                sr = tr.fma(inv, sr);
                si = ti.fma(inv, si);
            }
            sr.intoArray(acc, i);
            si.intoArray(acc, p + i);
        }
    }

    private static void conjRowU2(int n, int p, float[] c, float[] zp, float[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < p; i += 2 * VL) {
            FloatVector zr0 = FloatVector.fromArray(F, zp, i);
            FloatVector zi0 = FloatVector.fromArray(F, zp, p + i);
            FloatVector z2r0 = FloatVector.fromArray(F, zp, 2 * p + i);
            FloatVector z2i0 = FloatVector.fromArray(F, zp, 3 * p + i);
            FloatVector zr1 = FloatVector.fromArray(F, zp, i + VL);
            FloatVector zi1 = FloatVector.fromArray(F, zp, p + i + VL);
            FloatVector z2r1 = FloatVector.fromArray(F, zp, 2 * p + i + VL);
            FloatVector z2i1 = FloatVector.fromArray(F, zp, 3 * p + i + VL);
            FloatVector sr0 = FloatVector.zero(F);
            FloatVector si0 = FloatVector.zero(F);
            FloatVector sr1 = FloatVector.zero(F);
            FloatVector si1 = FloatVector.zero(F);
            for (int j = 0; j < 4 * n * VL; j += 4 * VL) {
                FloatVector a = FloatVector.fromArray(F, c, j);
                FloatVector b = FloatVector.fromArray(F, c, j + VL);
                FloatVector pp = FloatVector.fromArray(F, c, j + 2 * VL);
                FloatVector q = FloatVector.fromArray(F, c, j + 3 * VL);
                FloatVector nr = a.fma(zr0, b);
                FloatVector ni = a.mul(zi0);
                FloatVector dr = pp.fma(zr0, z2r0).add(q);
                FloatVector di = pp.fma(zi0, z2i0);
                FloatVector inv = one.div(dr.fma(dr, di.mul(di)));
                sr0 = nr.fma(dr, ni.mul(di)).fma(inv, sr0);
                si0 = ni.mul(dr).sub(nr.mul(di)).fma(inv, si0);
                nr = a.fma(zr1, b);
                ni = a.mul(zi1);
                dr = pp.fma(zr1, z2r1).add(q);
                di = pp.fma(zi1, z2i1);
                inv = one.div(dr.fma(dr, di.mul(di)));
                sr1 = nr.fma(dr, ni.mul(di)).fma(inv, sr1);
                si1 = ni.mul(dr).sub(nr.mul(di)).fma(inv, si1);
            }
            sr0.intoArray(acc, i);
            si0.intoArray(acc, p + i);
            sr1.intoArray(acc, i + VL);
            si1.intoArray(acc, p + i + VL);
        }
    }

    /** (3.1a) for channels {@code [h0, h1)}; {@code zp} from {@link #splitZ} (squares not needed). */
    static void plain(int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] zp,
                      float[] out, int outOff, Workspace ws) {
        int p = padded(l);
        float[] acc = ws.floats3(2 * p);
        for (int h = h0; h < h1; h++) {
            plainRow(n, p, v, vOff + 2 * h * n, w, wOff + 2 * h * n, zp, acc);
            Interleave.storeRow(acc, 0, p, l, out, outOff + 2 * h * l);
        }
    }

    private static void plainRow(int n, int p, float[] v, int vOff, float[] w, int wOff, float[] zp, float[] acc) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < p; i += VL) {
            FloatVector zr = FloatVector.fromArray(F, zp, i);
            FloatVector zi = FloatVector.fromArray(F, zp, p + i);
            FloatVector sr = FloatVector.zero(F);
            FloatVector si = FloatVector.zero(F);
            for (int j = 0; j < 2 * n; j += 2) {
                FloatVector vr = FloatVector.broadcast(F, v[vOff + j]);
                FloatVector vi = FloatVector.broadcast(F, v[vOff + j + 1]);
                FloatVector dr = zr.sub(w[wOff + j]);      // d = z − w
                FloatVector di = zi.sub(w[wOff + j + 1]);
                FloatVector inv = one.div(dr.fma(dr, di.mul(di)));
                FloatVector tr = vr.fma(dr, vi.mul(di));         // v · conj(d)
                FloatVector ti = vi.mul(dr).sub(vr.mul(di));
                sr = tr.fma(inv, sr);
                si = ti.fma(inv, si);
            }
            sr.intoArray(acc, i);
            si.intoArray(acc, p + i);
        }
    }
}
