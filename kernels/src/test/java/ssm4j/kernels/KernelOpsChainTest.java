package ssm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.Parallel;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.VandermondeOps.Form;
import ssm4j.kernels.ref.ScalarKernelOps;
import ssm4j.kernels.simd.VectorKernelOps;

/**
 * The kernels chain scalar ← vector (issue 18 item 2): both parts override every Cauchy and Vandermonde primitive
 * (the vector part never asks its lower part), the scalar part is the bottom, and the registry shows the chain.
 * The chain where a part does fall back (native-gpu's Cauchy) is checked in native's NativeOpsChainTest.
 */
class KernelOpsChainTest {
    @Test
    void bothPartsOverrideEveryPrimitive() throws Exception {
        for (Method m : KernelOps.class.getMethods()) {
            if (m.getName().endsWith("K")) {
                for (Class<?> part : new Class<?>[] {ScalarKernelOps.class, VectorKernelOps.class}) {
                    assertEquals(part, part.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(),
                            part.getSimpleName() + " " + m);
                }
            }
        }
        assertNull(new ScalarKernelOps(Parallel.of(1)).lower());
    }

    @Test
    void theVectorPartComputesWithoutItsLowerPart() {
        KernelOps refusing = (KernelOps) Proxy.newProxyInstance(KernelOps.class.getClassLoader(),
                new Class<?>[] {KernelOps.class}, (self, m, args) -> {
                    throw new AssertionError("the vector part asked its lower part for " + m.getName());
                });
        VectorKernelOps vector = new VectorKernelOps(Parallel.of(2), refusing);
        float[] v = {1, 0.5f, -0.25f, 2};
        float[] x = {-0.1f, 1, -0.2f, -0.5f};
        float[] out = new float[2 * 2 * 3];
        vector.cauchyK(true, 2, 1, 3, v, 0, x, 0, new float[] {0, 1, 0, 2, 0, 3}, 0, out, 0);
        vector.vandermondeK(Form.POWERS, 2, 1, 3, v, 0, x, 0, out, 0);
        float[] scalarOut = new float[2 * 2 * 3];
        new ScalarKernelOps(Parallel.of(1)).vandermondeK(Form.POWERS, 2, 1, 3, v, 0, x, 0, scalarOut, 0);
        for (int i = 0; i < out.length; i++) {
            assertEquals(scalarOut[i], out[i], 1e-5, "powers " + i);
        }
        assertThrows(AssertionError.class, () -> vector.lower().cauchyK(true, 1, 1, 1, v, 0, x, 0, v, 0, out, 0));
        String d = Backends.byName("vector", 1).describe();
        assertTrue(d.contains("kernels=VectorKernelOps>ScalarKernelOps,"), d);
    }
}
