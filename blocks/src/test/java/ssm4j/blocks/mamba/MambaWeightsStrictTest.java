package ssm4j.blocks.mamba;

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
 * Issue 17 item 4 on the Mamba block: a misnamed optional weight is an error (it used to be ignored and the block
 * run as if the bias were zero), every problem is listed in one error, non-strict loading is explicit, A_log is
 * range-checked under its own name, and fp64 weights that overflow fp32 are refused on the fp32 path only.
 */
class MambaWeightsStrictTest {
    private static Map<String, Tensor> weights() {
        return new LinkedHashMap<>(MambaWeights.random(8, 4, 4, 2, 3));
    }

    private static IllegalArgumentException rejects(Map<String, Tensor> w) {
        return assertThrows(IllegalArgumentException.class, () -> new MambaBlock(w));
    }

    @Test
    void aMisnamedOptionalBiasIsAnError() {
        Map<String, Tensor> w = weights();
        w.put("conv1d_bias", w.remove("conv1d.bias"));
        String m = rejects(w).getMessage();
        assertTrue(m.startsWith("conv1d_bias: unexpected"), m);
        MambaBlock lenient = new MambaBlock(w, false); // explicit: the extra name is ignored, the bias is zero
        assertEquals(8, lenient.dModel());
    }

    @Test
    void everyProblemIsListedInOneError() {
        Map<String, Tensor> w = weights();
        w.remove("D");
        w.remove("dt_proj.bias");
        w.put("x_proj.weight", Tensor.wrap(new float[3 * 16], 3, 16));
        String m = rejects(w).getMessage();
        assertTrue(m.contains("D: missing") && m.contains("dt_proj.bias: missing")
                && m.contains("x_proj.weight: must have shape (R+2*N=9, E=16), got [3, 16]")
                && m.contains("3 problems"), m);
    }

    @Test
    void aLogThatOverflowsIsNamed() {
        Map<String, Tensor> w = weights();
        float[] a = w.get("A_log").toFloats();
        a[5] = 800;
        w.put("A_log", Tensor.wrap(a, w.get("A_log").shape()));
        String m = rejects(w).getMessage();
        assertTrue(m.startsWith("A_log: element 5"), m);
    }

    @Test
    void fp64WeightsThatOverflowFp32AreRefusedOnTheFp32PathOnly() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        weights().forEach((k, v) -> w.put(k, v.asF64()));
        double[] a = w.get("A_log").toDoubles();
        a[2] = 100; // A = −e^100 = −2.7e43: finite in fp64, −Inf in fp32
        w.put("A_log", Tensor.wrap(a, w.get("A_log").shape()));
        MambaBlock block = new MambaBlock(w);
        SsmKernel k = Backends.byName("scalar", 1);
        Tensor h = MambaWeights.randomHidden(1, 5, 8, 1);
        Tensor out = block.forward(k, h.asF64());
        for (double v : out.toDoubles()) {
            assertTrue(Double.isFinite(v));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.forward(k, h));
        assertTrue(e.getMessage().startsWith("A_log"), e.getMessage());
    }
}
