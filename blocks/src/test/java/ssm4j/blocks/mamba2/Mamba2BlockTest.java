package ssm4j.blocks.mamba2;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.MixerDecode;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Mamba-2 block (SPEC 12.6): decoding equals the full forward, prefill caches equal decoded caches, backends agree,
 * fp32 agrees with fp64, bad input is named. The golden cases (reference outputs) run in the cli's golden check.
 */
class Mamba2BlockTest {
    /** Awkward lengths around the chunk (16) and the GEMM chunk (256). */
    private static final int[] LENGTHS = {1, 2, 3, 15, 16, 17, 300};
    /** (d_model, d_state, d_conv, headdim, ngroups): one group, two groups, one group per head, P = 3. */
    private static final int[][] DIMS = {{8, 4, 4, 4, 1}, {16, 17, 2, 8, 2}, {12, 16, 3, 3, 8}};

    /**
     * Bound for two fp32 evaluations differing in summation order (chunked scan vs steps, GEMM blocking): a few
     * ulp per accumulated term relative to max|out|: in_proj (d_model), the conv (W), the scan (L steps, N), the
     * norm group and out_proj (E).
     */
    private static double bound(Mamba2Block m, int len, double eps) {
        return 8 * eps * (m.dModel() + m.dConv() + len + m.dState() + 2 * m.dInner());
    }

    private static Mamba2Block block(int[] d) {
        return new Mamba2Block(Mamba2Weights.random(d[0], d[1], d[2], 2, d[3], d[4], 5 + d[0]),
                Mamba2Config.of(d[4]).withChunkSize(16));
    }

    private static double rel(float[] got, float[] ref, int n) {
        double m = 0;
        double e = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(ref[i]));
            e = Math.max(e, Math.abs((double) got[i] - ref[i]));
            if (Float.isNaN(got[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return e / Math.max(m, 1e-30);
    }

    @Test
    void stepsEqualForwardAndPrefillEqualsSteps() {
        for (SsmKernel k : TestBackends.with("scan")) {
            for (int[] d : DIMS) {
                Mamba2Block m = block(d);
                for (int len : LENGTHS) {
                    int batch = 1 + len % 3;
                    int dm = m.dModel();
                    float[] h = MambaWeights.randomHidden(batch, len, dm, len).floats();
                    float[] full = new float[h.length];
                    float[] convP = new float[m.convStateSize(batch)];
                    float[] ssmP = new float[m.ssmStateSize(batch)];
                    m.forward(k, batch, len, h, full, convP, ssmP);
                    float[] conv = new float[convP.length];
                    float[] ssm = new float[ssmP.length];
                    float[] steps = MixerDecode.decode(k, m, batch, len, h, conv, ssm);
                    double bound = bound(m, len, 0x1p-24);
                    String what = k.describe() + " dims " + java.util.Arrays.toString(d) + " L=" + len;
                    assertTrue(rel(steps, full, full.length) <= bound, what + ": steps vs forward "
                            + rel(steps, full, full.length));
                    assertTrue(rel(convP, conv, conv.length) <= bound, what + ": conv_state");
                    assertTrue(rel(ssmP, ssm, ssm.length) <= bound, what + ": ssm_state " + rel(ssmP, ssm, ssm.length));
                }
            }
        }
    }

    @Test
    void vectorAgreesWithScalarAndFp32WithFp64() {
        SsmKernel scalar = Backends.byName("scalar", 1);
        SsmKernel vector = Backends.byName("vector", 2);
        for (int[] d : DIMS) {
            Mamba2Block m = block(d);
            int len = 77;
            Tensor h = MambaWeights.randomHidden(2, len, m.dModel(), 3);
            float[] ref = m.forward(scalar, h).floats();
            float[] vec = m.forward(vector, h).floats();
            double[] d64 = m.forward(scalar, h.asF64()).doubles();
            float[] f64 = new float[d64.length];
            for (int i = 0; i < d64.length; i++) {
                f64[i] = (float) d64[i];
            }
            assertTrue(rel(vec, ref, ref.length) <= bound(m, len, 0x1p-24), "vector vs scalar");
            assertTrue(rel(ref, f64, ref.length) <= bound(m, len, 0x1p-24), "fp32 vs fp64");
            double[] v64 = m.forward(vector, h.asF64()).doubles();
            double e = 0;
            double mx = 0;
            for (int i = 0; i < d64.length; i++) {
                e = Math.max(e, Math.abs(v64[i] - d64[i]));
                mx = Math.max(mx, Math.abs(d64[i]));
            }
            assertTrue(e <= bound(m, len, 0x1p-53) * mx, "fp64 vector vs scalar");
        }
    }

    @Test
    void badInputIsNamed() {
        Map<String, Tensor> w = new LinkedHashMap<>(Mamba2Weights.random(8, 4, 4, 2, 4, 1, 1));
        Mamba2Block m = new Mamba2Block(w, Mamba2Config.of(1));
        SsmKernel k = Backends.byName("scalar", 1);
        named("hidden", () -> m.forward(k, 1, 4, new float[3], new float[32], null, null));
        named("out", () -> m.forward(k, 1, 4, new float[32], new float[3], null, null));
        named("convState", () -> m.step(k, 1, new float[8], new float[1], new float[m.ssmStateSize(1)],
                new float[8]));
        named("ssmState", () -> m.forward(k, 1, 4, new float[32], new float[32], null, new float[1]));
        named("cfg", () -> new Mamba2Block(w, Mamba2Config.of(3)));
        named("chunkSize", () -> Mamba2Config.of(1).withChunkSize(0));
        Map<String, Tensor> missing = new LinkedHashMap<>(w);
        missing.remove("dt_bias");
        named("dt_bias", () -> new Mamba2Block(missing, Mamba2Config.of(1)));
        named("headdim", () -> Mamba2Weights.random(8, 4, 4, 2, 5, 1, 1));
    }

    private static void named(String name, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(name), "message should name '" + name + "': " + e.getMessage());
    }
}
