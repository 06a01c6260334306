package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;

/**
 * Without the CUDA runtime (hidden through its property, in a child JVM so this also holds on a GPU machine) the
 * registry reports "native-gpu unavailable:" with the loader's text, and a forced native-gpu is an error.
 */
class CudaAbsenceTest {

    @Test
    void hiddenRuntimeMakesNativeGpuUnavailable() throws IOException, InterruptedException {
        String missing = "/nonexistent/ssm4j-test/libcudart.so.13";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "-Dssm4j.cudart.path=" + missing,
                "ssm4j.nativ.fftw.HiddenLibraryMain").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        System.out.println(out);
        assertTrue(out.contains("tier native-gpu: native-gpu unavailable: libcudart not loadable from -Dssm4j.cudart.path="
                + missing), out);
        assertTrue(!out.contains("chosen=native-gpu"), out);
    }

    /** In this JVM: without a device (CI) byName fails naming the reason; with one, the tier is offered. */
    @Test
    void registryReportsGpuStateHere() {
        String why = Backends.availability().get("native-gpu");
        System.out.println("native-gpu here: " + why);
        if (!why.equals("available")) {
            assertTrue(why.startsWith("native-gpu unavailable: "), why);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.byName("native-gpu", 1));
            assertTrue(e.getMessage().equals(why), e.getMessage());
            assertTrue(List.of("libcudart", "libcufft", "libcublas", "no CUDA device").stream()
                    .anyMatch(why::contains), why);
        }
    }
}
