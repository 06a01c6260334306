package ssm4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

/**
 * Stores planar (re, im) vector pairs into an interleaved complex array and splits interleaved input into planes.
 * The kernels compute in planes (one vector of real parts, one of imaginary parts, lanes = consecutive l) because
 * every lane then runs the same arithmetic; the public layout is interleaved (SPEC 0.3), so the conversion happens
 * once per output vector, outside the pole loop, with two two-source shuffles (no scatter, which AVX2 lacks).
 */
final class Interleave {
    static final VectorSpecies<Float> F = Species.F;
    static final VectorSpecies<Double> D = Species.D;

    /** Lane i of the low half: even i takes re[i/2], odd i takes im[i/2] (negative index = second source). */
    private static final VectorShuffle<Float> F_LO = VectorShuffle.fromOp(F, i -> zip(i, 0, F.length()));
    private static final VectorShuffle<Float> F_HI = VectorShuffle.fromOp(F, i -> zip(i, F.length() / 2, F.length()));
    private static final VectorShuffle<Double> D_LO = VectorShuffle.fromOp(D, i -> zip(i, 0, D.length()));
    private static final VectorShuffle<Double> D_HI = VectorShuffle.fromOp(D, i -> zip(i, D.length() / 2, D.length()));

    private Interleave() {
    }

    private static int zip(int lane, int base, int vl) {
        int src = base + lane / 2;
        return (lane & 1) == 0 ? src : src - vl; // exceptional (negative) index selects from the second vector
    }

    /**
     * Interleaves {@code count} complex values held as planes {@code src[reOff + i]}, {@code src[imOff + i]} into
     * {@code out[off + 2i], out[off + 2i + 1]}: whole vectors by two two-source shuffles, the tail by scalar copies.
     * Takes arrays, never vectors: a helper with vector arguments that C2 leaves out of line boxes them.
     */
    static void storeRow(float[] src, int reOff, int imOff, int count, float[] out, int off) {
        int vl = F.length();
        int i = 0;
        for (; i + vl <= count; i += vl) {
            FloatVector re = FloatVector.fromArray(F, src, reOff + i);
            FloatVector im = FloatVector.fromArray(F, src, imOff + i);
            re.rearrange(F_LO, im).intoArray(out, off + 2 * i);
            re.rearrange(F_HI, im).intoArray(out, off + 2 * i + vl);
        }
        for (; i < count; i++) {   // the tail straight from the planes: no partial vector, no scratch
            out[off + 2 * i] = src[reOff + i];
            out[off + 2 * i + 1] = src[imOff + i];
        }
    }

    /**
     * fp64 version of {@link #storeRow(float[], int, int, int, float[], int)}. With two-lane doubles (128-bit
     * vectors) the whole row takes the scalar copies: C2 (JDK 25) does not intrinsify a two-lane shuffle, and its
     * Java fallback allocated ~220 bytes per shuffle, 218 MB per fp64 Cauchy call of H=64, L=4096 (measured).
     */
    static void storeRow(double[] src, int reOff, int imOff, int count, double[] out, int off) {
        int vl = D.length();
        int i = 0;
        for (; vl > 2 && i + vl <= count; i += vl) {
            DoubleVector re = DoubleVector.fromArray(D, src, reOff + i);
            DoubleVector im = DoubleVector.fromArray(D, src, imOff + i);
            re.rearrange(D_LO, im).intoArray(out, off + 2 * i);
            re.rearrange(D_HI, im).intoArray(out, off + 2 * i + vl);
        }
        for (; i < count; i++) {
            out[off + 2 * i] = src[reOff + i];
            out[off + 2 * i + 1] = src[imOff + i];
        }
    }
}
