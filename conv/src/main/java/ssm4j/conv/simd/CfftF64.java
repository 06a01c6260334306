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
    /** Lane permutation {@code l → l XOR span} of each in-register level (null where span ≥ VL). */
    private static final VectorShuffle<Double> SWAP1 = swap(1);
    private static final VectorShuffle<Double> SWAP2 = swap(2);
    private static final VectorShuffle<Double> SWAP4 = swap(4);
    private static final VectorShuffle<Double> SWAP8 = swap(8);
    private static final VectorShuffle<Double> SWAP16 = swap(16);
    private static final VectorShuffle<Double> SWAP32 = swap(32);
    /** Level index (forward order) of each span; only used when span < VL. */
    private static final int LV1 = level(1);
    private static final int LV2 = level(2);
    private static final int LV4 = level(4);
    private static final int LV8 = level(8);
    private static final int LV16 = level(16);
    private static final int LV32 = level(32);
    /** Per level (forward order), VL lanes each: ±1, twiddle re, twiddle im. */
    private static final double[] SIGN = new double[LEVELS * VL];
    private static final double[] LANE_WR = new double[LEVELS * VL];
    private static final double[] LANE_WI = new double[LEVELS * VL];

    static {
        for (int lv = 0; lv < LEVELS; lv++) {
            int span = VL >> (lv + 1);
            double[] wr = Stages.laneTwiddles(VL, span, false);
            double[] wi = Stages.laneTwiddles(VL, span, true);
            for (int l = 0; l < VL; l++) {
                SIGN[lv * VL + l] = (l & span) == 0 ? 1 : -1;
                LANE_WR[lv * VL + l] = (double) wr[l];
                LANE_WI[lv * VL + l] = (double) wi[l];
            }
        }
    }

    private static VectorShuffle<Double> swap(int span) {
        return span < VL ? VectorShuffle.fromOp(S, l -> l ^ span) : null;
    }

    private static int level(int span) {
        return LEVELS - 1 - Integer.numberOfTrailingZeros(span);
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

    /**
     * Blocks of at most this many points (16 KiB of re + im) are finished depth-first: every remaining pass and
     * the in-register levels run on one block while it sits in L1, instead of streaming the whole array through
     * L2 or L3 once per pass (the passes of a DIF block only touch that block).
     */
    static final int CACHE_BLOCK = 16384 / (2 * Double.BYTES);

    /** Forward DFT (exponent −2πi) of {@code (re, im)[0, M)}; output in bit-reversed order. */
    void forward(double[] re, double[] im) {
        int s = 0;
        for (; s < radix.length && block[s] > CACHE_BLOCK; s++) {
            difPass(re, im, s, 0, m);
        }
        int sub = s < radix.length ? block[s] : Math.min(m, CACHE_BLOCK);
        int last = radix.length - 1;
        boolean fuse = last >= s && radix[last] == 4 && block[last] == 4 * VL;
        for (int base = 0; base < m; base += sub) {
            for (int t = s; t < (fuse ? last : radix.length); t++) {
                difPass(re, im, t, base, base + sub);
            }
            if (fuse) {
                lastDif4(re, im, offsets[last], base, base + sub);
            } else {
                inRegisterForward(re, im, base, base + sub);
            }
        }
    }

    /** Inverse DFT (exponent +2πi, no 1/M) of bit-reversed {@code (re, im)[0, M)}; output in natural order. */
    void inverse(double[] re, double[] im) {
        int s = 0;
        while (s < radix.length && block[s] > CACHE_BLOCK) {
            s++;
        }
        int sub = s < radix.length ? block[s] : Math.min(m, CACHE_BLOCK);
        int last = radix.length - 1;
        boolean fuse = last >= s && radix[last] == 4 && block[last] == 4 * VL;
        for (int base = 0; base < m; base += sub) {
            if (fuse) {
                firstDit4(re, im, offsets[last], base, base + sub);
            } else {
                inRegisterInverse(re, im, base, base + sub);
            }
            for (int t = fuse ? last - 1 : last; t >= s; t--) {
                ditPass(re, im, t, base, base + sub);
            }
        }
        for (int t = s - 1; t >= 0; t--) {
            ditPass(re, im, t, 0, m);
        }
    }

    private void difPass(double[] re, double[] im, int s, int lo, int hi) {
        if (radix[s] == 2) {
            dif2(re, im, block[s], offsets[s], lo, hi);
        } else {
            dif4(re, im, block[s], offsets[s], lo, hi);
        }
    }

    private void ditPass(double[] re, double[] im, int s, int lo, int hi) {
        if (radix[s] == 2) {
            dit2(re, im, block[s], offsets[s], lo, hi);
        } else {
            dit4(re, im, block[s], offsets[s], lo, hi);
        }
    }

    /**
     * The last radix-4 pass (blocks of 4·VL, one vector per quarter, so the twiddles are the same six vectors
     * for every block and are loaded once) followed by the in-register levels of that block while it is in L1.
     */
    private void lastDif4(double[] re, double[] im, int off, int lo, int hi) {
        DoubleVector w1r = DoubleVector.fromArray(S, tw, off);
        DoubleVector w1i = DoubleVector.fromArray(S, tw, off + VL);
        DoubleVector w2r = DoubleVector.fromArray(S, tw, off + 2 * VL);
        DoubleVector w2i = DoubleVector.fromArray(S, tw, off + 3 * VL);
        DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * VL);
        DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * VL);
        for (int i0 = lo; i0 < hi; i0 += 4 * VL) {
            int i1 = i0 + VL;
            int i2 = i1 + VL;
            int i3 = i2 + VL;
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
            DoubleVector ur = bi.sub(di);
            DoubleVector ui = dr.sub(br);
            spr.add(bpr).intoArray(re, i0);
            spi.add(bpi).intoArray(im, i0);
            DoubleVector xr = spr.sub(bpr);
            DoubleVector xi = spi.sub(bpi);
            xr.mul(w2r).sub(xi.mul(w2i)).intoArray(re, i1);
            xr.mul(w2i).add(xi.mul(w2r)).intoArray(im, i1);
            DoubleVector yr = tr.add(ur);
            DoubleVector yi = ti.add(ui);
            yr.mul(w1r).sub(yi.mul(w1i)).intoArray(re, i2);
            yr.mul(w1i).add(yi.mul(w1r)).intoArray(im, i2);
            DoubleVector zr = tr.sub(ur);
            DoubleVector zi = ti.sub(ui);
            zr.mul(w3r).sub(zi.mul(w3i)).intoArray(re, i3);
            zr.mul(w3i).add(zi.mul(w3r)).intoArray(im, i3);
            inRegisterForward(re, im, i0, i0 + 4 * VL);
        }
    }

    /** The mirror of {@link #lastDif4}: in-register levels of a 4·VL block, then its radix-4 DIT pass. */
    private void firstDit4(double[] re, double[] im, int off, int lo, int hi) {
        DoubleVector w1r = DoubleVector.fromArray(S, tw, off);
        DoubleVector w1i = DoubleVector.fromArray(S, tw, off + VL);
        DoubleVector w2r = DoubleVector.fromArray(S, tw, off + 2 * VL);
        DoubleVector w2i = DoubleVector.fromArray(S, tw, off + 3 * VL);
        DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * VL);
        DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * VL);
        for (int i0 = lo; i0 < hi; i0 += 4 * VL) {
            inRegisterInverse(re, im, i0, i0 + 4 * VL);
            int i1 = i0 + VL;
            int i2 = i1 + VL;
            int i3 = i2 + VL;
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
            DoubleVector yr = DoubleVector.fromArray(S, re, i2);
            DoubleVector yi = DoubleVector.fromArray(S, im, i2);
            DoubleVector ccr = yr.mul(w1r).add(yi.mul(w1i));
            DoubleVector cci = yi.mul(w1r).sub(yr.mul(w1i));
            DoubleVector zr = DoubleVector.fromArray(S, re, i3);
            DoubleVector zi = DoubleVector.fromArray(S, im, i3);
            DoubleVector ddr = zr.mul(w3r).add(zi.mul(w3i));
            DoubleVector ddi = zi.mul(w3r).sub(zr.mul(w3i));
            DoubleVector s2r = ccr.add(ddr);
            DoubleVector s2i = cci.add(ddi);
            DoubleVector s3r = ddi.sub(cci);
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

    /** Radix-2 DIF level on blocks of size b: {@code (a, c) → (a + c, (a − c)·w^j)}. */
    void dif2(double[] re, double[] im, int b, int off, int lo, int hi) {
        int h = b / 2;
        for (int base = lo; base < hi; base += b) {
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
    private void dit2(double[] re, double[] im, int b, int off, int lo, int hi) {
        int h = b / 2;
        for (int base = lo; base < hi; base += b) {
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
    void dif4(double[] re, double[] im, int b, int off, int lo, int hi) {
        int q = b / 4;
        for (int base = lo; base < hi; base += b) {
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
    private void dit4(double[] re, double[] im, int b, int off, int lo, int hi) {
        int q = b / 4;
        for (int base = lo; base < hi; base += b) {
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
     * then the high lanes take their twiddle (low lanes multiply by 1; span 1 has none). Each level is written
     * out with its own {@code static final} shuffle so that C2 emits one permute per use: a shuffle loaded from
     * a table inside the loop is not intrinsified (measured 20× slower).
     */
    void inRegisterForward(double[] re, double[] im, int lo, int hi) {
        for (int i = lo; i < hi; i += VL) {
            DoubleVector vr = DoubleVector.fromArray(S, re, i);
            DoubleVector vi = DoubleVector.fromArray(S, im, i);
            DoubleVector sg;
            DoubleVector wr;
            DoubleVector wi;
            DoubleVector t;
            if (VL > 32) {
                sg = DoubleVector.fromArray(S, SIGN, LV32 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP32));
                vi = vi.fma(sg, vi.rearrange(SWAP32));
                wr = DoubleVector.fromArray(S, LANE_WR, LV32 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV32 * VL);
                t = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = t;
            }
            if (VL > 16) {
                sg = DoubleVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
                wr = DoubleVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = t;
            }
            if (VL > 8) {
                sg = DoubleVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
                wr = DoubleVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = t;
            }
            if (VL > 4) {
                sg = DoubleVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
                wr = DoubleVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = t;
            }
            if (VL > 2) {
                sg = DoubleVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
                wr = DoubleVector.fromArray(S, LANE_WR, LV2 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV2 * VL);
                t = vr.mul(wr).sub(vi.mul(wi));
                vi = vr.mul(wi).add(vi.mul(wr));
                vr = t;
            }
            if (VL > 1) {
                sg = DoubleVector.fromArray(S, SIGN, LV1 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP1));
                vi = vi.fma(sg, vi.rearrange(SWAP1));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }

    /** The DIT mirror of {@link #inRegisterForward}: spans 1 … VL/2, conjugate twiddle first, then ±. */
    void inRegisterInverse(double[] re, double[] im, int lo, int hi) {
        for (int i = lo; i < hi; i += VL) {
            DoubleVector vr = DoubleVector.fromArray(S, re, i);
            DoubleVector vi = DoubleVector.fromArray(S, im, i);
            DoubleVector sg;
            DoubleVector wr;
            DoubleVector wi;
            DoubleVector t;
            if (VL > 1) {
                sg = DoubleVector.fromArray(S, SIGN, LV1 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP1));
                vi = vi.fma(sg, vi.rearrange(SWAP1));
            }
            if (VL > 2) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV2 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV2 * VL);
                t = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
            }
            if (VL > 4) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
            }
            if (VL > 8) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
            }
            if (VL > 16) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
            }
            if (VL > 32) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV32 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV32 * VL);
                t = vr.mul(wr).add(vi.mul(wi));
                vi = vi.mul(wr).sub(vr.mul(wi));
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV32 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP32));
                vi = vi.fma(sg, vi.rearrange(SWAP32));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }
}
