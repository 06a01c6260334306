package ssm4j.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;

/**
 * The conv parts as the registry loads them: the scalar and vector tiers pick this module's classes, bad
 * input is refused by the facade naming the argument, and the two tiers agree within the FFT error bound.
 */
class BackendConvTest {
    @Test
    void registryLoadsOurConvParts() {
        assertTrue(Backends.byName("scalar", 1).describe().contains("conv=JTransformsConvOps"),
                Backends.byName("scalar", 1).describe());
        assertTrue(Backends.byName("vector", 1).describe().contains("conv=VectorConvOps"),
                Backends.byName("vector", 1).describe());
    }

    @Test
    void badInputIsRejectedByName() {
        SsmKernel k = Backends.byName("vector", 2);
        ConvShape s = ConvShape.causal(2, 3, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.fftConv(s, new float[96], new float[48], null, new float[95]));
        assertTrue(e.getMessage().startsWith("y"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> k.fftConv(s, new double[96], new double[47], null, new double[96]));
        assertTrue(e.getMessage().startsWith("k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 1, 10, 1, 11, false));
        assertTrue(e.getMessage().startsWith("kernelLength"), e.getMessage());
    }

    @Test
    void scalarAndVectorTiersAgree() {
        ConvShape s = new ConvShape(2, 3, 333, 2, 200, true);
        ConvTestData.Inputs in = ConvTestData.inputs(s, 5, 1, true, false);
        double[] ys = new double[s.batch() * s.channels() * s.h() * s.length()];
        double[] yv = new double[ys.length];
        Backends.byName("scalar", 2).fftConv(s, in.x(), in.k(), in.d(), ys);
        Backends.byName("vector", 2).fftConv(s, in.x(), in.k(), in.d(), yv);
        // Both are within c·ε·log2 n·‖x‖₂‖k‖₂ of the exact result (ConvOpsContract); here ‖x‖₂‖k‖₂ ≤ 333·0.6
        // per row and log2 n ≤ 10, so 1e-11 absolute is a generous multiple of that bound and far below any
        // indexing or off-by-one error (order 0.1).
        assertArrayEquals(ys, yv, 1e-11);
    }
}
