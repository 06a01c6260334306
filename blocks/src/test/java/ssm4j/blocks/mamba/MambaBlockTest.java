package ssm4j.blocks.mamba;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ssm4j.blocks.Golden.maxAbs;
import static ssm4j.blocks.Golden.maxDiff;
import static ssm4j.blocks.Golden.wide;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.MixerDecode;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;

/** Mamba block: decoding equals the full forward, prefill caches equal decoded caches, golden, bad input. */
class MambaBlockTest {
    /** Awkward lengths, including several GEMM chunks (256 steps) with a partial last one. */
    private static final int[] LENGTHS = {1, 2, 3, 7, 17, 33, 300};

    /**
     * Bound for two fp32 evaluations of the same block that differ only in summation order (scan vs step, GEMM
     * vs GEMV blocking): a few ulp per accumulated term relative to max|out|. The terms along one output are the
     * d_model + E + (R + 2N) products of the projections and the L steps of the recurrence, each rounding once.
     */
    private static double fp32Bound(MambaBlock m, int len) {
        return 4 * 0x1p-24 * (m.dModel() + m.dInner() + m.dtRank() + 2 * m.dState() + len);
    }

    /** The same for fp64 (ε = 2^−53). */
    private static double fp64Bound(MambaBlock m, int len) {
        return 4 * 0x1p-53 * (m.dModel() + m.dInner() + m.dtRank() + 2 * m.dState() + len);
    }

