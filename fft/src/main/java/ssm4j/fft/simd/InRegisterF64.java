// GENERATED from fft/src/main/java/ssm4j/fft/simd/InRegisterF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.fft.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last log2 VL levels of the fp64 FFT ({@link CfftF64}), done inside each vector of VL consecutive points:
 * butterfly spans VL/2 … 1 pair lanes {@code l} and {@code l XOR span}. Stateless; constants per species.
 */
final class InRegisterF64 {
    private static final VectorSpecies<Double> S = CfftF64.S;
    private static final int VL = CfftF64.VL;
    /** Levels done in registers: spans VL/2, …, 1 (forward order). */
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

    private InRegisterF64() {
    }

    /**
     * The last log2 VL DIF levels inside each vector (spans VL/2 … 1): the partner lane comes from a lane
     * permutation, {@code fma(v, ±1, partner)} gives {@code a + b} in low lanes and {@code a − b} in high lanes,
     * then the high lanes take their twiddle (low lanes multiply by 1; span 1 has none). Each level is written
     * out with its own {@code static final} shuffle so that C2 emits one permute per use: a shuffle loaded from
     * a table inside the loop is not intrinsified (measured 8× slower: 23.5 µs instead of 3.0 µs at M = 4096).
     */
    static void forward(double[] re, double[] im, int lo, int hi) {
        if (CfftF64.TWO_LANES) {
            pairs(re, im, lo, hi);
            return;
        }
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
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 16) {
                sg = DoubleVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
                wr = DoubleVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 8) {
                sg = DoubleVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
                wr = DoubleVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 4) {
                sg = DoubleVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
                wr = DoubleVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 2) {
                sg = DoubleVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
                wr = DoubleVector.fromArray(S, LANE_WR, LV2 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV2 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
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

    /** The DIT mirror of {@link #forward}: spans 1 … VL/2, conjugate twiddle first, then ±. */
    static void inverse(double[] re, double[] im, int lo, int hi) {
        if (CfftF64.TWO_LANES) {
            pairs(re, im, lo, hi);
            return;
        }
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
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
            }
            if (VL > 4) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
            }
            if (VL > 8) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
            }
            if (VL > 16) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
            }
            if (VL > 32) {
                wr = DoubleVector.fromArray(S, LANE_WR, LV32 * VL);
                wi = DoubleVector.fromArray(S, LANE_WI, LV32 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = DoubleVector.fromArray(S, SIGN, LV32 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP32));
                vi = vi.fma(sg, vi.rearrange(SWAP32));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }

    /**
     * The only in-register level of two-lane vectors, span 1, in scalar code ({@link CfftF64#TWO_LANES}): the
     * butterfly {@code (a, b) → (a + b, a − b)} on each pair, without twiddle; it is its own DIT mirror, so
     * {@link #forward} and {@link #inverse} share it.
     */
    private static void pairs(double[] re, double[] im, int lo, int hi) {
        for (int i = lo; i < hi; i += 2) {
            double ar = re[i];
            double ai = im[i];
            double br = re[i + 1];
            double bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
    }
}
