package ssm4j.fft;

import java.lang.reflect.Constructor;

import ssm4j.api.Check;
import ssm4j.fft.ref.JTransformsInverseRealFft;

/**
 * The one place that picks an FFT tier: the Vector API FFT of {@code ssm4j.fft.simd} for the vector tiers, loaded
 * by class name (so this class, and the scalar tier, load without {@code jdk.incubator.vector}), else JTransforms.
 * The scalar tier asks for JTransforms explicitly: it is the reference the vector tier is tested against.
 */
public final class RealFfts {
    private static final String VECTOR_INVERSE = "ssm4j.fft.simd.VectorInverseRealFft";

    private RealFfts() {
    }

    /** Holder idiom: the vector FFT's constructor, or null with the reason, looked up once. */
    private static final class Vector {
        static final Constructor<?> INVERSE;
        static final String WHY_NOT;

        static {
            Constructor<?> c = null;
            String why = null;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                why = "jdk.incubator.vector is not in the boot layer";
            } else {
                try {
                    c = Class.forName(VECTOR_INVERSE).getConstructor(int.class);
                } catch (ReflectiveOperationException | LinkageError e) {
                    why = VECTOR_INVERSE + " failed to load: " + e;
                }
            }
            INVERSE = c;
            WHY_NOT = why;
        }
    }

    /**
     * An inverse real FFT of length {@code n} for one thread: the Vector API one when {@code vector} is set and the
     * module is present, otherwise JTransforms.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static InverseRealFft inverse(int n, boolean vector) {
        Check.positive("n", n);
        if (vector && Vector.INVERSE != null) {
            try {
                return (InverseRealFft) Vector.INVERSE.newInstance(n);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("vector inverse FFT of length " + n + ": " + e.getCause(), e);
            }
        }
        return new JTransformsInverseRealFft(n);
    }

    /** Null when the Vector API FFT can run here, else why it cannot. */
    public static String vectorUnavailableReason() {
        return Vector.WHY_NOT;
    }
}
