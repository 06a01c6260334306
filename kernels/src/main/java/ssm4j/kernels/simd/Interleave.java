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
     * Writes {@code count ≤ VL} complex values {@code (re[k], im[k])} to {@code out[off + 2k], out[off + 2k + 1]}.
     * {@code tail} is scratch of at least 2·VL floats, used only when {@code count < VL} (no masked store: it
     * would need an AVX-512 mask register to be cheap).
     */
    static void store(FloatVector re, FloatVector im, float[] out, int off, int count, float[] tail) {
        if (count == F.length()) {
            re.rearrange(F_LO, im).intoArray(out, off);
            re.rearrange(F_HI, im).intoArray(out, off + F.length());
        } else {
            re.intoArray(tail, 0);
            im.intoArray(tail, F.length());
            for (int k = 0; k < count; k++) {
                out[off + 2 * k] = tail[k];
                out[off + 2 * k + 1] = tail[F.length() + k];
            }
        }
    }

    /** fp64 version of {@link #store(FloatVector, FloatVector, float[], int, int, float[])}. */
    static void store(DoubleVector re, DoubleVector im, double[] out, int off, int count, double[] tail) {
        if (count == D.length()) {
            re.rearrange(D_LO, im).intoArray(out, off);
            re.rearrange(D_HI, im).intoArray(out, off + D.length());
        } else {
            re.intoArray(tail, 0);
            im.intoArray(tail, D.length());
            for (int k = 0; k < count; k++) {
                out[off + 2 * k] = tail[k];
                out[off + 2 * k + 1] = tail[D.length() + k];
            }
        }
    }

    /**
     * Interleaves {@code count} complex values held as planes {@code src[reOff + i]}, {@code src[imOff + i]} into
     * {@code out[off + 2i], out[off + 2i + 1]}. Planes must be readable to a whole vector past {@code count}.
     */
    static void storeRow(float[] src, int reOff, int imOff, int count, float[] out, int off, float[] tail) {
        for (int i = 0; i < count; i += F.length()) {
            FloatVector re = FloatVector.fromArray(F, src, reOff + i);
            FloatVector im = FloatVector.fromArray(F, src, imOff + i);
            store(re, im, out, off + 2 * i, Math.min(F.length(), count - i), tail);
        }
    }

    /** fp64 version of {@link #storeRow(float[], int, int, int, float[], int, float[])}. */
    static void storeRow(double[] src, int reOff, int imOff, int count, double[] out, int off, double[] tail) {
        for (int i = 0; i < count; i += D.length()) {
            DoubleVector re = DoubleVector.fromArray(D, src, reOff + i);
            DoubleVector im = DoubleVector.fromArray(D, src, imOff + i);
            store(re, im, out, off + 2 * i, Math.min(D.length(), count - i), tail);
        }
    }
}
