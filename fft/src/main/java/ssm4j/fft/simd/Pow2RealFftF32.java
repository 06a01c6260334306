package ssm4j.fft.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp32 real FFT of power-of-two length n through the complex FFT of length M = n/2 ({@link CfftF32}) on
 * {@code z[j] = x[2j] + i·x[2j+1]}. Spectra stay in the complex FFT's bit-reversed order: position p holds
 * frequency {@code k = bitrev(p)}, and the partner frequency {@code M − k} sits at the mirror position
 * {@code 3S − 1 − p} inside p's octave block {@code [S, 2S)} (S = highest power of two ≤ p), so the real-FFT
 * split {@code X_k = E_k + w^k·O_k}, {@code X_{M−k} = conj(E_k − w^k·O_k)} with {@code E = Z_k + conj Z_{M−k}},
 * {@code O = −i(Z_k − conj Z_{M−k})} (here without the usual ½: {@code X̃ = 2X}) runs over contiguous vectors,
 * the partner vector read backwards. Position 0 packs the two real bins: {@code (X̃_0, X̃_M)}.
 *
 * <p>Every step that permutes lanes (pack, unpack, the split's reversed partner vectors) runs its scalar loop
 * alone where vectors have two lanes ({@link CfftF32#TWO_LANES}): there the permutation would box.
 *
 * <p>Immutable and thread-safe; callers pass their own split scratch arrays {@code zr, zi} of length M.
 */
public final class Pow2RealFftF32 {
    private static final VectorSpecies<Float> S = CfftF32.S;
    private static final int VL = CfftF32.VL;
    /**
     * Octaves below this size take the scalar split: the partner vector of a smaller octave would overlap its own
     * vector. All of them with two-lane vectors, whose lane reversal would box ({@link CfftF32#TWO_LANES}).
     */
    private static final int SCALAR_OCTAVES = CfftF32.TWO_LANES ? Integer.MAX_VALUE : 2 * VL;
    private static final VectorShuffle<Float> REVERSE = VectorShuffle.fromOp(S, l -> VL - 1 - l);
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, l -> 2 * l);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, l -> 2 * l + 1);
    private static final VectorShuffle<Float> ZIP_LO = VectorShuffle.fromOp(S, l -> (l % 2 == 0) ? l / 2 : VL + l / 2);
    private static final VectorShuffle<Float> ZIP_HI =
            VectorShuffle.fromOp(S, l -> (l % 2 == 0) ? VL / 2 + l / 2 : VL + VL / 2 + l / 2);

    /** The real transform length n (a power of two). */
    public final int n;
    /** The complex half length M = n/2. */
    public final int m;
    /** The complex FFT of length M that does the work on the split half. */
    public final CfftF32 cfft;
    final int[] freqAt;
    /** {@code exp(−2πi·k/n)} at each position: re in {@code [0, M)}, im in {@code [M, 2M)}. */
    private final float[] w;

    /** The plan for length {@code n}, a power of two of at least {@link #minLength()}. */
    public Pow2RealFftF32(int n) {
        this.n = n;
        this.m = n / 2;
        Stages st = new Stages(m, VL);
        this.cfft = new CfftF32(st);
        this.freqAt = st.freqAt;
        double[] wd = st.realTwiddles();
        this.w = new float[wd.length];
        for (int i = 0; i < wd.length; i++) {
            w[i] = (float) wd[i];
        }
    }

    /** Smallest supported n: the complex half must fill one vector. */
    public static int minLength() {
        return 2 * VL;
    }

    /** {@code z[j] = x[off+2j] + i·x[off+2j+1]} for {@code 2j+1 < len}, zero beyond (the zero padding to n). */
    public void pack(float[] x, int off, int len, float[] zr, float[] zi) {
        int j = 0;
        for (; !CfftF32.TWO_LANES && j < m && 2 * j + 2 * VL <= len; j += VL) {
            FloatVector v0 = FloatVector.fromArray(S, x, off + 2 * j);
            FloatVector v1 = FloatVector.fromArray(S, x, off + 2 * j + VL);
            v0.rearrange(EVEN, v1).intoArray(zr, j);
            v0.rearrange(ODD, v1).intoArray(zi, j);
        }
        for (; j < m && 2 * j < len; j++) {
            zr[j] = x[off + 2 * j];
            zi[j] = 2 * j + 1 < len ? x[off + 2 * j + 1] : 0;
        }
        for (; j < m; j++) {
            zr[j] = 0;
            zi[j] = 0;
        }
    }

    /**
     * {@code y[yOff+t] = scale·(t even ? Re z[t/2] : Im z[t/2]) + dv·x[xOff+t]} for {@code t < len}: the real
     * signal back from the complex half, truncated to len, plus the D skip of (6.1).
     */
    public void unpack(float[] zr, float[] zi, float scale, float dv, float[] x, int xOff, float[] y, int yOff,
                int len) {
        FloatVector vs = FloatVector.broadcast(S, scale);
        FloatVector vd = FloatVector.broadcast(S, dv);
        int j = 0;
        for (; !CfftF32.TWO_LANES && 2 * j + 2 * VL <= len; j += VL) {
            FloatVector re = FloatVector.fromArray(S, zr, j).mul(vs);
            FloatVector im = FloatVector.fromArray(S, zi, j).mul(vs);
            int t = 2 * j;
            vd.fma(FloatVector.fromArray(S, x, xOff + t), re.rearrange(ZIP_LO, im)).intoArray(y, yOff + t);
            vd.fma(FloatVector.fromArray(S, x, xOff + t + VL), re.rearrange(ZIP_HI, im)).intoArray(y, yOff + t + VL);
        }
        for (int t = 2 * j; t < len; t++) {
            float v = (t & 1) == 0 ? zr[t >> 1] : zi[t >> 1];
            y[yOff + t] = scale * v + dv * x[xOff + t];
        }
    }

    /** {@code y[yOff+t] = scale·(t even ? Re z[t/2] : Im z[t/2])} for {@code t < len} (no skip term). */
    public void unpack(float[] zr, float[] zi, float scale, float[] y, int yOff, int len) {
        FloatVector vs = FloatVector.broadcast(S, scale);
        int j = 0;
        for (; !CfftF32.TWO_LANES && 2 * j + 2 * VL <= len; j += VL) {
            FloatVector re = FloatVector.fromArray(S, zr, j).mul(vs);
            FloatVector im = FloatVector.fromArray(S, zi, j).mul(vs);
            re.rearrange(ZIP_LO, im).intoArray(y, yOff + 2 * j);
            re.rearrange(ZIP_HI, im).intoArray(y, yOff + 2 * j + VL);
        }
        for (int t = 2 * j; t < len; t++) {
            y[yOff + t] = scale * ((t & 1) == 0 ? zr[t >> 1] : zi[t >> 1]);
        }
    }

    /**
     * Spectrum of a real signal from its transformed half Z: writes {@code σ·X̃} ({@code X̃ = 2X}) at each
     * position into {@code (outR, outI)[off, off+M)}, position 0 holding {@code (σ·X̃_0, σ·X̃_M)}.
     */
    public void halfToFull(float[] zr, float[] zi, float sigma, float[] outR, float[] outI, int off) {
        float z0r = zr[0];
        float z0i = zi[0];
        outR[off] = 2 * (z0r + z0i) * sigma;
        outI[off] = 2 * (z0r - z0i) * sigma;
        for (int sz = 1; sz < m && sz < SCALAR_OCTAVES; sz *= 2) {
            for (int p = sz; p < sz + (sz + 1) / 2; p++) {
                int pb = 3 * sz - 1 - p;
                float ar = zr[p];
                float ai = zi[p];
                float pr = zr[pb];
                float pi = zi[pb];
                float er = ar + pr;
                float ei = ai - pi;
                float or = ai + pi;
                float oi = pr - ar;
                float wr = w[p];
                float wi = w[m + p];
                float tr = wr * or - wi * oi;
                float ti = wr * oi + wi * or;
                outR[off + p] = (er + tr) * sigma;
                outI[off + p] = (ei + ti) * sigma;
                outR[off + pb] = (er - tr) * sigma;
                outI[off + pb] = (ti - ei) * sigma;
            }
        }
        FloatVector vs = FloatVector.broadcast(S, sigma);
        for (int sz = SCALAR_OCTAVES; sz < m; sz *= 2) {
            for (int p = sz; p < sz + sz / 2; p += VL) {
                int r0 = 3 * sz - VL - p;
                FloatVector ar = FloatVector.fromArray(S, zr, p);
                FloatVector ai = FloatVector.fromArray(S, zi, p);
                FloatVector pr = FloatVector.fromArray(S, zr, r0).rearrange(REVERSE);
                FloatVector pi = FloatVector.fromArray(S, zi, r0).rearrange(REVERSE);
                FloatVector er = ar.add(pr);
                FloatVector ei = ai.sub(pi);
                FloatVector or = ai.add(pi);
                FloatVector oi = pr.sub(ar);
                FloatVector wr = FloatVector.fromArray(S, w, p);
                FloatVector wi = FloatVector.fromArray(S, w, m + p);
                FloatVector tr = wr.fma(or, wi.mul(oi).neg());
                FloatVector ti = wr.fma(oi, wi.mul(or));
                er.add(tr).mul(vs).intoArray(outR, off + p);
                ei.add(ti).mul(vs).intoArray(outI, off + p);
                er.sub(tr).mul(vs).rearrange(REVERSE).intoArray(outR, off + r0);
                ti.sub(ei).mul(vs).rearrange(REVERSE).intoArray(outI, off + r0);
            }
        }
    }

    /**
     * The inverse of {@link #halfToFull} without its scale: from a real signal's spectrum Y (same positions,
     * position 0 = {@code (Y_0, Y_M)}) writes the half {@code Z'' = (Y_k + conj Y_{M−k}) + i·w̄^k·(Y_k − conj
     * Y_{M−k})} whose unnormalised inverse complex FFT is {@code n·y} (2M times the real signal, pairs packed).
     */
    public void fullToHalf(float[] yr, float[] yi, float[] outR, float[] outI) {
        float y0 = yr[0];
        float ym = yi[0];
        outR[0] = y0 + ym;
        outI[0] = y0 - ym;
        for (int sz = 1; sz < m && sz < SCALAR_OCTAVES; sz *= 2) {
            for (int p = sz; p < sz + (sz + 1) / 2; p++) {
                int pb = 3 * sz - 1 - p;
                fullToHalfScalar(yr[p], yi[p], yr[pb], yi[pb], w[p], w[m + p], outR, outI, p, pb);
            }
        }
        for (int sz = SCALAR_OCTAVES; sz < m; sz *= 2) {
            for (int p = sz; p < sz + sz / 2; p += VL) {
                int r0 = 3 * sz - VL - p;
                FloatVector y1r = FloatVector.fromArray(S, yr, p);
                FloatVector y1i = FloatVector.fromArray(S, yi, p);
                FloatVector y2r = FloatVector.fromArray(S, yr, r0).rearrange(REVERSE);
                FloatVector y2i = FloatVector.fromArray(S, yi, r0).rearrange(REVERSE);
                FloatVector w0r = FloatVector.fromArray(S, w, p);
                FloatVector w0i = FloatVector.fromArray(S, w, m + p);
                // Z''_k at p and Z''_{M−k} at the reversed partner vector starting at r0 (written out here, not
                // a helper: a helper taking vectors is not inlined at 512 bits, where this loop is rarely hot,
                // and its six vector arguments were boxed on every call, issue 14)
                FloatVector er2 = y1r.add(y2r);
                FloatVector ei2 = y1i.sub(y2i);
                FloatVector dr2 = y1r.sub(y2r);
                FloatVector di2 = y1i.add(y2i);
                FloatVector or2 = dr2.fma(w0r, di2.mul(w0i));    // O'' = D·w̄
                FloatVector oi2 = di2.fma(w0r, dr2.mul(w0i).neg());
                er2.sub(oi2).intoArray(outR, p);                 // E'' + i·O''
                ei2.add(or2).intoArray(outI, p);
                er2.add(oi2).rearrange(REVERSE).intoArray(outR, r0);   // conj(E'' − i·O'')
                or2.sub(ei2).rearrange(REVERSE).intoArray(outI, r0);
            }
        }
    }

    /**
     * The fused spectral step of one convolution row: {@link #halfToFull} of Z, times the kernel spectrum K̃
     * (stored at {@code (kr, ki)[kOff, kOff+M)} as {@code σ·X̃} of the kernel with σ = 1/(4n), position 0 its
     * two real bins), then {@link #fullToHalf}; one pass over the row. Output may alias the input.
     */
    public void convolve(float[] zr, float[] zi, float[] kr, float[] ki, int kOff, float[] outR, float[] outI) {
        float z0r = zr[0];
        float z0i = zi[0];
        float y0 = 2 * (z0r + z0i) * kr[kOff];
        float ym = 2 * (z0r - z0i) * ki[kOff];
        outR[0] = y0 + ym;
        outI[0] = y0 - ym;
        for (int sz = 1; sz < m && sz < SCALAR_OCTAVES; sz *= 2) {
            for (int p = sz; p < sz + (sz + 1) / 2; p++) {
                int pb = 3 * sz - 1 - p;
                float ar = zr[p];
                float ai = zi[p];
                float pr = zr[pb];
                float pi = zi[pb];
                float er = ar + pr;
                float ei = ai - pi;
                float or = ai + pi;
                float oi = pr - ar;
                float wr = w[p];
                float wi = w[m + p];
                float tr = wr * or - wi * oi;
                float ti = wr * oi + wi * or;
                float x1r = er + tr;
                float x1i = ei + ti;
                float x2r = er - tr;
                float x2i = ti - ei;
                float k1r = kr[kOff + p];
                float k1i = ki[kOff + p];
                float k2r = kr[kOff + pb];
                float k2i = ki[kOff + pb];
                fullToHalfScalar(x1r * k1r - x1i * k1i, x1r * k1i + x1i * k1r, x2r * k2r - x2i * k2i,
                        x2r * k2i + x2i * k2r, wr, wi, outR, outI, p, pb);
            }
        }
        for (int sz = SCALAR_OCTAVES; sz < m; sz *= 2) {
            for (int p = sz; p < sz + sz / 2; p += VL) {
                int r0 = 3 * sz - VL - p;
                FloatVector ar = FloatVector.fromArray(S, zr, p);
                FloatVector ai = FloatVector.fromArray(S, zi, p);
                FloatVector pr = FloatVector.fromArray(S, zr, r0).rearrange(REVERSE);
                FloatVector pi = FloatVector.fromArray(S, zi, r0).rearrange(REVERSE);
                FloatVector wr = FloatVector.fromArray(S, w, p);
                FloatVector wi = FloatVector.fromArray(S, w, m + p);
                FloatVector er = ar.add(pr);
                FloatVector ei = ai.sub(pi);
                FloatVector or = ai.add(pi);
                FloatVector oi = pr.sub(ar);
                FloatVector tr = wr.fma(or, wi.mul(oi).neg());
                FloatVector ti = wr.fma(oi, wi.mul(or));
                FloatVector x1r = er.add(tr);
                FloatVector x1i = ei.add(ti);
                FloatVector x2r = er.sub(tr);
                FloatVector x2i = ti.sub(ei);
                FloatVector k1r = FloatVector.fromArray(S, kr, kOff + p);
                FloatVector k1i = FloatVector.fromArray(S, ki, kOff + p);
                FloatVector k2r = FloatVector.fromArray(S, kr, kOff + r0).rearrange(REVERSE);
                FloatVector k2i = FloatVector.fromArray(S, ki, kOff + r0).rearrange(REVERSE);
                FloatVector y1r = x1r.fma(k1r, x1i.mul(k1i).neg());
                FloatVector y1i = x1r.fma(k1i, x1i.mul(k1r));
                FloatVector y2r = x2r.fma(k2r, x2i.mul(k2i).neg());
                FloatVector y2i = x2r.fma(k2i, x2i.mul(k2r));
                // Z''_k at p and Z''_{M−k} at the reversed partner vector at r0 (written out as in fullToHalf)
                FloatVector er2 = y1r.add(y2r);
                FloatVector ei2 = y1i.sub(y2i);
                FloatVector dr2 = y1r.sub(y2r);
                FloatVector di2 = y1i.add(y2i);
                FloatVector or2 = dr2.fma(wr, di2.mul(wi));    // O'' = D·w̄
                FloatVector oi2 = di2.fma(wr, dr2.mul(wi).neg());
                er2.sub(oi2).intoArray(outR, p);                 // E'' + i·O''
                ei2.add(or2).intoArray(outI, p);
                er2.add(oi2).rearrange(REVERSE).intoArray(outR, r0);   // conj(E'' − i·O'')
                or2.sub(ei2).rearrange(REVERSE).intoArray(outI, r0);
            }
        }
    }

    private static void fullToHalfScalar(float y1r, float y1i, float y2r, float y2i, float wr, float wi,
                                         float[] outR, float[] outI, int p, int pb) {
        float er = y1r + y2r;
        float ei = y1i - y2i;
        float dr = y1r - y2r;
        float di = y1i + y2i;
        float or = dr * wr + di * wi;
        float oi = di * wr - dr * wi;
        outR[p] = er - oi;
        outI[p] = ei + or;
        outR[pb] = er + oi;
        outI[pb] = or - ei;
    }
}
