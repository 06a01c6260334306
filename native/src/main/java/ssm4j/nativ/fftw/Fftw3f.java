package ssm4j.nativ.fftw;

import java.util.List;

import ssm4j.api.spi.Unavailable;
import ssm4j.nativ.LazyBinding;
import ssm4j.nativ.NativeLibrary;

/**
 * Binding to single-precision FFTW ({@code libfftw3f}): the functions of {@link FftwApi} with prefix
 * {@code fftwf_}. Discovery: {@code -Dssm4j.fftw3f.path}, else {@code libfftw3f.so.3} (the runtime package),
 * else {@code libfftw3f.so} (present only with the -dev package).
 */
public final class Fftw3f extends FftwApi {
    /** System property naming an explicit library file. */
    public static final String PROPERTY = "ssm4j.fftw3f.path";
    /** Sonames tried in order. */
    public static final List<String> NAMES = List.of("libfftw3f.so.3", "libfftw3f.so");

    private static final LazyBinding<Fftw3f> BINDING = new LazyBinding<>("libfftw3f", PROPERTY, NAMES, Fftw3f::new);

    private Fftw3f(NativeLibrary lib) {
        super(lib, "fftwf_");
    }

    /**
     * The binding, made once per JVM on first success (a failure is retried on the next call, so a fixed
     * property can take effect).
     *
     * @throws Unavailable if the library or one of its symbols is missing, with the loader's text
     */
    public static Fftw3f load() {
        return BINDING.get();
    }
}
