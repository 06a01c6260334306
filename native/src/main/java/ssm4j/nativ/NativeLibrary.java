package ssm4j.nativ;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ssm4j.api.spi.Unavailable;

/**
 * One opened shared library: where it was found and a lookup of its symbols. Discovery (STYLE.md section 5):
 * the system property {@code ssm4j.<key>.path} names an explicit file and, when set, is the only place tried
 * (so a test can hide a library by pointing it at a missing path); otherwise each versioned soname is tried in
 * order through the dynamic loader's search path. Failure is {@link Unavailable}, whose message keeps every
 * loader error ({@code dlopen} text), so a user sees why.
 *
 * <p>Libraries are opened in {@link Arena#global()}: they stay mapped for the life of the JVM, which is what the
 * C runtime of FFTW and CUDA expect (neither supports being unloaded). Immutable and thread-safe.
 *
 * @param label    library name for messages, e.g. {@code "libfftw3f"}
 * @param location the property path or soname that loaded
 * @param lookup   symbols of that library
 */
public record NativeLibrary(String label, String location, SymbolLookup lookup) {

    /** The native linker of this platform, shared by every binding. */
    public static final Linker LINKER = Linker.nativeLinker();

    /**
     * Opens a library.
     *
     * @param label    library name for messages
     * @param property system property holding an explicit path (e.g. {@code ssm4j.fftw3f.path})
     * @param names    versioned sonames to try in order, e.g. {@code libfftw3f.so.3}
     * @throws Unavailable naming the property, each name tried and the loader's error for each
     */
    public static NativeLibrary open(String label, String property, List<String> names) {
        String path = System.getProperty(property);
        if (path != null && !path.isBlank()) {
            try {
                return new NativeLibrary(label, path, SymbolLookup.libraryLookup(Path.of(path), Arena.global()));
            } catch (IllegalArgumentException | IllegalCallerException e) {
                throw new Unavailable(label + " not loadable from -D" + property + "=" + path + ": " + e.getMessage(),
                        e);
            }
        }
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                return new NativeLibrary(label, name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                errors.add(name + ": " + e.getMessage());
            } catch (IllegalCallerException e) {
                // --enable-native-access missing for this module: no other name can do better.
                throw new Unavailable(label + ": native access denied (run with --enable-native-access=ALL-UNNAMED): "
                        + e.getMessage(), e);
            }
        }
        throw new Unavailable(label + " not found (tried " + errors + "; or set -D" + property + "=/path/to/lib)");
    }

    /**
     * Address of {@code symbol}.
     *
     * @throws Unavailable if the library lacks it (e.g. an older version)
     */
    public MemorySegment symbol(String symbol) {
        return lookup.find(symbol).orElseThrow(
                () -> new Unavailable(label + " (" + location + ") has no symbol " + symbol));
    }

    /**
     * A downcall handle for {@code symbol}, made once by the binding that owns it.
     *
     * @param options linker options, e.g. {@link Linker.Option#critical(boolean)} for short non-blocking calls
     */
    public MethodHandle downcall(String symbol, FunctionDescriptor fd, Linker.Option... options) {
        return LINKER.downcallHandle(symbol(symbol), fd, options);
    }

    /** Whether {@code symbol} resolves (used by the tests that resolve every bound name). */
    public boolean has(String symbol) {
        return lookup.find(symbol).isPresent();
    }
}
