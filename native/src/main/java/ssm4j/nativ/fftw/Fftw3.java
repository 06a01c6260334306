package ssm4j.nativ.fftw;

import java.util.List;

import ssm4j.api.spi.Unavailable;
import ssm4j.nativ.LazyBinding;
import ssm4j.nativ.NativeLibrary;

/**
 * Binding to double-precision FFTW ({@code libfftw3}): the functions of {@link FftwApi} with prefix
 * {@code fftw_}. Discovery: {@code -Dssm4j.fftw3.path}, else {@code libfftw3.so.3} (the runtime package),
 * else {@code libfftw3.so} (present only with the -dev package).
 */
public final class Fftw3 extends FftwApi {
    /** System property naming an explicit library file. */
    public static final String PROPERTY = "ssm4j.fftw3.path";
    /** Sonames tried in order. */
    public static final List<String> NAMES = List.of("libfftw3.so.3", "libfftw3.so");

    private static final LazyBinding<Fftw3> BINDING = new LazyBinding<>("libfftw3", PROPERTY, NAMES, Fftw3::new);

    private Fftw3(NativeLibrary lib) {
        super(lib, "fftw_");
    }

    /**
     * The binding, made once per JVM on first success (a failure is retried on the next call, so a fixed
     * property can take effect).
     *
     * @throws Unavailable if the library or one of its symbols is missing, with the loader's text
     */
    public static Fftw3 load() {
        return BINDING.get();
    }
}
