package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.api.spi.KernelOps;
import ssm4j.nativ.cuda.CudaConvOps;
import ssm4j.nativ.cuda.CudaKernelOps;

/**
 * The chains of the native tiers (issue 18 item 2): {@code native} is FFTW convolution over the vector tier's
 * parts, so its kernels are the vector tier's (bit for bit); {@code native-gpu} overrides only the Vandermonde
 * kernel and the convolution (checked on the classes, so without a device too). The scan module is not on this
 * module's class path (its chain is built by the same code: ScanOpsChainTest checks the vector part's fallback).
 * Without the vector module the native tier stands on the scalar parts:
 * {@link HiddenLibraryTest#nativeTierRunsWithoutVectorModule}.
 */
class NativeOpsChainTest {
    @Test
    void nativeIsFftwOverTheVectorTierOverTheScalarTier() {
        String d = FftwConvOpsTest.nativeBackend(1).describe();
        assertTrue(d.contains("kernels=VectorKernelOps>ScalarKernelOps,"), d);
        assertTrue(d.contains("conv=FftwConvOps>VectorConvOps>JTransformsConvOps,"), d);
    }

    @Test
    void nativeKernelsAreTheVectorTiers() {
        SsmKernel nat = FftwConvOpsTest.nativeBackend(2);
        SsmKernel vec = Backends.byName("vector", 2);
        SplittableRandom r = new SplittableRandom(18);
        int h = 3;
        int n = 5;
        int l = 40;
        float[] v = FftwConvOpsTest.random(r, 2 * h * n);
        float[] w = FftwConvOpsTest.random(r, 2 * h * n);
        float[] z = FftwConvOpsTest.random(r, 2 * l);
        for (int i = 0; i < 2 * l; i += 2) {
            z[i] += 3; // keep the evaluation points away from the poles
        }
        float[] outNative = new float[2 * h * l];
        float[] outVector = new float[2 * h * l];
        nat.cauchyConj(h, n, l, v, 0, w, 0, z, 0, outNative, 0);
        vec.cauchyConj(h, n, l, v, 0, w, 0, z, 0, outVector, 0);
        assertArrayEquals(outVector, outNative);
    }
    @Test
    void theGpuPartsOverrideOnlyWhatTheGpuSpeedsUp() throws Exception {
        for (Method m : KernelOps.class.getMethods()) {
            if (m.getName().endsWith("K")) {
                Class<?> by = CudaKernelOps.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass();
                assertEquals(m.getName().equals("vandermondeK"), by == CudaKernelOps.class, m.toString());
            }
        }
        assertEquals(CudaConvOps.class, CudaConvOps.class.getMethod("fftConvK", ssm4j.api.ConvShape.class,
                float[].class, float[].class, float[].class, float[].class).getDeclaringClass());
    }
}
