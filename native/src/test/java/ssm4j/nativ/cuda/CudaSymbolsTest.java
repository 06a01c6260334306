package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import ssm4j.api.spi.Unavailable;
import ssm4j.nativ.NativeLibrary;

/** Every bound CUDA symbol resolves when its library is present (skipped, with the reason, when not). */
class CudaSymbolsTest {

    private static void resolveAll(Supplier<NativeLibrary> lib, List<String> symbols) {
        NativeLibrary l;
        try {
            l = lib.get();
        } catch (Unavailable e) {
            System.out.println("SKIPPED: " + e.getMessage());
            abort("library or device absent, skipped: " + e.getMessage());
            return;
        }
        for (String s : symbols) {
            assertTrue(l.has(s), s + " missing from " + l.location());
        }
        System.out.println(l.location() + ": all " + symbols.size() + " symbols resolve");
    }

    @Test
    void cudart() {
        resolveAll(() -> CudaRuntime.load().library(), CudaRuntime.SYMBOLS);
    }

    @Test
    void cufft() {
        resolveAll(() -> CuFft.load().library(), CuFft.SYMBOLS);
    }

    @Test
    void cublas() {
        resolveAll(() -> CuBlas.load().library(), CuBlas.SYMBOLS);
    }
}
