package ssm4j.blocks.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;

/**
 * The reproducibility promise (README, "Reproducibility"): the same inputs, shape, backend and thread count give
 * the same bits whether the code runs cold or warm. A fresh JVM in interpreted mode ({@code -Xint}: the Vector
 * API's Java fallbacks, no JIT) computes {@link ReproProbe}'s digest; this JVM computes it after a warm-up long
 * enough for C2 to compile the kernels (intrinsics, fused multiply-adds, vector reductions); they must be equal.
 */
class ReproducibilityTest {
    @Test
    void coldInterpretedRunEqualsWarmCompiledRun() throws Exception {
        for (String backend : Backends.availableNames()) {
            if (backend.startsWith("native")) {
                continue; // FFTW/GPU plans are outside the promise's Java code; covered by their own tests
            }
            for (int threads : new int[] {1, 2}) {
                long cold = coldDigest(backend, threads);
                long warm = 0;
                for (int i = 0; i < 500; i++) {
                    warm = ReproProbe.digest(backend, threads);
                }
                assertEquals(cold, warm, backend + " threads=" + threads + ": cold (-Xint) and warm (C2) bits differ");
            }
        }
    }

    private static long coldDigest(String backend, int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xint");
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        String bits = System.getProperty("ssm4j.vectorbits");
        if (bits != null) {
            cmd.add("-Dssm4j.vectorbits=" + bits);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ReproProbe.class.getName());
        cmd.add(backend);
        cmd.add(Integer.toString(threads));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "cold probe timed out");
        assertEquals(0, p.exitValue(), "cold probe failed:\n" + output);
        String line = output.lines().filter(s -> s.startsWith("digest ")).findFirst().orElseThrow(
                () -> new AssertionError("no digest in:\n" + output));
        return Long.parseLong(line.substring("digest ".length()).trim());
    }
}