    private static MambaBlock block(int dModel, int dState, int dConv) {
        return new MambaBlock(MambaWeights.random(dModel, dState, dConv, 2, 42 + dModel * 7L + dState));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void stepByStepEqualsFullForwardAndPrefillFp32(int batch) {
        for (SsmKernel k : TestBackends.with("scan")) {
            for (int[] dims : new int[][] {{5, 3, 4}, {17, 16, 2}, {8, 1, 1}}) {
                MambaBlock m = block(dims[0], dims[1], dims[2]);
                for (int len : LENGTHS) {
                    float[] h = MambaWeights.randomHidden(batch, len, m.dModel(), len).floats();
                    float[] full = new float[h.length];
                    int ce = batch * m.dInner() * m.dConv();
                    int se = batch * m.dInner() * m.dState();
                    float[] convP = new float[ce];
                    float[] ssmP = new float[se];
                    m.forward(k, batch, len, h, full, convP, ssmP);
                    float[] conv = new float[ce];
                    float[] ssm = new float[se];
                    float[] steps = MixerDecode.decode(k, m, batch, len, h, conv, ssm);
                    String at = k.describe() + " B=" + batch + " dims=" + java.util.Arrays.toString(dims) + " L=" + len;
                    double tol = fp32Bound(m, len);
                    assertTrue(maxDiff(wide(steps), wide(full)) <= tol * maxAbs(wide(full)), "out_steps " + at);
                    assertTrue(maxDiff(wide(conv), wide(convP)) == 0, "conv_state is a copy of inputs " + at);
                    assertTrue(maxDiff(wide(ssm), wide(ssmP)) <= tol * maxAbs(wide(ssmP)), "ssm_state " + at);
                }
            }
        }
    }

    @Test
    void stepByStepEqualsFullForwardFp64AndContinuesFromPrefill() {
        int batch = 2;
        for (SsmKernel k : TestBackends.with("scan")) {
            MambaBlock m = block(7, 5, 4);
            int dm = m.dModel();
            for (int len : LENGTHS) {
                double[] h = MambaWeights.randomHidden(batch, len, dm, 100 + len).asF64().doubles();
                double[] full = new double[h.length];
                m.forward(k, batch, len, h, full, null, null);
                // prefill the first half with forward, decode the rest with step(): must equal the full forward
                int l1 = len / 2;
                double[] conv = new double[batch * m.dInner() * m.dConv()];
                double[] ssm = new double[batch * m.dInner() * m.dState()];
                if (l1 > 0) {
                    double[] prompt = new double[batch * l1 * dm];
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(h, b * len * dm, prompt, b * l1 * dm, l1 * dm);
                    }
                    m.forward(k, batch, l1, prompt, new double[prompt.length], conv, ssm);
                }
                double[] tok = new double[batch * dm];
                double[] o = new double[batch * dm];
                double worst = 0;
                for (int t = l1; t < len; t++) {
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(h, (b * len + t) * dm, tok, b * dm, dm);
                    }
                    m.step(k, batch, tok, conv, ssm, o);
                    for (int b = 0; b < batch; b++) {
                        for (int j = 0; j < dm; j++) {
                            worst = Math.max(worst, Math.abs(o[b * dm + j] - full[(b * len + t) * dm + j]));
                        }
                    }
                }
                assertTrue(worst <= fp64Bound(m, len) * maxAbs(full), k.describe() + " L=" + len + " err " + worst);
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        MambaBlock m = block(6, 4, 3);
        int batch = 2;
        int len = 1000;
        float[] h = MambaWeights.randomHidden(batch, len, m.dModel(), 9).floats();
        double[] h64 = MambaWeights.randomHidden(batch, len, m.dModel(), 9).asF64().doubles();
        for (String name : Backends.availableNames()) {
            if (Backends.byName(name, 1).describe().contains("scan=missing")) {
                continue;
            }
            float[] o1 = new float[h.length];
            float[] o3 = new float[h.length];
            float[] s1 = new float[batch * m.dInner() * m.dState()];
            float[] s3 = new float[s1.length];
            m.forward(Backends.byName(name, 1), batch, len, h, o1, null, s1);
            m.forward(Backends.byName(name, 3), batch, len, h, o3, null, s3);
            org.junit.jupiter.api.Assertions.assertArrayEquals(o1, o3, name + " fp32 out");
            org.junit.jupiter.api.Assertions.assertArrayEquals(s1, s3, name + " fp32 ssm_state");
            double[] p1 = new double[h.length];
            double[] p3 = new double[h.length];
            m.forward(Backends.byName(name, 1), batch, len, h64, p1, null, null);
            m.forward(Backends.byName(name, 3), batch, len, h64, p3, null, null);
            org.junit.jupiter.api.Assertions.assertArrayEquals(p1, p3, name + " fp64 out");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mamba_block_d16_N8_conv4_L32_B2", "mamba_block_d32_N16_conv4_L100_B1"})
    void matchesGoldenForwardInBothPrecisions(String name) throws IOException {
        assumeTrue(Golden.dir() != null, "golden folder not found (-Dssm4j.golden)");
        Map<String, Tensor> in = Golden.inputs(name);
        Tensor hs = in.remove("hidden_states");
        MambaBlock m = new MambaBlock(in);
        double[] ref = Golden.output(name, "out");
        double allowed = Golden.allowed(name, "out");
        for (SsmKernel k : TestBackends.with("scan")) {
            double[] got32 = wide(m.forward(k, hs).floats());
            assertTrue(maxDiff(got32, ref) <= allowed, k.describe() + " fp32 " + maxDiff(got32, ref));
            double[] got64 = m.forward(k, hs.asF64()).doubles();
            assertTrue(maxDiff(got64, ref) <= allowed, k.describe() + " fp64 " + maxDiff(got64, ref));
        }
    }

    @Test
    void rejectsBadWeightsAndInputsNamingThem() {
        SsmKernel k = Backends.byName("scalar", 1);
        Map<String, Tensor> w = new LinkedHashMap<>(MambaWeights.random(4, 2, 3, 2, 1));
        w.remove("dt_proj.bias");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MambaBlock(w)).getMessage()
                .startsWith("dt_proj.bias: missing"));
        Map<String, Tensor> w2 = new LinkedHashMap<>(MambaWeights.random(4, 2, 3, 2, 1));
        w2.put("D", Tensor.wrap(new float[7], 7));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MambaBlock(w2)).getMessage()
                .startsWith("D: must have shape"));
        Map<String, Tensor> w3 = new LinkedHashMap<>(MambaWeights.random(4, 2, 3, 2, 1));
        w3.get("A_log").floats()[3] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MambaBlock(w3)).getMessage()
                .startsWith("A_log: must be finite"));
        MambaBlock m = block(4, 2, 3);
        float[] h = new float[2 * 3 * 4];
        h[5] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.forward(k, 2, 3, h, new float[24], null, null)).getMessage().startsWith("hidden"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.forward(k, 2, 3, new float[24], new float[23], null, null)).getMessage().startsWith("out"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.forward(k, 2, 0, new float[24], new float[24], null, null)).getMessage()
                .startsWith("length"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.step(k, 1, new float[4], new float[5], new float[16], new float[4])).getMessage()
                .startsWith("convState"));
    }
}
