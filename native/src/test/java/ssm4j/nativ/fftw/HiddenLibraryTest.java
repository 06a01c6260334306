package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * With libfftw3f hidden (its property pointing to a missing file) the registry reports "native unavailable:"
 * with the loader's reason, logs it, and falls back to a lower tier. Runs in a child JVM because a library,
 * once loaded, stays loaded in this one.
 */
class HiddenLibraryTest {

    @Test
    void missingFftwFallsBackWithReason() throws IOException, InterruptedException {
        String missing = "/nonexistent/ssm4j-test/libfftw3f.so.3";
        String out = runChild("-Dssm4j.fftw3f.path=" + missing);
        assertTrue(out.contains("tier native: native unavailable: libfftw3f not loadable from -Dssm4j.fftw3f.path="
                + missing), out);
        assertTrue(out.contains("chosen="), out);
        assertTrue(!out.contains("chosen=native"), out);
        // the one log line of the registry names the reason too
        assertTrue(out.lines().anyMatch(l -> l.contains("ssm4j backend:") && l.contains("native unavailable")), out);
    }

    @Test
    void forcedNativeWithHiddenLibraryIsAnError() throws IOException, InterruptedException {
        // both libraries hidden: the loader stops at the first (fp32) whether or not FFTW is installed here
        String out = runChild("-Dssm4j.fftw3f.path=/nonexistent/libfftw3f.so.3",
                "-Dssm4j.fftw3.path=/nonexistent/libfftw3.so.3", "-Dssm4j.backend=native");
        assertTrue(out.contains("native unavailable: libfftw3f not loadable"), out);
        assertTrue(!out.contains("chosen="), out);
        assertTrue(!out.endsWith("exit=0"), "a forced backend that cannot load must fail the JVM: " + out);
    }

    /** Without jdk.incubator.vector the native tier still loads (no Vector API class is touched) and computes. */
    @Test
    void nativeTierRunsWithoutVectorModule() throws IOException, InterruptedException {
        FftwSymbolsTest.loadOrSkip(Fftw3f::load);
        String out = runChild("-Dssm4j.threads=1");
        assertTrue(out.contains("tier native: available"), out);
        assertTrue(out.contains("tier vector: vector unavailable"), out);
        assertTrue(out.contains("chosen=native"), out);
        // the chains skip the vector level: FFTW convolution over JTransforms, the scalar kernels
        assertTrue(out.contains("kernels=ScalarKernelOps,") && out.contains("conv=FftwConvOps>JTransformsConvOps,"),
                out);
        assertTrue(out.contains("conv y[3]=2.0 y[2]=0.0"), out);
        assertTrue(out.contains("product=ScalarSpectrumProduct"), out);
    }

    private static String runChild(String... props) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(props));
        cmd.add(HiddenLibraryMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        System.out.println("child JVM " + List.of(props) + ":\n" + out);
        return out + "\nexit=" + p.exitValue();
    }
}
