package ssm4j.nativ.fftw.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

import ssm4j.nativ.fftw.SpectrumProduct;

/**
 * {@link SpectrumProduct} on the Vector API, straight on the off-heap rows FFTW writes. Interleaved complex:
 * with {@code a = [ar, ai, …]} and {@code b = [br, bi, …]}, {@code a·b = a·dup(br) + swap(a)·dup(bi)·[−1, +1, …]}
 * (re = ar·br − ai·bi, im = ai·br + ar·bi): three lane permutations, one multiply and one FMA per vector of
 * complex values. A species' length is even, so vectors never split a complex pair; the remaining pairs take
 * the scalar loop. Loaded only when {@code jdk.incubator.vector} is present.
 */
public final class VectorSpectrumProduct implements SpectrumProduct {
    private static final VectorSpecies<Float> F = Species.F;
    private static final VectorSpecies<Double> D = Species.D;
    private static final VectorShuffle<Float> F_SWAP = VectorShuffle.fromOp(F, i -> i ^ 1);
    private static final VectorShuffle<Float> F_RE = VectorShuffle.fromOp(F, i -> i & ~1);
    private static final VectorShuffle<Float> F_IM = VectorShuffle.fromOp(F, i -> i | 1);
    private static final VectorShuffle<Double> D_SWAP = VectorShuffle.fromOp(D, i -> i ^ 1);
    private static final VectorShuffle<Double> D_RE = VectorShuffle.fromOp(D, i -> i & ~1);
    private static final VectorShuffle<Double> D_IM = VectorShuffle.fromOp(D, i -> i | 1);
    private static final float[] F_SIGN = new float[F.length()];
    private static final double[] D_SIGN = new double[D.length()];
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    static {
        for (int i = 0; i < F_SIGN.length; i++) {
            F_SIGN[i] = (i & 1) == 0 ? -1f : 1f;
        }
        for (int i = 0; i < D_SIGN.length; i++) {
            D_SIGN[i] = (i & 1) == 0 ? -1.0 : 1.0;
        }
    }

    /** Stateless. */
    public VectorSpectrumProduct() {
    }

    @Override
    public void multiply(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count) {
        FloatVector sign = FloatVector.fromArray(F, F_SIGN, 0);
        int floats = 2 * count;
        int bound = F.loopBound(floats);
        long bBase = 4 * bOff;
        for (int j = 0; j < bound; j += F.length()) {
            long at = 4L * j;
            FloatVector va = FloatVector.fromMemorySegment(F, a, at, ORDER);
            FloatVector vb = FloatVector.fromMemorySegment(F, b, bBase + at, ORDER);
            FloatVector re = va.mul(vb.rearrange(F_RE));
            va.rearrange(F_SWAP).mul(sign).fma(vb.rearrange(F_IM), re).intoMemorySegment(prod, at, ORDER);
        }
        for (long j = bound; j < floats; j += 2) { // remaining pairs (fewer than one vector)
            float ar = a.getAtIndex(ValueLayout.JAVA_FLOAT, j);
            float ai = a.getAtIndex(ValueLayout.JAVA_FLOAT, j + 1);
            float br = b.getAtIndex(ValueLayout.JAVA_FLOAT, bOff + j);
            float bi = b.getAtIndex(ValueLayout.JAVA_FLOAT, bOff + j + 1);
            prod.setAtIndex(ValueLayout.JAVA_FLOAT, j, ar * br - ai * bi);
            prod.setAtIndex(ValueLayout.JAVA_FLOAT, j + 1, ar * bi + ai * br);
        }
    }

    @Override
    public void multiply64(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count) {
        DoubleVector sign = DoubleVector.fromArray(D, D_SIGN, 0);
        int doubles = 2 * count;
        int bound = D.loopBound(doubles);
        long bBase = 8 * bOff;
        for (int j = 0; j < bound; j += D.length()) {
            long at = 8L * j;
            DoubleVector va = DoubleVector.fromMemorySegment(D, a, at, ORDER);
            DoubleVector vb = DoubleVector.fromMemorySegment(D, b, bBase + at, ORDER);
            DoubleVector re = va.mul(vb.rearrange(D_RE));
            va.rearrange(D_SWAP).mul(sign).fma(vb.rearrange(D_IM), re).intoMemorySegment(prod, at, ORDER);
        }
        for (long j = bound; j < doubles; j += 2) { // remaining pairs (fewer than one vector)
            double ar = a.getAtIndex(ValueLayout.JAVA_DOUBLE, j);
            double ai = a.getAtIndex(ValueLayout.JAVA_DOUBLE, j + 1);
            double br = b.getAtIndex(ValueLayout.JAVA_DOUBLE, bOff + j);
            double bi = b.getAtIndex(ValueLayout.JAVA_DOUBLE, bOff + j + 1);
            prod.setAtIndex(ValueLayout.JAVA_DOUBLE, j, ar * br - ai * bi);
            prod.setAtIndex(ValueLayout.JAVA_DOUBLE, j + 1, ar * bi + ai * br);
        }
    }
}
