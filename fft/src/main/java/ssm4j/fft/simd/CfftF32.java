package ssm4j.fft.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

/**
 * fp32 power-of-two complex FFT on split arrays ({@code re[0, M)}, {@code im[0, M)}), in place, Vector API.
 * {@link #forward} is decimation in frequency (natural order in, bit-reversed order out, exponent −2πi);
 * {@link #inverse} is decimation in time (bit-reversed in, natural out, exponent +2πi, unnormalised: the round
 * trip multiplies by M). A convolution never needs natural-order spectra, so neither direction permutes.
 * Schedule and twiddles: {@link Stages}. Immutable and thread-safe; the arrays passed in are the only state.
 */
public final class CfftF32 {
    static final VectorSpecies<Float> S = Species.F;
    static final int VL = S.length();
    /**
     * Two-lane vectors (fp64 at 128 bits): C2 (JDK 25) does not intrinsify their rearranges (the two-source zips,
     * nor a rewrite as one-source shuffles plus a blend), and the Java fallback boxed every vector it touched
     * (306 MB per S4 kernel call of L = 4096, measured), so the lane-permuting steps ({@link InRegisterF32},
     * {@link Pow2RealFftF32}'s pack, unpack and octave splits) take their scalar loops there. A constant: C2 folds
     * the branches, wider species compile as before.
     */
    static final boolean TWO_LANES = VL == 2;
    final int m;
    private final int[] radix;
    private final int[] block;
    private final int[] offsets;
    private final float[] tw;

    CfftF32(Stages st) {
        if (st.vl != VL) {
            throw new IllegalArgumentException("stages built for " + st.vl + " lanes, species has " + VL);
        }
        this.m = st.m;
        this.radix = st.radix;
        this.block = st.block;
        this.offsets = st.offsets;
        this.tw = st.twiddlesF32(); //@F64 this.tw = st.twiddles.clone();
    }

    /**
     * Blocks of at most this many points (16 KiB of re + im) are finished depth-first: every remaining pass and
     * the in-register levels run on one block while it sits in L1, instead of streaming the whole array through
     * L2 or L3 once per pass (the passes of a DIF block only touch that block).
     */
    static final int CACHE_BLOCK = 16384 / (2 * Float.BYTES);

