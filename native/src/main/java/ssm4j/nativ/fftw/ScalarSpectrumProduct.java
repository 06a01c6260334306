package ssm4j.nativ.fftw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@link SpectrumProduct} in plain Java (the tier without {@code jdk.incubator.vector}). */
public final class ScalarSpectrumProduct implements SpectrumProduct {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;

    /** Stateless. */
    public ScalarSpectrumProduct() {
    }

    @Override
    public void multiply(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count) {
        for (long j = 0, end = 2L * count; j < end; j += 2) {
            float ar = a.getAtIndex(F, j);
            float ai = a.getAtIndex(F, j + 1);
            float br = b.getAtIndex(F, bOff + j);
            float bi = b.getAtIndex(F, bOff + j + 1);
            prod.setAtIndex(F, j, ar * br - ai * bi);
            prod.setAtIndex(F, j + 1, ar * bi + ai * br);
        }
    }

    @Override
    public void multiply64(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count) {
        for (long j = 0, end = 2L * count; j < end; j += 2) {
            double ar = a.getAtIndex(D, j);
            double ai = a.getAtIndex(D, j + 1);
            double br = b.getAtIndex(D, bOff + j);
            double bi = b.getAtIndex(D, bOff + j + 1);
            prod.setAtIndex(D, j, ar * br - ai * bi);
            prod.setAtIndex(D, j + 1, ar * bi + ai * br);
        }
    }
}
