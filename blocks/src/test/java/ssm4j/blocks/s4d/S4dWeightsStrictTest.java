package ssm4j.blocks.s4d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;

/**
 * Issue 17 item 4 on the S4D layer: strict state-dict loading (missing, unexpected and mis-shaped names in one
 * error; non-strict on request), range checks on the derived parameters (dt, the pole A, the Vandermonde
 * arguments) with messages naming the user's tensors, a pole whose |A|² underflows computed by its limit instead
 * of 0/0, and weights finite in fp64 but not in fp32 refused on the fp32 path only.
 */
class S4dWeightsStrictTest {
    private static final int H = 3;
    private static final int N = 4;

    private static Map<String, Tensor> weights() {
        return new LinkedHashMap<>(S4dLayerTest.randomWeights(H, N, 7));
    }

    private static Map<String, Tensor> with(String name, int index, double value) {
        Map<String, Tensor> w = weights();
        Tensor t = w.get(name);
        double[] v = t.toDoubles();
        v[index] = value;
        w.put(name, Tensor.wrap(v, t.shape()));
        return w;
    }

    private static IllegalArgumentException rejects(Map<String, Tensor> w) {
        return assertThrows(IllegalArgumentException.class, () -> new S4dLayer(w));
    }

    @Test
    void missingUnexpectedAndMisShapedNamesAreListedInOneError() {
        Map<String, Tensor> w = weights();
        w.put("kernel.logdt", w.remove("kernel.log_dt"));
        w.remove("D");
        w.put("output_linear.0.bias", Tensor.wrap(new double[5], 5));
        String m = rejects(w).getMessage();
        assertTrue(m.contains("kernel.log_dt: missing") && m.contains("D: missing") && m.contains("kernel.logdt: "
                + "unexpected") && m.contains("output_linear.0.bias: must have shape (2*H=6), got [5]")
                && m.contains("4 problems"), m);
    }

    @Test
    void extraNamesAreAnErrorUnlessNonStrict() {
        Map<String, Tensor> w = weights();
        w.put("kernel.B", Tensor.wrap(new double[2], 2));
        assertTrue(rejects(w).getMessage().startsWith("kernel.B: unexpected"));
        S4dLayer lenient = new S4dLayer(w, false);
        assertEquals(H, lenient.h());
    }

    @Test
    void stepsThatUnderflowOrOverflowNameLogDt() {
        for (double bad : new double[] {-800, 800}) {
            String m = rejects(with("kernel.log_dt", 1, bad)).getMessage();
            assertTrue(m.startsWith("kernel.log_dt: element 1"), m);
        }
    }

    @Test
    void polesThatOverflowNameLogAReal() {
        String m = rejects(with("kernel.log_A_real", 2, 800)).getMessage();
        assertTrue(m.startsWith("kernel.log_A_real: element 2"), m);
        Map<String, Tensor> w = with("kernel.A_imag", 2, 1e300);
        w.put("kernel.log_dt", with("kernel.log_dt", 0, 80).get("kernel.log_dt")); // dt = 5.5e34, still fp32
        m = rejects(w).getMessage();
        assertTrue(m.startsWith("kernel.A_imag: element 2"), m);
    }

    @Test
    void aPoleWhoseSquaredModulusUnderflowsGivesTheLimitNotNaN() {
        SsmKernel k = Backends.byName("scalar", 1);
        int l = 64;
        // A = −exp(−400) (|A|² = 1e−348 underflows); the kernel term tends to C·dt as A → 0, as for A = −exp(−40)
        S4dLayer tiny = new S4dLayer(zeroImag(with("kernel.log_A_real", 0, -400)));
        S4dLayer small = new S4dLayer(zeroImag(with("kernel.log_A_real", 0, -40)));
        double[] k1 = new double[H * l];
        double[] k2 = new double[H * l];
        tiny.kernel(k, l, k1);
        small.kernel(k, l, k2);
        for (int i = 0; i < k1.length; i++) {
            assertTrue(Double.isFinite(k1[i]), "K[" + i + "] = " + k1[i]);
            assertEquals(k2[i], k1[i], 1e-12 * (1 + Math.abs(k2[i])), "K[" + i + "]");
        }
    }

    private static Map<String, Tensor> zeroImag(Map<String, Tensor> w) {
        Tensor t = w.get("kernel.A_imag");
        double[] v = t.toDoubles();
        v[0] = 0;
        w.put("kernel.A_imag", Tensor.wrap(v, t.shape()));
        return w;
    }

    @Test
    void weightsThatOverflowFp32AreRefusedOnTheFp32PathOnly() {
        SsmKernel k = Backends.byName("scalar", 1);
        S4dLayer layer = new S4dLayer(with("D", 1, 1e39));
        int l = 8;
        double[] u64 = new double[H * l];
        u64[0] = 1;
        double[] y64 = new double[H * l];
        layer.forward(k, 1, l, u64, y64); // fp64 is fine
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(k, 1, l, new float[H * l], new float[H * l]));
        assertTrue(e.getMessage().startsWith("D: element 1"), e.getMessage());
    }
}
