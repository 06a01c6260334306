// GENERATED from fft/src/main/java/ssm4j/fft/simd/CfftF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.fft.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

/**
 * fp64 power-of-two complex FFT on split arrays ({@code re[0, M)}, {@code im[0, M)}), in place, Vector API.
 * {@link #forward} is decimation in frequency (natural order in, bit-reversed order out, exponent −2πi);
 * {@link #inverse} is decimation in time (bit-reversed in, natural out, exponent +2πi, unnormalised: the round
 * trip multiplies by M). A convolution never needs natural-order spectra, so neither direction permutes.
 * Schedule and twiddles: {@link Stages}. Immutable and thread-safe; the arrays passed in are the only state.
 */
public final class CfftF64 {
    static final VectorSpecies<Double> S = Species.D;
    static final int VL = S.length();
    /**
     * Two-lane vectors (fp64 at 128 bits): C2 (JDK 25) does not intrinsify their rearranges (the two-source zips,
     * nor a rewrite as one-source shuffles plus a blend), and the Java fallback boxed every vector it touched
     * (306 MB per S4 kernel call of L = 4096, measured), so the lane-permuting steps ({@link InRegisterF64},
     * {@link Pow2RealFftF64}'s pack, unpack and octave splits) take their scalar loops there. A constant: C2 folds
     * the branches, wider species compile as before.
     */
    static final boolean TWO_LANES = VL == 2;
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
    public void forward(double[] re, double[] im) {
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
                InRegisterF64.forward(re, im, base, base + sub);
            }
        }
    }

    /** Inverse DFT (exponent +2πi, no 1/M) of bit-reversed {@code (re, im)[0, M)}; output in natural order. */
    public void inverse(double[] re, double[] im) {
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
                InRegisterF64.inverse(re, im, base, base + sub);
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
            xr.fma(w2r, xi.mul(w2i).neg()).intoArray(re, i1);
            xr.fma(w2i, xi.mul(w2r)).intoArray(im, i1);
            DoubleVector yr = tr.add(ur);
            DoubleVector yi = ti.add(ui);
            yr.fma(w1r, yi.mul(w1i).neg()).intoArray(re, i2);
            yr.fma(w1i, yi.mul(w1r)).intoArray(im, i2);
            DoubleVector zr = tr.sub(ur);
            DoubleVector zi = ti.sub(ui);
            zr.fma(w3r, zi.mul(w3i).neg()).intoArray(re, i3);
            zr.fma(w3i, zi.mul(w3r)).intoArray(im, i3);
            InRegisterF64.forward(re, im, i0, i0 + 4 * VL);
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
            InRegisterF64.inverse(re, im, i0, i0 + 4 * VL);
            int i1 = i0 + VL;
            int i2 = i1 + VL;
            int i3 = i2 + VL;
            DoubleVector xr = DoubleVector.fromArray(S, re, i1);
            DoubleVector xi = DoubleVector.fromArray(S, im, i1);
            DoubleVector bbr = xr.fma(w2r, xi.mul(w2i));
            DoubleVector bbi = xi.fma(w2r, xr.mul(w2i).neg());
            DoubleVector ar = DoubleVector.fromArray(S, re, i0);
            DoubleVector ai = DoubleVector.fromArray(S, im, i0);
            DoubleVector s0r = ar.add(bbr);
            DoubleVector s0i = ai.add(bbi);
            DoubleVector s1r = ar.sub(bbr);
            DoubleVector s1i = ai.sub(bbi);
            DoubleVector yr = DoubleVector.fromArray(S, re, i2);
            DoubleVector yi = DoubleVector.fromArray(S, im, i2);
            DoubleVector ccr = yr.fma(w1r, yi.mul(w1i));
            DoubleVector cci = yi.fma(w1r, yr.mul(w1i).neg());
            DoubleVector zr = DoubleVector.fromArray(S, re, i3);
            DoubleVector zi = DoubleVector.fromArray(S, im, i3);
            DoubleVector ddr = zr.fma(w3r, zi.mul(w3i));
            DoubleVector ddi = zi.fma(w3r, zr.mul(w3i).neg());
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
                dr.fma(wr, di.mul(wi).neg()).intoArray(re, i1);
                dr.fma(wi, di.mul(wr)).intoArray(im, i1);
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
                DoubleVector tr = cr.fma(wr, ci.mul(wi));
                DoubleVector ti = ci.fma(wr, cr.mul(wi).neg());
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
                xr.fma(w2r, xi.mul(w2i).neg()).intoArray(re, i1);
                xr.fma(w2i, xi.mul(w2r)).intoArray(im, i1);
                DoubleVector w1r = DoubleVector.fromArray(S, tw, off + j);
                DoubleVector w1i = DoubleVector.fromArray(S, tw, off + q + j);
                DoubleVector yr = tr.add(ur);
                DoubleVector yi = ti.add(ui);
                yr.fma(w1r, yi.mul(w1i).neg()).intoArray(re, i2);
                yr.fma(w1i, yi.mul(w1r)).intoArray(im, i2);
                DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * q + j);
                DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * q + j);
                DoubleVector zr = tr.sub(ur);
                DoubleVector zi = ti.sub(ui);
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
                DoubleVector bbr = xr.fma(w2r, xi.mul(w2i));
                DoubleVector bbi = xi.fma(w2r, xr.mul(w2i).neg());
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
                DoubleVector ccr = yr.fma(w1r, yi.mul(w1i));
                DoubleVector cci = yi.fma(w1r, yr.mul(w1i).neg());
                DoubleVector w3r = DoubleVector.fromArray(S, tw, off + 4 * q + j);
                DoubleVector w3i = DoubleVector.fromArray(S, tw, off + 5 * q + j);
                DoubleVector zr = DoubleVector.fromArray(S, re, i3);
                DoubleVector zi = DoubleVector.fromArray(S, im, i3);
                DoubleVector ddr = zr.fma(w3r, zi.mul(w3i));
                DoubleVector ddi = zi.fma(w3r, zr.mul(w3i).neg());
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
}
