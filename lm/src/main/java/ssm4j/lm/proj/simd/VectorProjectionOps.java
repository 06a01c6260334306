package ssm4j.lm.proj.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import ssm4j.api.simd.VecMath;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.lm.proj.ProjectionOps;
import ssm4j.lm.proj.WeightMatrix;

/**
 * Vector API {@link ProjectionOps}. Weights stream straight from their segment (a mapped checkpoint): F32 lanes
 * load as floats; BF16 lanes load as half-width shorts, widen to ints and shift left 16, which is exactly the
 * float32 of the bfloat16 — so a BF16 model reads half the bytes per token. Four output rows share each load of x
 * and run four independent FMA chains; the column tail is scalar. Loaded by {@link ProjectionOps#of} only.
 */
public final class VectorProjectionOps implements ProjectionOps {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final VectorSpecies<Integer> I = VecMath.I;
    /** Shorts with as many lanes as {@link #F}: half its bit size (derived, so the one species source rules). */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class,
            VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Public no-arg constructor for {@link ProjectionOps#of}. */
    public VectorProjectionOps() {
    }

    @Override
    public void gemv(WeightMatrix w, int lo, int hi, int n, float[] x, int xOff, int ldx, float[] y, int yOff,
                     int ldy) {
        boolean bf16 = w.dtype() == SafeDtype.BF16;
        MemorySegment seg = w.segment();
        int cols = w.cols();
        float[] lanes = LANES.get();
        int o = lo;
        for (; o + 3 < hi; o += 4) {
            for (int b = 0; b < n; b++) {
                dot4(seg, bf16, (long) o * cols, cols, x, xOff + b * ldx, y, yOff + b * ldy + o, lanes);
            }
        }
        for (; o < hi; o++) {
            for (int b = 0; b < n; b++) {
                y[yOff + b * ldy + o] = dot(seg, bf16, (long) o * cols, cols, x, xOff + b * ldx, lanes);
            }
        }
    }

    /** Per-thread lane buffer for {@link #sum}. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[F.length()]);

    /**
     * The lanes of {@code v} added in lane order. {@code reduceLanes(ADD)} leaves the order to the implementation
     * (the C2 intrinsic adds as a tree, the interpreter in sequence), so its float result would depend on whether
     * a method is compiled yet; a fixed order keeps every result reproducible and equal across dtypes.
     */
    private static float sum(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < lanes.length; i++) {
            s += lanes[i];
        }
        return s;
    }

    /**
     * {@link #F}-many weights from element {@code elem}, widened to float. The dtype test is loop-invariant in
     * every caller, so C2 unswitches the loops and each dtype gets a branch-free body.
     */
    private static FloatVector load(MemorySegment seg, boolean bf16, long elem) {
        if (!bf16) {
            return FloatVector.fromMemorySegment(F, seg, elem * 4, LE);
        }
        ShortVector s = ShortVector.fromMemorySegment(S, seg, elem * 2, LE);
        IntVector i = (IntVector) s.convertShape(VectorOperators.S2I, I, 0);
        return i.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static float scalar(MemorySegment seg, boolean bf16, long elem) {
        return bf16 ? SafeDtype.bf16ToFloat(seg.getAtIndex(I16, elem)) : seg.getAtIndex(F32, elem);
    }

    /**
     * Four consecutive rows from element {@code a} (row length {@code cols}) against one x: four independent FMA
     * chains, each x vector loaded once, results to y[yo .. yo+3].
     */
    private static void dot4(MemorySegment seg, boolean bf16, long a, int cols, float[] x, int xb, float[] y, int yo,
                             float[] lanes) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        long r1 = a + cols;
        long r2 = r1 + cols;
        long r3 = r2 + cols;
        int c = 0;
        for (int bound = cols - F.length(); c <= bound; c += F.length()) {
            FloatVector xv = FloatVector.fromArray(F, x, xb + c);
            s0 = load(seg, bf16, a + c).fma(xv, s0);
            s1 = load(seg, bf16, r1 + c).fma(xv, s1);
            s2 = load(seg, bf16, r2 + c).fma(xv, s2);
            s3 = load(seg, bf16, r3 + c).fma(xv, s3);
        }
        float t0 = sum(s0, lanes);
        float t1 = sum(s1, lanes);
        float t2 = sum(s2, lanes);
        float t3 = sum(s3, lanes);
        for (; c < cols; c++) {
            float xv = x[xb + c];
            t0 += scalar(seg, bf16, a + c) * xv;
            t1 += scalar(seg, bf16, r1 + c) * xv;
            t2 += scalar(seg, bf16, r2 + c) * xv;
            t3 += scalar(seg, bf16, r3 + c) * xv;
        }
        y[yo] = t0;
        y[yo + 1] = t1;
        y[yo + 2] = t2;
        y[yo + 3] = t3;
    }

    private static float dot(MemorySegment seg, boolean bf16, long a, int cols, float[] x, int xb, float[] lanes) {
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (int bound = cols - F.length(); c <= bound; c += F.length()) {
            acc = load(seg, bf16, a + c).fma(FloatVector.fromArray(F, x, xb + c), acc);
        }
        float s = sum(acc, lanes);
        for (; c < cols; c++) {
            s += scalar(seg, bf16, a + c) * x[xb + c];
        }
        return s;
    }

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
}
