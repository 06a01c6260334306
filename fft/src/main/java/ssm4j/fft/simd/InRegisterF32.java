package ssm4j.fft.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last log2 VL levels of the fp32 FFT ({@link CfftF32}), done inside each vector of VL consecutive points:
 * butterfly spans VL/2 … 1 pair lanes {@code l} and {@code l XOR span}. Stateless; constants per species.
 */
final class InRegisterF32 {
    private static final VectorSpecies<Float> S = CfftF32.S;
    private static final int VL = CfftF32.VL;
    /** Levels done in registers: spans VL/2, …, 1 (forward order). */
    private static final int LEVELS = Integer.numberOfTrailingZeros(VL);
    /** Lane permutation {@code l → l XOR span} of each in-register level (null where span ≥ VL). */
    private static final VectorShuffle<Float> SWAP1 = swap(1);
    private static final VectorShuffle<Float> SWAP2 = swap(2);
    private static final VectorShuffle<Float> SWAP4 = swap(4);
    private static final VectorShuffle<Float> SWAP8 = swap(8);
    private static final VectorShuffle<Float> SWAP16 = swap(16);
    private static final VectorShuffle<Float> SWAP32 = swap(32);
    /** Level index (forward order) of each span; only used when span < VL. */
    private static final int LV1 = level(1);
    private static final int LV2 = level(2);
    private static final int LV4 = level(4);
    private static final int LV8 = level(8);
    private static final int LV16 = level(16);
    private static final int LV32 = level(32);
    /** Per level (forward order), VL lanes each: ±1, twiddle re, twiddle im. */
    private static final float[] SIGN = new float[LEVELS * VL];
    private static final float[] LANE_WR = new float[LEVELS * VL];
    private static final float[] LANE_WI = new float[LEVELS * VL];

    static {
        for (int lv = 0; lv < LEVELS; lv++) {
            int span = VL >> (lv + 1);
            double[] wr = Stages.laneTwiddles(VL, span, false);
            double[] wi = Stages.laneTwiddles(VL, span, true);
            for (int l = 0; l < VL; l++) {
                SIGN[lv * VL + l] = (l & span) == 0 ? 1 : -1;
                LANE_WR[lv * VL + l] = (float) wr[l];
                LANE_WI[lv * VL + l] = (float) wi[l];
            }
        }
    }

    private static VectorShuffle<Float> swap(int span) {
        return span < VL ? VectorShuffle.fromOp(S, l -> l ^ span) : null;
    }

    private static int level(int span) {
        return LEVELS - 1 - Integer.numberOfTrailingZeros(span);
    }

    private InRegisterF32() {
    }

    /**
     * The last log2 VL DIF levels inside each vector (spans VL/2 … 1): the partner lane comes from a lane
     * permutation, {@code fma(v, ±1, partner)} gives {@code a + b} in low lanes and {@code a − b} in high lanes,
     * then the high lanes take their twiddle (low lanes multiply by 1; span 1 has none). Each level is written
     * out with its own {@code static final} shuffle so that C2 emits one permute per use: a shuffle loaded from
     * a table inside the loop is not intrinsified (measured 8× slower: 23.5 µs instead of 3.0 µs at M = 4096).
     */
    static void forward(float[] re, float[] im, int lo, int hi) {
        if (CfftF32.TWO_LANES) {
            pairs(re, im, lo, hi);
            return;
        }
        for (int i = lo; i < hi; i += VL) {
            FloatVector vr = FloatVector.fromArray(S, re, i);
            FloatVector vi = FloatVector.fromArray(S, im, i);
            FloatVector sg;
            FloatVector wr;
            FloatVector wi;
            FloatVector t;
            if (VL > 32) {
                sg = FloatVector.fromArray(S, SIGN, LV32 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP32));
                vi = vi.fma(sg, vi.rearrange(SWAP32));
                wr = FloatVector.fromArray(S, LANE_WR, LV32 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV32 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 16) {
                sg = FloatVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
                wr = FloatVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 8) {
                sg = FloatVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
                wr = FloatVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 4) {
                sg = FloatVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
                wr = FloatVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 2) {
                sg = FloatVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
                wr = FloatVector.fromArray(S, LANE_WR, LV2 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV2 * VL);
                t = vr.fma(wr, vi.mul(wi).neg());
                vi = vr.fma(wi, vi.mul(wr));
                vr = t;
            }
            if (VL > 1) {
                sg = FloatVector.fromArray(S, SIGN, LV1 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP1));
                vi = vi.fma(sg, vi.rearrange(SWAP1));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }

    /** The DIT mirror of {@link #forward}: spans 1 … VL/2, conjugate twiddle first, then ±. */
    static void inverse(float[] re, float[] im, int lo, int hi) {
        if (CfftF32.TWO_LANES) {
            pairs(re, im, lo, hi);
            return;
        }
        for (int i = lo; i < hi; i += VL) {
            FloatVector vr = FloatVector.fromArray(S, re, i);
            FloatVector vi = FloatVector.fromArray(S, im, i);
            FloatVector sg;
            FloatVector wr;
            FloatVector wi;
            FloatVector t;
            if (VL > 1) {
                sg = FloatVector.fromArray(S, SIGN, LV1 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP1));
                vi = vi.fma(sg, vi.rearrange(SWAP1));
            }
            if (VL > 2) {
                wr = FloatVector.fromArray(S, LANE_WR, LV2 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV2 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = FloatVector.fromArray(S, SIGN, LV2 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP2));
                vi = vi.fma(sg, vi.rearrange(SWAP2));
            }
            if (VL > 4) {
                wr = FloatVector.fromArray(S, LANE_WR, LV4 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV4 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = FloatVector.fromArray(S, SIGN, LV4 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP4));
                vi = vi.fma(sg, vi.rearrange(SWAP4));
            }
            if (VL > 8) {
                wr = FloatVector.fromArray(S, LANE_WR, LV8 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV8 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = FloatVector.fromArray(S, SIGN, LV8 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP8));
                vi = vi.fma(sg, vi.rearrange(SWAP8));
            }
            if (VL > 16) {
                wr = FloatVector.fromArray(S, LANE_WR, LV16 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV16 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = FloatVector.fromArray(S, SIGN, LV16 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP16));
                vi = vi.fma(sg, vi.rearrange(SWAP16));
            }
            if (VL > 32) {
                wr = FloatVector.fromArray(S, LANE_WR, LV32 * VL);
                wi = FloatVector.fromArray(S, LANE_WI, LV32 * VL);
                t = vr.fma(wr, vi.mul(wi));
                vi = vi.fma(wr, vr.mul(wi).neg());
                vr = t;
                sg = FloatVector.fromArray(S, SIGN, LV32 * VL);
                vr = vr.fma(sg, vr.rearrange(SWAP32));
                vi = vi.fma(sg, vi.rearrange(SWAP32));
            }
            vr.intoArray(re, i);
            vi.intoArray(im, i);
        }
    }

    /**
     * The only in-register level of two-lane vectors, span 1, in scalar code ({@link CfftF32#TWO_LANES}): the
     * butterfly {@code (a, b) → (a + b, a − b)} on each pair, without twiddle; it is its own DIT mirror, so
     * {@link #forward} and {@link #inverse} share it.
     */
    private static void pairs(float[] re, float[] im, int lo, int hi) {
        for (int i = lo; i < hi; i += 2) {
            float ar = re[i];
            float ai = im[i];
            float br = re[i + 1];
            float bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
    }
}
