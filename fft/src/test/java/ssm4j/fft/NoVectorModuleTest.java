package ssm4j.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Run by the {@code no-vector-module} surefire execution, a JVM without {@code --add-modules
 * jdk.incubator.vector}: asking for the vector FFT gives the scalar one (JTransforms), with the reason recorded,
 * instead of a {@code NoClassDefFoundError} (STYLE.md 4).
 */
class NoVectorModuleTest {
    @Test
    void vectorRequestFallsBackToJTransforms() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without the vector module (see fft/pom.xml)");
        InverseRealFft f = RealFfts.inverse(4, true);
        assertEquals("JTransformsInverseRealFft", f.getClass().getSimpleName());
        assertTrue(RealFfts.vectorUnavailableReason().contains("jdk.incubator.vector"));
        double[] out = new double[4];
        f.inverse(new double[] {4, 0, 0, 0, 0, 0}, 0, out, 0, 4);   // X_0 = 4: x = 1 everywhere
        for (double v : out) {
            assertEquals(1.0, v, 1e-15);
        }
    }
}
