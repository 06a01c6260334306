package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import ssm4j.api.spi.Unavailable;

/** Every bound FFTW symbol resolves when the library is present (skipped, with the reason, when it is not). */
class FftwSymbolsTest {

    static FftwApi loadOrSkip(Supplier<FftwApi> loader) {
        try {
            return loader.get();
        } catch (Unavailable e) {
            System.out.println("SKIPPED: " + e.getMessage());
            abort("library or device absent, skipped: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void everySingleSymbolResolves() {
        checkSymbols(loadOrSkip(Fftw3f::load), "fftwf_");
    }

    @Test
    void everyDoubleSymbolResolves() {
        checkSymbols(loadOrSkip(Fftw3::load), "fftw_");
    }

    private static void checkSymbols(FftwApi api, String prefix) {
        assertEquals(FftwApi.FUNCTIONS.size(), api.symbols().size());
        for (String sym : api.symbols()) {
            assertTrue(sym.startsWith(prefix), sym);
            assertTrue(api.library().has(sym), sym + " missing from " + api.library().location());
        }
    }

    /** The per-slot buffers are 64-byte aligned, so FFTW's alignment_of reports 0 for them. */
    @Test
    void alignedSegmentsHaveFftwAlignment() {
        FftwApi api = loadOrSkip(Fftw3f::load);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(256, 64);
            assertEquals(0, api.alignmentOf(seg));
            assertTrue(api.alignmentOf(seg.asSlice(4)) != 0, "a 4-byte offset must be misaligned for FFTW");
        }
    }

    @Test
    void fastSizes() {
        assertEquals(8192, FftSize.fastEven(8192));
        assertEquals(600, FftSize.fastEven(600));
        assertEquals(432, FftSize.fastEven(428)); // 428 = 4·107: 107 is prime; 432 = 2^4·3^3
        assertEquals(2, FftSize.fastEven(1));
        assertEquals(2, FftSize.fastEven(2));
        assertEquals(4, FftSize.fastEven(3));
        assertEquals(8232, FftSize.fastEven(8194)); // 8232 = 2^3·3·7^3
    }
}
