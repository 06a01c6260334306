// GENERATED from fft/src/main/java/ssm4j/fft/simd/Pow2RealFftF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.fft.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp64 real FFT of power-of-two length n through the complex FFT of length M = n/2 ({@link CfftF64}) on
 * {@code z[j] = x[2j] + i·x[2j+1]}. Spectra stay in the complex FFT's bit-reversed order: position p holds
 * frequency {@code k = bitrev(p)}, and the partner frequency {@code M − k} sits at the mirror position
 * {@code 3S − 1 − p} inside p's octave block {@code [S, 2S)} (S = highest power of two ≤ p), so the real-FFT
 * split {@code X_k = E_k + w^k·O_k}, {@code X_{M−k} = conj(E_k − w^k·O_k)} with {@code E = Z_k + conj Z_{M−k}},
 * {@code O = −i(Z_k − conj Z_{M−k})} (here without the usual ½: {@code X̃ = 2X}) runs over contiguous vectors,
 * the partner vector read backwards. Position 0 packs the two real bins: {@code (X̃_0, X̃_M)}.
 *
 * <p>Every step that permutes lanes (pack, unpack, the split's reversed partner vectors) runs its scalar loop
 * alone where vectors have two lanes ({@link CfftF64#TWO_LANES}): there the permutation would box.
 *
 * <p>Immutable and thread-safe; callers pass their own split scratch arrays {@code zr, zi} of length M.
 */
public final class Pow2RealFftF64 {
    private static final VectorSpecies<Double> S = CfftF64.S;
    private static final int VL = CfftF64.VL;
    /**
     * Octaves below this size take the scalar split: the partner vector of a smaller octave would overlap its own
     * vector. All of them with two-lane vectors, whose lane reversal would box ({@link CfftF64#TWO_LANES}).
     */
    private static final int SCALAR_OCTAVES = CfftF64.TWO_LANES ? Integer.MAX_VALUE : 2 * VL;
    private static final VectorShuffle<Double> REVERSE = VectorShuffle.fromOp(S, l -> VL - 1 - l);
    private static final VectorShuffle<Double> EVEN = VectorShuffle.fromOp(S, l -> 2 * l);
    private static final VectorShuffle<Double> ODD = VectorShuffle.fromOp(S, l -> 2 * l + 1);
    private static final VectorShuffle<Double> ZIP_LO = VectorShuffle.fromOp(S, l -> (l % 2 == 0) ? l / 2 : VL + l / 2);
    private static final VectorShuffle<Double> ZIP_HI =
            VectorShuffle.fromOp(S, l -> (l % 2 == 0) ? VL / 2 + l / 2 : VL + VL / 2 + l / 2);

    /** The real transform length n (a power of two). */
    public final int n;
    /** The complex half length M = n/2. */
    public final int m;
    /** The complex FFT of length M that does the work on the split half. */
    public final CfftF64 cfft;
    final int[] freqAt;
    /** {@code exp(−2πi·k/n)} at each position: re in {@code [0, M)}, im in {@code [M, 2M)}. */
    private final double[] w;

    /** The plan for length {@code n}, a power of two of at least {@link #minLength()}. */
    public Pow2RealFftF64(int n) {
        this.n = n;
        this.m = n / 2;
        Stages st = new Stages(m, VL);
        this.cfft = new CfftF64(st);
        this.freqAt = st.freqAt;
        double[] wd = st.realTwiddles();
        this.w = new double[wd.length];
        for (int i = 0; i < wd.length; i++) {
            w[i] = (double) wd[i];
        }
    }

    /** Smallest supported n: the complex half must fill one vector. */
    public static int minLength() {
        return 2 * VL;
    }

    /** {@code z[j] = x[off+2j] + i·x[off+2j+1]} for {@code 2j+1 < len}, zero beyond (the zero padding to n). */
    public void pack(double[] x, int off, int len, double[] zr, double[] zi) {
        int j = 0;
        for (; !CfftF64.TWO_LANES && j < m && 2 * j + 2 * VL <= len; j += VL) {
            DoubleVector v0 = DoubleVector.fromArray(S, x, off + 2 * j);
            DoubleVector v1 = DoubleVector.fromArray(S, x, off + 2 * j + VL);
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
    public void unpack(double[] zr, double[] zi, double scale, double dv, double[] x, int xOff, double[] y, int yOff,
                int len) {
        DoubleVector vs = DoubleVector.broadcast(S, scale);
        DoubleVector vd = DoubleVector.broadcast(S, dv);
        int j = 0;
        for (; !CfftF64.TWO_LANES && 2 * j + 2 * VL <= len; j += VL) {
            DoubleVector re = DoubleVector.fromArray(S, zr, j).mul(vs);
            DoubleVector im = DoubleVector.fromArray(S, zi, j).mul(vs);
            int t = 2 * j;
            vd.fma(DoubleVector.fromArray(S, x, xOff + t), re.rearrange(ZIP_LO, im)).intoArray(y, yOff + t);
            vd.fma(DoubleVector.fromArray(S, x, xOff + t + VL), re.rearrange(ZIP_HI, im)).intoArray(y, yOff + t + VL);
        }
        for (int t = 2 * j; t < len; t++) {
            double v = (t & 1) == 0 ? zr[t >> 1] : zi[t >> 1];
            y[yOff + t] = scale * v + dv * x[xOff + t];
        }
    }

    /** {@code y[yOff+t] = scale·(t even ? Re z[t/2] : Im z[t/2])} for {@code t < len} (no skip term). */
    public void unpack(double[] zr, double[] zi, double scale, double[] y, int yOff, int len) {
        DoubleVector vs = DoubleVector.broadcast(S, scale);
        int j = 0;
        for (; !CfftF64.TWO_LANES && 2 * j + 2 * VL <= len; j += VL) {
            DoubleVector re = DoubleVector.fromArray(S, zr, j).mul(vs);
            DoubleVector im = DoubleVector.fromArray(S, zi, j).mul(vs);
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
    public void halfToFull(double[] zr, double[] zi, double sigma, double[] outR, double[] outI, int off) {
        double z0r = zr[0];
        double z0i = zi[0];
        outR[off] = 2 * (z0r + z0i) * sigma;
        outI[off] = 2 * (z0r - z0i) * sigma;
        for (int sz = 1; sz < m && sz < SCALAR_OCTAVES; sz *= 2) {
            for (int p = sz; p < sz + (sz + 1) / 2; p++) {
                int pb = 3 * sz - 1 - p;
                double ar = zr[p];
                double ai = zi[p];
                double pr = zr[pb];
                double pi = zi[pb];
                double er = ar + pr;
                double ei = ai - pi;
                double or = ai + pi;
                double oi = pr - ar;
                double wr = w[p];
                double wi = w[m + p];
                double tr = wr * or - wi * oi;
                double ti = wr * oi + wi * or;
                outR[off + p] = (er + tr) * sigma;
                outI[off + p] = (ei + ti) * sigma;
                outR[off + pb] = (er - tr) * sigma;
                outI[off + pb] = (ti - ei) * sigma;
            }
        }
        DoubleVector vs = DoubleVector.broadcast(S, sigma);
        for (int sz = SCALAR_OCTAVES; sz < m; sz *= 2) {
            for (int p = sz; p < sz + sz / 2; p += VL) {
                int r0 = 3 * sz - VL - p;
                DoubleVector ar = DoubleVector.fromArray(S, zr, p);
                DoubleVector ai = DoubleVector.fromArray(S, zi, p);
                DoubleVector pr = DoubleVector.fromArray(S, zr, r0).rearrange(REVERSE);
                DoubleVector pi = DoubleVector.fromArray(S, zi, r0).rearrange(REVERSE);
                DoubleVector er = ar.add(pr);
                DoubleVector ei = ai.sub(pi);
                DoubleVector or = ai.add(pi);
                DoubleVector oi = pr.sub(ar);
                DoubleVector wr = DoubleVector.fromArray(S, w, p);
                DoubleVector wi = DoubleVector.fromArray(S, w, m + p);
                DoubleVector tr = wr.fma(or, wi.mul(oi).neg());
                DoubleVector ti = wr.fma(oi, wi.mul(or));
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
    public void fullToHalf(double[] yr, double[] yi, double[] outR, double[] outI) {
        double y0 = yr[0];
        double ym = yi[0];
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
                DoubleVector y1r = DoubleVector.fromArray(S, yr, p);
                DoubleVector y1i = DoubleVector.fromArray(S, yi, p);
                DoubleVector y2r = DoubleVector.fromArray(S, yr, r0).rearrange(REVERSE);
                DoubleVector y2i = DoubleVector.fromArray(S, yi, r0).rearrange(REVERSE);
                DoubleVector w0r = DoubleVector.fromArray(S, w, p);
                DoubleVector w0i = DoubleVector.fromArray(S, w, m + p);
                // Z''_k at p and Z''_{M−k} at the reversed partner vector starting at r0 (written out here, not
                // a helper: a helper taking vectors is not inlined at 512 bits, where this loop is rarely hot,
                // and its six vector arguments were boxed on every call, issue 14)
                DoubleVector er2 = y1r.add(y2r);
                DoubleVector ei2 = y1i.sub(y2i);
                DoubleVector dr2 = y1r.sub(y2r);
                DoubleVector di2 = y1i.add(y2i);
                DoubleVector or2 = dr2.fma(w0r, di2.mul(w0i));    // O'' = D·w̄
                DoubleVector oi2 = di2.fma(w0r, dr2.mul(w0i).neg());
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
    public void convolve(double[] zr, double[] zi, double[] kr, double[] ki, int kOff, double[] outR, double[] outI) {
        double z0r = zr[0];
        double z0i = zi[0];
        double y0 = 2 * (z0r + z0i) * kr[kOff];
        double ym = 2 * (z0r - z0i) * ki[kOff];
        outR[0] = y0 + ym;
        outI[0] = y0 - ym;
        for (int sz = 1; sz < m && sz < SCALAR_OCTAVES; sz *= 2) {
            for (int p = sz; p < sz + (sz + 1) / 2; p++) {
                int pb = 3 * sz - 1 - p;
                double ar = zr[p];
                double ai = zi[p];
                double pr = zr[pb];
                double pi = zi[pb];
                double er = ar + pr;
                double ei = ai - pi;
                double or = ai + pi;
                double oi = pr - ar;
                double wr = w[p];
                double wi = w[m + p];
                double tr = wr * or - wi * oi;
                double ti = wr * oi + wi * or;
                double x1r = er + tr;
                double x1i = ei + ti;
                double x2r = er - tr;
                double x2i = ti - ei;
                double k1r = kr[kOff + p];
                double k1i = ki[kOff + p];
                double k2r = kr[kOff + pb];
                double k2i = ki[kOff + pb];
                fullToHalfScalar(x1r * k1r - x1i * k1i, x1r * k1i + x1i * k1r, x2r * k2r - x2i * k2i,
                        x2r * k2i + x2i * k2r, wr, wi, outR, outI, p, pb);
            }
        }
        for (int sz = SCALAR_OCTAVES; sz < m; sz *= 2) {
            for (int p = sz; p < sz + sz / 2; p += VL) {
                int r0 = 3 * sz - VL - p;
                DoubleVector ar = DoubleVector.fromArray(S, zr, p);
                DoubleVector ai = DoubleVector.fromArray(S, zi, p);
                DoubleVector pr = DoubleVector.fromArray(S, zr, r0).rearrange(REVERSE);
                DoubleVector pi = DoubleVector.fromArray(S, zi, r0).rearrange(REVERSE);
                DoubleVector wr = DoubleVector.fromArray(S, w, p);
                DoubleVector wi = DoubleVector.fromArray(S, w, m + p);
                DoubleVector er = ar.add(pr);
                DoubleVector ei = ai.sub(pi);
                DoubleVector or = ai.add(pi);
                DoubleVector oi = pr.sub(ar);
                DoubleVector tr = wr.fma(or, wi.mul(oi).neg());
                DoubleVector ti = wr.fma(oi, wi.mul(or));
                DoubleVector x1r = er.add(tr);
                DoubleVector x1i = ei.add(ti);
                DoubleVector x2r = er.sub(tr);
                DoubleVector x2i = ti.sub(ei);
                DoubleVector k1r = DoubleVector.fromArray(S, kr, kOff + p);
                DoubleVector k1i = DoubleVector.fromArray(S, ki, kOff + p);
                DoubleVector k2r = DoubleVector.fromArray(S, kr, kOff + r0).rearrange(REVERSE);
                DoubleVector k2i = DoubleVector.fromArray(S, ki, kOff + r0).rearrange(REVERSE);
                DoubleVector y1r = x1r.fma(k1r, x1i.mul(k1i).neg());
                DoubleVector y1i = x1r.fma(k1i, x1i.mul(k1r));
                DoubleVector y2r = x2r.fma(k2r, x2i.mul(k2i).neg());
                DoubleVector y2i = x2r.fma(k2i, x2i.mul(k2r));
                // Z''_k at p and Z''_{M−k} at the reversed partner vector at r0 (written out as in fullToHalf)
                DoubleVector er2 = y1r.add(y2r);
                DoubleVector ei2 = y1i.sub(y2i);
                DoubleVector dr2 = y1r.sub(y2r);
                DoubleVector di2 = y1i.add(y2i);
                DoubleVector or2 = dr2.fma(wr, di2.mul(wi));    // O'' = D·w̄
                DoubleVector oi2 = di2.fma(wr, dr2.mul(wi).neg());
                er2.sub(oi2).intoArray(outR, p);                 // E'' + i·O''
                ei2.add(or2).intoArray(outI, p);
                er2.add(oi2).rearrange(REVERSE).intoArray(outR, r0);   // conj(E'' − i·O'')
                or2.sub(ei2).rearrange(REVERSE).intoArray(outI, r0);
            }
        }
    }

    private static void fullToHalfScalar(double y1r, double y1i, double y2r, double y2i, double wr, double wi,
                                         double[] outR, double[] outI, int p, int pb) {
        double er = y1r + y2r;
        double ei = y1i - y2i;
        double dr = y1r - y2r;
        double di = y1i + y2i;
        double or = dr * wr + di * wi;
        double oi = di * wr - dr * wi;
        outR[p] = er - oi;
        outI[p] = ei + or;
        outR[pb] = er + oi;
        outI[pb] = or - ei;
    }
}
