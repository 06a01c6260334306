package ssm4j.conv.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp64 power-of-two complex FFT on split arrays ({@code re[0, M)}, {@code im[0, M)}), in place, Vector API.
 * {@link #forward} is decimation in frequency (natural order in, bit-reversed order out, exponent −2πi);
 * {@link #inverse} is decimation in time (bit-reversed in, natural out, exponent +2πi, unnormalised: the round
 * trip multiplies by M). A convolution never needs natural-order spectra, so neither direction permutes.
 * Schedule and twiddles: {@link Stages}. Immutable and thread-safe; the arrays passed in are the only state.
 */
final class CfftF64 {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** In-register levels: spans VL/2, …, 1 (forward order). */
    private static final int LEVELS = Integer.numberOfTrailingZeros(VL);
    /** Per level (forward order), VL lanes each: partner lane (l XOR span), ±1, twiddle re, twiddle im. */
    private static final int[] PARTNER = new int[LEVELS * VL];
    private static final double[] SIGN = new double[LEVELS * VL];
    private static final double[] LANE_WR = new double[LEVELS * VL];
    private static final double[] LANE_WI = new double[LEVELS * VL];

    static {
        for (int lv = 0; lv < LEVELS; lv++) {
            int span = VL >> (lv + 1);
            double[] wr = Stages.laneTwiddles(VL, span, false);
            double[] wi = Stages.laneTwiddles(VL, span, true);
            for (int l = 0; l < VL; l++) {
                PARTNER[lv * VL + l] = l ^ span;
                SIGN[lv * VL + l] = (l & span) == 0 ? 1 : -1;
                LANE_WR[lv * VL + l] = (double) wr[l];
                LANE_WI[lv * VL + l] = (double) wi[l];
            }
        }
    }

    final int m;
    private final int[] radix;
    private final int[] block;
    private final int[] offsets;
    private final double[] tw;

    CfftF64(Stages st) {
        if (st.vl != VL) {
            throw new IllegalArgumentException("stages built for " + st.vl + " lanes, species has " + VL);
        }
        this.m = st.m;
        this.radix = st.radix;
        this.block = st.block;
        this.offsets = st.offsets;
        this.tw = st.twiddles.clone();
    }

    /** Forward DFT (exponent −2πi) of {@code (re, im)[0, M)}; output in bit-reversed order. */
    void forward(double[] re, double[] im) {
        for (int s = 0; s < radix.length; s++) {
            if (radix[s] == 2) {
                dif2(re, im, block[s], offsets[s]);
            } else {
                dif4(re, im, block[s], offsets[s]);
            }
        }
        inRegisterForward(re, im);
    }

    /** Inverse DFT (exponent +2πi, no 1/M) of bit-reversed {@code (re, im)[0, M)}; output in natural order. */
    void inverse(double[] re, double[] im) {
        inRegisterInverse(re, im);
        for (int s = radix.length - 1; s >= 0; s--) {
            if (radix[s] == 2) {
                dit2(re, im, block[s], offsets[s]);
            } else {
                dit4(re, im, block[s], offsets[s]);
            }
        }
    }

    /** Radix-2 DIF level on blocks of size b: {@code (a, c) → (a + c, (a − c)·w^j)}. */
    private void dif2(double[] re, double[] im, int b, int off) {
        int h = b / 2;
        for (int base = 0; base < m; base += b) {
            for (int j = 0; j < h; j += VL) {
                int i0 = base + j;
                int i1 = i0 + h;
                DoubleVector ar = DoubleVector.fromArray(S, re, i0);
                DoubleVector ai = DoubleVector.fromArray(S, im, i0);
                DoubleVector cr = DoubleVector.fromArray(S, re, i1);
                DoubleVector ci = DoubleVector.fromArray(S, im, i1);
                DoubleVector wr = DoubleVector.fromArray(S, tw, off + j);
                DoubleVector wi = DoubleVector.fromArray(S, tw, off + h + j);
                ar.add(cr).intoArray(re, i0);
                ai.add(ci).intoArray(im, i0);
                DoubleVector dr = ar.sub(cr);
                DoubleVector di = ai.sub(ci);
                dr.mul(wr).sub(di.mul(wi)).intoArray(re, i1);
                dr.mul(wi).add(di.mul(wr)).intoArray(im, i1);
            }
        }
    }

    /** Radix-2 DIT level, the inverse of {@link #dif2} up to a factor 2: {@code (a, c·w̄^j) → (a ± c·w̄^j)}. */
    private void dit2(double[] re, double[] im, int b, int off) {
        int h = b / 2;
        for (int base = 0; base < m; base += b) {
            for (int j = 0; j < h; j += VL) {
                int i0 = base + j;
                int i1 = i0 + h;
                DoubleVector ar = DoubleVector.fromArray(S, re, i0);
                DoubleVector ai = DoubleVector.fromArray(S, im, i0);
                DoubleVector cr = DoubleVector.fromArray(S, re, i1);
                DoubleVector ci = DoubleVector.fromArray(S, im, i1);
                DoubleVector wr = DoubleVector.fromArray(S, tw, off + j);
                DoubleVector wi = DoubleVector.fromArray(S, tw, off + h + j);
                DoubleVector tr = cr.mul(wr).add(ci.mul(wi));
                DoubleVector ti = ci.mul(wr).sub(cr.mul(wi));
                ar.add(tr).intoArray(re, i0);
                ai.add(ti).intoArray(im, i0);
                ar.sub(tr).intoArray(re, i1);
                ai.sub(ti).intoArray(im, i1);
            }
        }
    }

    /**
     * Two DIF levels in one pass (radix 2², same output order as two radix-2 levels) on blocks of size b with
     * quarter q: for {@code a, b', c, d} at {@code j, j+q, j+2q, j+3q}: {@code t = a − c}, {@code u = −i(b' − d)},
     * outputs {@code (a+c)+(b'+d)}, {@code ((a+c)−(b'+d))·w²}, {@code (t+u)·w}, {@code (t−u)·w³} with
     * {@code w = exp(−2πi·j/b)} — three complex products per four points.
     */
    private void dif4(double[] re, double[] im, int b, int off) {
        int q = b / 4;
        for (int base = 0; base < m; base += b) {
            for (int j = 0; j < q; j += VL) {
                int i0 = base + j;
                int i1 = i0 + q;
                int i2 = i1 + q;
                int i3 = i2 + q;
                DoubleVector ar = DoubleVector.fromArray(S, re, i0);
                DoubleVector ai = DoubleVector.fromArray(S, im, i0);
                DoubleVector cr = DoubleVector.fromArray(S, re, i2);
                DoubleVector ci = DoubleVector.fromArray(S, im, i2);
                DoubleVector spr = ar.add(cr);
                DoubleVector spi = ai.add(ci);
                DoubleVector tr = ar.sub(cr);
                DoubleVector ti = ai.sub(ci);
                DoubleVector br = DoubleVector.fromArray(S, re, i1);
                DoubleVector bi = DoubleVector.fromArray(S, im, i1);
                DoubleVector dr = DoubleVector.fromArray(S, re, i3);
                DoubleVector di = DoubleVector.fromArray(S, im, i3);
                DoubleVector bpr = br.add(dr);
                DoubleVector bpi = bi.add(di);
                DoubleVector ur = bi.sub(di);            // u = −i(b − d)
                DoubleVector ui = dr.sub(br);
                spr.add(bpr).intoArray(re, i0);
                spi.add(bpi).intoArray(im, i0);
                DoubleVector xr = spr.sub(bpr);
                DoubleVector xi = spi.sub(bpi);
                DoubleVector w2r = DoubleVector.fromArray(S, tw, off + 2 * q + j);
                DoubleVector w2i = DoubleVector.fromArray(S, tw, off + 3 * q + j);
                xr.mul(w2r).sub(xi.mul(w2i)).intoArray(re, i1);
                xr.mul(w2i).add(xi.mul(w2r)).intoArray(im, i1);
                DoubleVector w1r = DoubleVector.fromArray(S, tw, off + j);
                DoubleVector w1i = DoubleVector.fromArray(S, tw, off + q + j);
                DoubleVector yr = tr.add(ur);
                DoubleVector yi = ti.add(ui);
                yr.mul(w1r).sub(yi.mul(w1i)).intoArray(re, i2);
                yr.mul(w1i).add(yi.mul(w1r)).intoArray(im, i2);
                DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * q + j);
                DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * q + j);
                DoubleVector zr = tr.sub(ur);
                DoubleVector zi = ti.sub(ui);
                zr.mul(w3r).sub(zi.mul(w3i)).intoArray(re, i3);
                zr.mul(w3i).add(zi.mul(w3r)).intoArray(im, i3);
            }
        }
    }

    /**
     * The inverse of {@link #dif4} up to a factor 4: {@code A, B = b'·w̄², C = c·w̄, D = d·w̄³};
     * {@code a = (A+B)+(C+D)}, {@code c = (A+B)−(C+D)}, {@code b' = (A−B)+i(C−D)}, {@code d = (A−B)−i(C−D)}.
     */
    private void dit4(double[] re, double[] im, int b, int off) {
        int q = b / 4;
        for (int base = 0; base < m; base += b) {
            for (int j = 0; j < q; j += VL) {
                int i0 = base + j;
                int i1 = i0 + q;
                int i2 = i1 + q;
                int i3 = i2 + q;
                DoubleVector w2r = DoubleVector.fromArray(S, tw, off + 2 * q + j);
                DoubleVector w2i = DoubleVector.fromArray(S, tw, off + 3 * q + j);
                DoubleVector xr = DoubleVector.fromArray(S, re, i1);
                DoubleVector xi = DoubleVector.fromArray(S, im, i1);
                DoubleVector bbr = xr.mul(w2r).add(xi.mul(w2i));
                DoubleVector bbi = xi.mul(w2r).sub(xr.mul(w2i));
                DoubleVector ar = DoubleVector.fromArray(S, re, i0);
                DoubleVector ai = DoubleVector.fromArray(S, im, i0);
                DoubleVector s0r = ar.add(bbr);
                DoubleVector s0i = ai.add(bbi);
                DoubleVector s1r = ar.sub(bbr);
                DoubleVector s1i = ai.sub(bbi);
                DoubleVector w1r = DoubleVector.fromArray(S, tw, off + j);
                DoubleVector w1i = DoubleVector.fromArray(S, tw, off + q + j);
                DoubleVector yr = DoubleVector.fromArray(S, re, i2);
                DoubleVector yi = DoubleVector.fromArray(S, im, i2);
                DoubleVector ccr = yr.mul(w1r).add(yi.mul(w1i));
                DoubleVector cci = yi.mul(w1r).sub(yr.mul(w1i));
                DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * q + j);
                DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * q + j);
                DoubleVector zr = DoubleVector.fromArray(S, re, i3);
                DoubleVector zi = DoubleVector.fromArray(S, im, i3);
                DoubleVector ddr = zr.mul(w3r).add(zi.mul(w3i));
                DoubleVector ddi = zi.mul(w3r).sub(zr.mul(w3i));
                DoubleVector s2r = ccr.add(ddr);
                DoubleVector s2i = cci.add(ddi);
                DoubleVector s3r = ddi.sub(cci);          // i·(C − D)
                DoubleVector s3i = ccr.sub(ddr);
                s0r.add(s2r).intoArray(re, i0);
                s0i.add(s2i).intoArray(im, i0);
                s0r.sub(s2r).intoArray(re, i2);
                s0i.sub(s2i).intoArray(im, i2);
                s1r.add(s3r).intoArray(re, i1);
                s1i.add(s3i).intoArray(im, i1);
                s1r.sub(s3r).intoArray(re, i3);
                s1i.sub(s3i).intoArray(im, i3);
            }
        }
    }

    /**
     * The last log2 VL DIF levels inside each vector (spans VL/2 … 1): the partner lane comes from a lane
     * permutation, {@code fma(v, ±1, partner)} gives {@code a + b} in low lanes and {@code a − b} in high lanes,
     * then the high lanes take their twiddle (low lanes multiply by 1).
     */
    private void inRegisterForward(double[] re, double[] im) {
        for (int i = 0; i < m; i += VL) {
            DoubleVector vr = DoubleVector.fromArray(S, re, i);
            DoubleVector vi = DoubleVector.fromArray(S, im, i);
            for (int lv = 0; lv < LEVELS; lv++) {
                VectorShuffle<Double> partner = VectorShuffle.fromArray(S, PARTNER, lv * VL);
                DoubleVector sign = DoubleVector.fromArray(S, SIGN, lv * VL);
                vr = vr.fma(sign, vr.rearrange(partner));
                vi = vi.fma(sign, vi.rearrange(partner));
                DoubleVector wr = DoubleVector.fromArray(S, LANE_WR, lv * VL);
                DoubleVector wi = DoubleVector.fromArray(S, LANE_WI, lv * VL);
                DoubleVector nr = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = nr;
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }

    /** The DIT mirror of {@link #inRegisterForward}: spans 1 … VL/2, conjugate twiddle first, then ±. */
    private void inRegisterInverse(double[] re, double[] im) {
        for (int i = 0; i < m; i += VL) {
            DoubleVector vr = DoubleVector.fromArray(S, re, i);
            DoubleVector vi = DoubleVector.fromArray(S, im, i);
            for (int lv = LEVELS - 1; lv >= 0; lv--) {
                DoubleVector wr = DoubleVector.fromArray(S, LANE_WR, lv * VL);
                DoubleVector wi = DoubleVector.fromArray(S, LANE_WI, lv * VL);
                DoubleVector nr = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = nr;
                VectorShuffle<Double> partner = VectorShuffle.fromArray(S, PARTNER, lv * VL);
                DoubleVector sign = DoubleVector.fromArray(S, SIGN, lv * VL);
                vr = vr.fma(sign, vr.rearrange(partner));
                vi = vi.fma(sign, vi.rearrange(partner));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }
}
