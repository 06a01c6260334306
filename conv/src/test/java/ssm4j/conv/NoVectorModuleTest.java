package ssm4j.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;

/**
 * Run by the {@code no-vector-module} surefire execution, a JVM without {@code --add-modules
 * jdk.incubator.vector}: the scalar convolution (JTransforms) still runs and the vector tier reports itself
 * unavailable instead of failing with {@code NoClassDefFoundError} (STYLE.md 4).
 */
class NoVectorModuleTest {
    @Test
    void scalarConvolutionRunsWithoutTheVectorModule() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without the vector module (see conv/pom.xml)");
        ConvShape s = new ConvShape(2, 3, 40, 1, 25, true);
        double[] x = ConvTestData.uniform(1, s.batch() * s.h() * s.length());
        double[] k = ConvTestData.uniform(2, s.kernelRows() * s.h() * s.kernelLength());
        double[] d = ConvTestData.uniform(3, s.channels() * s.h());
        double[] y = new double[s.batch() * s.h() * s.length()];
        Backends.byName("scalar", 2).fftConv(s, x, k, d, y);
        // FFT error here is far below 1e-12 (ConvOpsContract's bound at n = 80 is ~1e-13 per row scale of ~20).
        assertArrayEquals(DirectConv.conv(s, x, k, d), y, 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.byName("vector", 1));
        assertTrue(e.getMessage().contains("jdk.incubator.vector"), e.getMessage());
    }
}
