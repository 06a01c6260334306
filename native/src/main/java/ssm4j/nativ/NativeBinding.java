package ssm4j.nativ;

/**
 * Base of every binding class (cudart, cuFFT, cuBLAS, FFTW): the library its downcall handles were made from,
 * which the symbol tests and the "unavailable" reasons ask for. Each subclass binds its functions in its
 * constructor and is made once per JVM by a {@link LazyBinding}.
 */
public abstract class NativeBinding {
    private final NativeLibrary library;

    /** @param library the opened library this binding's handles come from */
    protected NativeBinding(NativeLibrary library) {
        this.library = library;
    }

    /** The library these functions come from. */
    public final NativeLibrary library() {
        return library;
    }
}
