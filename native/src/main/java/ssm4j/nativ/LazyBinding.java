package ssm4j.nativ;

import java.util.List;
import java.util.function.Function;

import ssm4j.api.spi.Unavailable;

/**
 * The one binding of a native library per JVM, made on first success. Every binding class (cudart, cuFFT,
 * cuBLAS, both FFTW precisions) keeps one of these in a static field instead of its own double-checked lock:
 * a failed load is not remembered, so the next call retries (a user who fixes {@code -Dssm4j.<key>.path} or
 * installs the library need not restart the JVM).
 *
 * @param <T> the binding class
 */
public final class LazyBinding<T> {
    private final String label;
    private final String property;
    private final List<String> names;
    private final Function<NativeLibrary, T> bind;
    private volatile T loaded;

    /**
     * @param label    library name for messages, e.g. {@code "libcufft"}
     * @param property system property holding an explicit path
     * @param names    versioned sonames tried in order
     * @param bind     makes the binding (its downcall handles) from the opened library
     */
    public LazyBinding(String label, String property, List<String> names, Function<NativeLibrary, T> bind) {
        this.label = label;
        this.property = property;
        this.names = names;
        this.bind = bind;
    }

    /**
     * The binding, made once per JVM on first success.
     *
     * @throws Unavailable if the library or a symbol is missing, with the loader's text
     */
    public T get() {
        T b = loaded;
        if (b == null) {
            synchronized (this) {
                b = loaded;
                if (b == null) {
                    b = bind.apply(NativeLibrary.open(label, property, names));
                    loaded = b;
                }
            }
        }
        return b;
    }
}
