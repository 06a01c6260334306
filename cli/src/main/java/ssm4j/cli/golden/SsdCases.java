package ssm4j.cli.golden;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;
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
    /** Public no-arg constructor, as {@link GoldenRunners} requires. */
    public SsdCases() {
    }

    @Override
    public Set<String> primitives() {
        return Set.of("ssd_chunk_scan", "mamba2_block");
    }

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
        Map<String, double[]> got = new LinkedHashMap<>();
        if (f32) {
            float[] y = new float[(int) s.seqSize()];
            float[] fin = new float[(int) s.stateSize()];
            float[] cs = new float[(int) s.chunkStateSize()];
            float[] ps = new float[(int) s.chunkStateSize()];
            k.ssdScan(s, f(c, "x"), f(c, "dt"), f(c, "A"), f(c, "B"), f(c, "C"), f(c, "D"), f(c, "z"),
                    f(c, "dt_bias"), f(c, "initial_states"), y, fin, cs, ps);
            got.put("y", wide(y));
            got.put("final_states", wide(fin));
            got.put("chunk_states", wide(cs));
            got.put("prev_states", wide(ps));
        } else {
            double[] y = new double[(int) s.seqSize()];
            double[] fin = new double[(int) s.stateSize()];
            double[] cs = new double[(int) s.chunkStateSize()];
            double[] ps = new double[(int) s.chunkStateSize()];
            k.ssdScan(s, d(c, "x"), d(c, "dt"), d(c, "A"), d(c, "B"), d(c, "C"), d(c, "D"), d(c, "z"),
                    d(c, "dt_bias"), d(c, "initial_states"), y, fin, cs, ps);
            got.put("y", y);
            got.put("final_states", fin);
            got.put("chunk_states", cs);
            got.put("prev_states", ps);
        }
        return got;
    }

    // ------------------------------------------------------------------ block (12.6)

    private static Map<String, double[]> block(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String n : c.inputNames()) {
            if (!n.equals("hidden_states")) {
                w.put(n, TensorFiles.fromNpy(c.input(n)));
            }
        }
        Mamba2Block m = new Mamba2Block(w, Mamba2Config.of(c.intParam("ngroups"))
                .withChunkSize(c.intParam("chunk_size", 256))
                .withNormBeforeGate(c.boolParam("norm_before_gate", false)));
        NpyArray hs = c.input("hidden_states");
        int b = hs.dim(0);
        int l = hs.dim(1);
        int dm = m.dModel();
        int steps = c.intParam("n_steps");
        // one code path for both precisions: arrays are float[] or double[], copied with System.arraycopy
        Class<?> type = f32 ? float.class : double.class;
        Object h = f32 ? hs.toFloats() : hs.data();
        Map<String, double[]> out = new LinkedHashMap<>();
        Object y = Array.newInstance(type, b * l * dm);
        forward(m, k, b, l, h, y, null, null);
        out.put("out", wide(y));
        // decoding from zero caches, one token at a time
        Object conv = Array.newInstance(type, m.convStateSize(b));
        Object ssm = Array.newInstance(type, m.ssmStateSize(b));
        Object tok = Array.newInstance(type, b * dm);
        Object o = Array.newInstance(type, b * dm);
        Object outSteps = Array.newInstance(type, b * steps * dm);
        for (int t = 0; t < steps; t++) {
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(h, (bi * l + t) * dm, tok, bi * dm, dm);
            }
            if (f32) {
                m.step(k, b, (float[]) tok, (float[]) conv, (float[]) ssm, (float[]) o);
            } else {
                m.step(k, b, (double[]) tok, (double[]) conv, (double[]) ssm, (double[]) o);
            }
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(o, bi * dm, outSteps, (bi * steps + t) * dm, dm);
            }
        }
        out.put("out_steps", wide(outSteps));
        out.put("conv_state", wide(conv));
        out.put("ssm_state", wide(ssm));
        // prefill: one forward call over the prompt fills the caches
        Object prompt = Array.newInstance(type, b * steps * dm);
        for (int bi = 0; bi < b; bi++) {
            System.arraycopy(h, bi * l * dm, prompt, bi * steps * dm, steps * dm);
        }
        Object convP = Array.newInstance(type, m.convStateSize(b));
        Object ssmP = Array.newInstance(type, m.ssmStateSize(b));
        forward(m, k, b, steps, prompt, Array.newInstance(type, b * steps * dm), convP, ssmP);
        out.put("conv_state_prefill", wide(convP));
        out.put("ssm_state_prefill", wide(ssmP));
        return out;
    }

    private static void forward(Mamba2Block m, SsmKernel k, int b, int l, Object h, Object y, Object conv,
                                Object ssm) {
        if (h instanceof float[] hf) {
            m.forward(k, b, l, hf, (float[]) y, (float[]) conv, (float[]) ssm);
        } else {
            m.forward(k, b, l, (double[]) h, (double[]) y, (double[]) conv, (double[]) ssm);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static float[] f(GoldenCase c, String name) throws IOException {
        return c.hasInput(name) ? c.input(name).toFloats() : null;
    }

    private static double[] d(GoldenCase c, String name) throws IOException {
        return c.hasInput(name) ? c.input(name).data() : null;
    }

    /** A float[] or double[] widened to a new double[]. */
    private static double[] wide(Object a) {
        double[] o = new double[Array.getLength(a)];
        for (int i = 0; i < o.length; i++) {
            o[i] = Array.getDouble(a, i);
        }
        return o;
    }
}
