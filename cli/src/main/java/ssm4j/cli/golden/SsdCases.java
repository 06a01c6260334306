package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonElement;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.mamba2.Mamba2Block;
import ssm4j.blocks.mamba2.Mamba2Config;

/**
 * Golden runner for Mamba-2 (SPEC 12): {@code ssd_chunk_scan} (y, final_states and the chunked algorithm's
 * intermediates chunk_states / prev_states from one {@link SsmKernel#ssdScan} call) and {@code mamba2_block}
 * (out; out_steps, conv_state, ssm_state from {@code n_steps} decoding steps on zero caches; the *_prefill caches
 * from one forward call over the first {@code n_steps} tokens) through {@link Mamba2Block}. fp32 runs use the
 * float[] API, fp64 runs the double[] API.
 */
public final class SsdCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        return c.primitive().equals("ssd_chunk_scan") ? ssd(c, p == Precision.FP32, kernel)
                : block(c, p == Precision.FP32, kernel);
    }

    // ------------------------------------------------------------------ SSD scan (12.1–12.4)

    private static Map<String, double[]> ssd(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        SsdScanShape s = SsdScanShape.of(c.intParam("batch"), c.intParam("seqlen"), c.intParam("nheads"),
                        c.intParam("headdim"), c.intParam("ngroups"), c.intParam("dstate"), c.intParam("chunk_size"))
                .withDtSoftplus(c.boolParam("dt_softplus", false));
        JsonElement limit = c.has("dt_limit") ? c.param("dt_limit") : null;
        if (limit != null && !limit.isJsonNull()) {
            double[] lh = c.doublesParam("dt_limit");
            s = s.withDtLimit(lh[0], lh[1]);
        }
        if (c.hasInput("D")) {
            s = s.withDPerHeaddim(c.input("D").rank() == 2);
        }
        // one code path for both precisions: outputs are float[] or double[]; only the kernel call is typed
        Object y = GoldenArrays.array(f32, (int) s.seqSize());
        Object fin = GoldenArrays.array(f32, (int) s.stateSize());
        Object cs = GoldenArrays.array(f32, (int) s.chunkStateSize());
        Object ps = GoldenArrays.array(f32, (int) s.chunkStateSize());
        if (f32) {
            k.ssdScan(s, f(c, "x"), f(c, "dt"), f(c, "A"), f(c, "B"), f(c, "C"), f(c, "D"), f(c, "z"),
                    f(c, "dt_bias"), f(c, "initial_states"), (float[]) y, (float[]) fin, (float[]) cs, (float[]) ps);
        } else {
            k.ssdScan(s, d(c, "x"), d(c, "dt"), d(c, "A"), d(c, "B"), d(c, "C"), d(c, "D"), d(c, "z"),
                    d(c, "dt_bias"), d(c, "initial_states"), (double[]) y, (double[]) fin, (double[]) cs,
                    (double[]) ps);
        }
        Map<String, double[]> got = new LinkedHashMap<>();
        got.put("y", GoldenArrays.widen(y));
        got.put("final_states", GoldenArrays.widen(fin));
        got.put("chunk_states", GoldenArrays.widen(cs));
        got.put("prev_states", GoldenArrays.widen(ps));
        return got;
    }

    // ------------------------------------------------------------------ block (12.6)

    private static Map<String, double[]> block(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        Mamba2Block m = new Mamba2Block(GoldenArrays.weights(c, "hidden_states"),
                Mamba2Config.of(c.intParam("ngroups"))
                        .withChunkSize(c.intParam("chunk_size", 256))
                        .withNormBeforeGate(c.boolParam("norm_before_gate", false)));
        NpyArray hs = c.input("hidden_states");
        int b = hs.dim(0);
        return BlockDecoding.run(new BlockDecoding.Calls(m::forward, m::step, m::forward, m::step), k,
                f32 ? hs.toFloats() : hs.data(), b, hs.dim(1), m.dModel(), c.intParam("n_steps"),
                m.convStateSize(b), m.ssmStateSize(b));
    }

    // ------------------------------------------------------------------ helpers

    private static float[] f(GoldenCase c, String name) throws IOException {
        return c.hasInput(name) ? c.input(name).toFloats() : null;
    }

    private static double[] d(GoldenCase c, String name) throws IOException {
        return c.hasInput(name) ? c.input(name).data() : null;
    }

}
