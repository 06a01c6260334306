package ssm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * Runs in its own surefire execution, in a JVM started WITHOUT {@code --add-modules jdk.incubator.vector}
 * ({@code kernels/pom.xml}, execution {@code scalar-fallback}): the registry must report the vector tier
 * unavailable with a reason naming the module, and {@link Backends#get()} must still run, on the scalar tier.
 * Nothing here may mention a Vector API type.
 */
class ScalarFallbackTest {
    @Test
    void vectorTierIsSkippedWithAReasonAndScalarRuns() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without jdk.incubator.vector (see kernels/pom.xml)");
        Map<String, String> why = Backends.availability();
        String vector = why.get("vector");
        assertFalse(vector.equals("available"), "vector tier must be unavailable here");
        assertTrue(vector.contains("jdk.incubator.vector"), "the reason names the module: " + vector);
        assertThrows(IllegalStateException.class, () -> Backends.byName("vector", 1));

        SsmKernel k = Backends.get();
        assertEquals("scalar", k.name());
        // and it computes: v/(z − w) with v = 1, w = 0, z = 2 gives 1/2 (3.1a)
        float[] out = new float[2];
        k.cauchy(1, 1, 1, new float[] {1, 0}, 0, new float[] {0, 0}, 0, new float[] {2, 0}, 0, out, 0);
        assertEquals(0.5f, out[0]);
        assertEquals(0f, out[1]);
        double[] re = new double[1];
        k.vandermonde(1, 1, 1, new double[] {1.5, 0}, 0, new double[] {-1, 0}, 0, re, 0);
        assertEquals(3.0, re[0], 0.0); // 2·Re(1.5·e^0)
    }
}