    /** Forward DFT (exponent −2πi) of {@code (re, im)[0, M)}; output in bit-reversed order. */
    public void forward(float[] re, float[] im) {
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
                InRegisterF32.forward(re, im, base, base + sub);
            }
        }
    }

    /** Inverse DFT (exponent +2πi, no 1/M) of bit-reversed {@code (re, im)[0, M)}; output in natural order. */
    public void inverse(float[] re, float[] im) {
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
                InRegisterF32.inverse(re, im, base, base + sub);
            }
            for (int t = fuse ? last - 1 : last; t >= s; t--) {
                ditPass(re, im, t, base, base + sub);
            }
        }
        for (int t = s - 1; t >= 0; t--) {
            ditPass(re, im, t, 0, m);
        }
    }

    private void difPass(float[] re, float[] im, int s, int lo, int hi) {
        if (radix[s] == 2) {
            dif2(re, im, block[s], offsets[s], lo, hi);
        } else {
            dif4(re, im, block[s], offsets[s], lo, hi);
        }
    }

    private void ditPass(float[] re, float[] im, int s, int lo, int hi) {
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
    private void lastDif4(float[] re, float[] im, int off, int lo, int hi) {
        FloatVector w1r = FloatVector.fromArray(S, tw, off);
        FloatVector w1i = FloatVector.fromArray(S, tw, off + VL);
        FloatVector w2r = FloatVector.fromArray(S, tw, off + 2 * VL);
        FloatVector w2i = FloatVector.fromArray(S, tw, off + 3 * VL);
        FloatVector w3r = FloatVector.fromArray(S, tw, off + 4 * VL);
        FloatVector w3i = FloatVector.fromArray(S, tw, off + 5 * VL);
        for (int i0 = lo; i0 < hi; i0 += 4 * VL) {
            int i1 = i0 + VL;
            int i2 = i1 + VL;
            int i3 = i2 + VL;
            FloatVector ar = FloatVector.fromArray(S, re, i0);
            FloatVector ai = FloatVector.fromArray(S, im, i0);
            FloatVector cr = FloatVector.fromArray(S, re, i2);
            FloatVector ci = FloatVector.fromArray(S, im, i2);
            FloatVector spr = ar.add(cr);
            FloatVector spi = ai.add(ci);
            FloatVector tr = ar.sub(cr);
            FloatVector ti = ai.sub(ci);
            FloatVector br = FloatVector.fromArray(S, re, i1);
            FloatVector bi = FloatVector.fromArray(S, im, i1);
            FloatVector dr = FloatVector.fromArray(S, re, i3);
            FloatVector di = FloatVector.fromArray(S, im, i3);
            FloatVector bpr = br.add(dr);
            FloatVector bpi = bi.add(di);
            FloatVector ur = bi.sub(di);
            FloatVector ui = dr.sub(br);
            spr.add(bpr).intoArray(re, i0);
            spi.add(bpi).intoArray(im, i0);
            FloatVector xr = spr.sub(bpr);
            FloatVector xi = spi.sub(bpi);
            xr.fma(w2r, xi.mul(w2i).neg()).intoArray(re, i1);
            xr.fma(w2i, xi.mul(w2r)).intoArray(im, i1);
            FloatVector yr = tr.add(ur);
            FloatVector yi = ti.add(ui);
            yr.fma(w1r, yi.mul(w1i).neg()).intoArray(re, i2);
            yr.fma(w1i, yi.mul(w1r)).intoArray(im, i2);
            FloatVector zr = tr.sub(ur);
            FloatVector zi = ti.sub(ui);
            zr.fma(w3r, zi.mul(w3i).neg()).intoArray(re, i3);
            zr.fma(w3i, zi.mul(w3r)).intoArray(im, i3);
            InRegisterF32.forward(re, im, i0, i0 + 4 * VL);
        }
    }

    /** The mirror of {@link #lastDif4}: in-register levels of a 4·VL block, then its radix-4 DIT pass. */
    private void firstDit4(float[] re, float[] im, int off, int lo, int hi) {
        FloatVector w1r = FloatVector.fromArray(S, tw, off);
        FloatVector w1i = FloatVector.fromArray(S, tw, off + VL);
        FloatVector w2r = FloatVector.fromArray(S, tw, off + 2 * VL);
        FloatVector w2i = FloatVector.fromArray(S, tw, off + 3 * VL);
        FloatVector w3r = FloatVector.fromArray(S, tw, off + 4 * VL);
        FloatVector w3i = FloatVector.fromArray(S, tw, off + 5 * VL);
        for (int i0 = lo; i0 < hi; i0 += 4 * VL) {
            InRegisterF32.inverse(re, im, i0, i0 + 4 * VL);
            int i1 = i0 + VL;
            int i2 = i1 + VL;
            int i3 = i2 + VL;
            FloatVector xr = FloatVector.fromArray(S, re, i1);
            FloatVector xi = FloatVector.fromArray(S, im, i1);
            FloatVector bbr = xr.fma(w2r, xi.mul(w2i));
            FloatVector bbi = xi.fma(w2r, xr.mul(w2i).neg());
            FloatVector ar = FloatVector.fromArray(S, re, i0);
            FloatVector ai = FloatVector.fromArray(S, im, i0);
            FloatVector s0r = ar.add(bbr);
            FloatVector s0i = ai.add(bbi);
            FloatVector s1r = ar.sub(bbr);
            FloatVector s1i = ai.sub(bbi);
            FloatVector yr = FloatVector.fromArray(S, re, i2);
            FloatVector yi = FloatVector.fromArray(S, im, i2);
            FloatVector ccr = yr.fma(w1r, yi.mul(w1i));
            FloatVector cci = yi.fma(w1r, yr.mul(w1i).neg());
            FloatVector zr = FloatVector.fromArray(S, re, i3);
            FloatVector zi = FloatVector.fromArray(S, im, i3);
            FloatVector ddr = zr.fma(w3r, zi.mul(w3i));
            FloatVector ddi = zi.fma(w3r, zr.mul(w3i).neg());
            FloatVector s2r = ccr.add(ddr);
            FloatVector s2i = cci.add(ddi);
            FloatVector s3r = ddi.sub(cci);
            FloatVector s3i = ccr.sub(ddr);
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
    void dif2(float[] re, float[] im, int b, int off, int lo, int hi) {
        int h = b / 2;
        for (int base = lo; base < hi; base += b) {
            for (int j = 0; j < h; j += VL) {
                int i0 = base + j;
                int i1 = i0 + h;
                FloatVector ar = FloatVector.fromArray(S, re, i0);
                FloatVector ai = FloatVector.fromArray(S, im, i0);
                FloatVector cr = FloatVector.fromArray(S, re, i1);
                FloatVector ci = FloatVector.fromArray(S, im, i1);
                FloatVector wr = FloatVector.fromArray(S, tw, off + j);
                FloatVector wi = FloatVector.fromArray(S, tw, off + h + j);
                ar.add(cr).intoArray(re, i0);
                ai.add(ci).intoArray(im, i0);
                FloatVector dr = ar.sub(cr);
                FloatVector di = ai.sub(ci);
                dr.fma(wr, di.mul(wi).neg()).intoArray(re, i1);
                dr.fma(wi, di.mul(wr)).intoArray(im, i1);
            }
        }
    }

    /** Radix-2 DIT level, the inverse of {@link #dif2} up to a factor 2: {@code (a, c·w̄^j) → (a ± c·w̄^j)}. */
    private void dit2(float[] re, float[] im, int b, int off, int lo, int hi) {
        int h = b / 2;
        for (int base = lo; base < hi; base += b) {
            for (int j = 0; j < h; j += VL) {
                int i0 = base + j;
                int i1 = i0 + h;
                FloatVector ar = FloatVector.fromArray(S, re, i0);
                FloatVector ai = FloatVector.fromArray(S, im, i0);
                FloatVector cr = FloatVector.fromArray(S, re, i1);
                FloatVector ci = FloatVector.fromArray(S, im, i1);
                FloatVector wr = FloatVector.fromArray(S, tw, off + j);
                FloatVector wi = FloatVector.fromArray(S, tw, off + h + j);
                FloatVector tr = cr.fma(wr, ci.mul(wi));
                FloatVector ti = ci.fma(wr, cr.mul(wi).neg());
                ar.add(tr).intoArray(re, i0);
                ai.add(ti).intoArray(im, i0);
                ar.sub(tr).intoArray(re, i1);
                ai.sub(ti).intoArray(im, i1);
            }
        }
    }

    /**
     * Two DIF levels in one pass (radix 2², same output order as two radix-2 levels) on blocks of size b with
     * quarter q: for {@code a, b', c, d} at {@code j, j+q, j+2q, j+3q}: {@code t = a − c},
     * {@code u = −i(b' − d)},
     * outputs {@code (a+c)+(b'+d)}, {@code ((a+c)−(b'+d))·w²}, {@code (t+u)·w}, {@code (t−u)·w³} with
     * {@code w = exp(−2πi·j/b)} — three complex products per four points.
     */
    void dif4(float[] re, float[] im, int b, int off, int lo, int hi) {
        int q = b / 4;
        for (int base = lo; base < hi; base += b) {
            for (int j = 0; j < q; j += VL) {
                int i0 = base + j;
                int i1 = i0 + q;
                int i2 = i1 + q;
                int i3 = i2 + q;
                FloatVector ar = FloatVector.fromArray(S, re, i0);
                FloatVector ai = FloatVector.fromArray(S, im, i0);
                FloatVector cr = FloatVector.fromArray(S, re, i2);
                FloatVector ci = FloatVector.fromArray(S, im, i2);
                FloatVector spr = ar.add(cr);
                FloatVector spi = ai.add(ci);
                FloatVector tr = ar.sub(cr);
                FloatVector ti = ai.sub(ci);
                FloatVector br = FloatVector.fromArray(S, re, i1);
                FloatVector bi = FloatVector.fromArray(S, im, i1);
                FloatVector dr = FloatVector.fromArray(S, re, i3);
                FloatVector di = FloatVector.fromArray(S, im, i3);
                FloatVector bpr = br.add(dr);
                FloatVector bpi = bi.add(di);
                FloatVector ur = bi.sub(di);            // u = −i(b − d)
                FloatVector ui = dr.sub(br);
                spr.add(bpr).intoArray(re, i0);
                spi.add(bpi).intoArray(im, i0);
                FloatVector xr = spr.sub(bpr);
                FloatVector xi = spi.sub(bpi);
                FloatVector w2r = FloatVector.fromArray(S, tw, off + 2 * q + j);
                FloatVector w2i = FloatVector.fromArray(S, tw, off + 3 * q + j);
                xr.fma(w2r, xi.mul(w2i).neg()).intoArray(re, i1);
                xr.fma(w2i, xi.mul(w2r)).intoArray(im, i1);
                FloatVector w1r = FloatVector.fromArray(S, tw, off + j);
                FloatVector w1i = FloatVector.fromArray(S, tw, off + q + j);
                FloatVector yr = tr.add(ur);
                FloatVector yi = ti.add(ui);
                yr.fma(w1r, yi.mul(w1i).neg()).intoArray(re, i2);
                yr.fma(w1i, yi.mul(w1r)).intoArray(im, i2);
                FloatVector w3r = FloatVector.fromArray(S, tw, off + 4 * q + j);
                FloatVector w3i = FloatVector.fromArray(S, tw, off + 5 * q + j);
                FloatVector zr = tr.sub(ur);
                FloatVector zi = ti.sub(ui);
                zr.fma(w3r, zi.mul(w3i).neg()).intoArray(re, i3);
                zr.fma(w3i, zi.mul(w3r)).intoArray(im, i3);
            }
        }
    }

    /**
     * The inverse of {@link #dif4} up to a factor 4: {@code A, B = b'·w̄², C = c·w̄, D = d·w̄³};
     * {@code a = (A+B)+(C+D)}, {@code c = (A+B)−(C+D)}, {@code b' = (A−B)+i(C−D)},
     * {@code d = (A−B)−i(C−D)}.
     */
    private void dit4(float[] re, float[] im, int b, int off, int lo, int hi) {
        int q = b / 4;
        for (int base = lo; base < hi; base += b) {
            for (int j = 0; j < q; j += VL) {
                int i0 = base + j;
                int i1 = i0 + q;
                int i2 = i1 + q;
                int i3 = i2 + q;
                FloatVector w2r = FloatVector.fromArray(S, tw, off + 2 * q + j);
                FloatVector w2i = FloatVector.fromArray(S, tw, off + 3 * q + j);
                FloatVector xr = FloatVector.fromArray(S, re, i1);
                FloatVector xi = FloatVector.fromArray(S, im, i1);
                FloatVector bbr = xr.fma(w2r, xi.mul(w2i));
                FloatVector bbi = xi.fma(w2r, xr.mul(w2i).neg());
                FloatVector ar = FloatVector.fromArray(S, re, i0);
                FloatVector ai = FloatVector.fromArray(S, im, i0);
                FloatVector s0r = ar.add(bbr);
                FloatVector s0i = ai.add(bbi);
                FloatVector s1r = ar.sub(bbr);
                FloatVector s1i = ai.sub(bbi);
                FloatVector w1r = FloatVector.fromArray(S, tw, off + j);
                FloatVector w1i = FloatVector.fromArray(S, tw, off + q + j);
                FloatVector yr = FloatVector.fromArray(S, re, i2);
                FloatVector yi = FloatVector.fromArray(S, im, i2);
                FloatVector ccr = yr.fma(w1r, yi.mul(w1i));
                FloatVector cci = yi.fma(w1r, yr.mul(w1i).neg());
                FloatVector w3r = FloatVector.fromArray(S, tw, off + 4 * q + j);
                FloatVector w3i = FloatVector.fromArray(S, tw, off + 5 * q + j);
                FloatVector zr = FloatVector.fromArray(S, re, i3);
                FloatVector zi = FloatVector.fromArray(S, im, i3);
                FloatVector ddr = zr.fma(w3r, zi.mul(w3i));
                FloatVector ddi = zi.fma(w3r, zr.mul(w3i).neg());
                FloatVector s2r = ccr.add(ddr);
                FloatVector s2i = cci.add(ddi);
                FloatVector s3r = ddi.sub(cci);          // i·(C − D)
                FloatVector s3i = ccr.sub(ddr);
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
}
