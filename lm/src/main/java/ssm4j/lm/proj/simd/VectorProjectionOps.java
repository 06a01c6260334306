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
 * float32 of the bfloat16 — so a BF16 model reads half the bytes per token. Two output rows share each load of x
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
        int o = lo;
        for (; o + 1 < hi; o += 2) {
            for (int b = 0; b < n; b++) {
                int xb = xOff + b * ldx;
                long r0 = (long) o * cols;
                if (bf16) {
                    dot2Bf16(seg, r0, r0 + cols, cols, x, xb, y, yOff + b * ldy + o);
                } else {
                    dot2F32(seg, r0, r0 + cols, cols, x, xb, y, yOff + b * ldy + o);
                }
            }
        }
        for (; o < hi; o++) {
            for (int b = 0; b < n; b++) {
                int xb = xOff + b * ldx;
                long r0 = (long) o * cols;
                y[yOff + b * ldy + o] = bf16 ? dotBf16(seg, r0, cols, x, xb) : dotF32(seg, r0, cols, x, xb);
            }
        }
    }

    private static FloatVector bf16(MemorySegment seg, long elem) {
        ShortVector s = ShortVector.fromMemorySegment(S, seg, elem * 2, LE);
        IntVector i = (IntVector) s.convertShape(VectorOperators.S2I, I, 0);
        return i.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** Rows starting at elements a and b, both written to y[yo] and y[yo+1]. */
    private static void dot2F32(MemorySegment seg, long a, long b, int cols, float[] x, int xb, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        int step = F.length();
        int c = 0;
        for (int bound = cols - 2 * step; c <= bound; c += 2 * step) {
            FloatVector x0 = FloatVector.fromArray(F, x, xb + c);
            FloatVector x1 = FloatVector.fromArray(F, x, xb + c + step);
            a0 = FloatVector.fromMemorySegment(F, seg, (a + c) * 4, LE).fma(x0, a0);
            b0 = FloatVector.fromMemorySegment(F, seg, (b + c) * 4, LE).fma(x0, b0);
            a1 = FloatVector.fromMemorySegment(F, seg, (a + c + step) * 4, LE).fma(x1, a1);
            b1 = FloatVector.fromMemorySegment(F, seg, (b + c + step) * 4, LE).fma(x1, b1);
        }
        for (int bound = cols - step; c <= bound; c += step) {
            FloatVector x0 = FloatVector.fromArray(F, x, xb + c);
            a0 = FloatVector.fromMemorySegment(F, seg, (a + c) * 4, LE).fma(x0, a0);
            b0 = FloatVector.fromMemorySegment(F, seg, (b + c) * 4, LE).fma(x0, b0);
        }
        float sa = a0.add(a1).reduceLanes(VectorOperators.ADD);
        float sb = b0.add(b1).reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            sa += seg.getAtIndex(F32, a + c) * x[xb + c];
            sb += seg.getAtIndex(F32, b + c) * x[xb + c];
        }
        y[yo] = sa;
        y[yo + 1] = sb;
    }

    private static void dot2Bf16(MemorySegment seg, long a, long b, int cols, float[] x, int xb, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        int step = F.length();
        int c = 0;
        for (int bound = cols - 2 * step; c <= bound; c += 2 * step) {
            FloatVector x0 = FloatVector.fromArray(F, x, xb + c);
            FloatVector x1 = FloatVector.fromArray(F, x, xb + c + step);
            a0 = bf16(seg, a + c).fma(x0, a0);
            b0 = bf16(seg, b + c).fma(x0, b0);
            a1 = bf16(seg, a + c + step).fma(x1, a1);
            b1 = bf16(seg, b + c + step).fma(x1, b1);
        }
        for (int bound = cols - step; c <= bound; c += step) {
            FloatVector x0 = FloatVector.fromArray(F, x, xb + c);
            a0 = bf16(seg, a + c).fma(x0, a0);
            b0 = bf16(seg, b + c).fma(x0, b0);
        }
        float sa = a0.add(a1).reduceLanes(VectorOperators.ADD);
        float sb = b0.add(b1).reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            sa += SafeDtype.bf16ToFloat(seg.getAtIndex(I16, a + c)) * x[xb + c];
            sb += SafeDtype.bf16ToFloat(seg.getAtIndex(I16, b + c)) * x[xb + c];
        }
        y[yo] = sa;
        y[yo + 1] = sb;
    }

    private static final ValueLayout.OfShort I16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat F32 =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    private static float dotF32(MemorySegment seg, long a, int cols, float[] x, int xb) {
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (int bound = cols - F.length(); c <= bound; c += F.length()) {
            acc = FloatVector.fromMemorySegment(F, seg, (a + c) * 4, LE).fma(FloatVector.fromArray(F, x, xb + c), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            s += seg.getAtIndex(F32, a + c) * x[xb + c];
        }
        return s;
    }

    private static float dotBf16(MemorySegment seg, long a, int cols, float[] x, int xb) {
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (int bound = cols - F.length(); c <= bound; c += F.length()) {
            acc = bf16(seg, a + c).fma(FloatVector.fromArray(F, x, xb + c), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            s += SafeDtype.bf16ToFloat(seg.getAtIndex(I16, a + c)) * x[xb + c];
        }
        return s;
    }
}
