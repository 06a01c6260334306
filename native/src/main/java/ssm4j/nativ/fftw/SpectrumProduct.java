package ssm4j.nativ.fftw;

import java.lang.foreign.MemorySegment;

/**
 * The pointwise product of two half spectra (n/2+1 interleaved complex values, FFTW's r2c layout) between
 * off-heap rows: {@code prod[j] = a[j]·b[bOff + j]}. {@link #best()} picks the Vector API version when
 * {@code jdk.incubator.vector} is present (loaded by name, so this package runs without the module), else the
 * scalar one. Implementations are stateless and thread-safe.
 */
public interface SpectrumProduct {
    /** fp32: {@code count} complex values; {@code bOff} in floats; segments hold interleaved floats. */
    void multiply(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count);

    /** fp64: as above with doubles; {@code bOff} in doubles. */
    void multiply64(MemorySegment a, MemorySegment b, long bOff, MemorySegment prod, int count);

    /**
     * The Vector API product when the module is present and the class loads, else {@link ScalarSpectrumProduct};
     * {@code -Dssm4j.fftw.product=scalar} forces the scalar loop (for measurements).
     */
    static SpectrumProduct best() {
        boolean scalar = "scalar".equals(System.getProperty("ssm4j.fftw.product"));
        if (!scalar && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (SpectrumProduct) Class.forName("ssm4j.nativ.fftw.simd.VectorSpectrumProduct")
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.getLogger("ssm4j").log(System.Logger.Level.DEBUG,
                        "ssm4j: vector spectrum product unavailable, using scalar: " + e);
            }
        }
        return new ScalarSpectrumProduct();
    }
}
