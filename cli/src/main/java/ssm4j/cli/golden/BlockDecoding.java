package ssm4j.cli.golden;

import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;

/**
 * The golden protocol shared by the Mamba-1 and Mamba-2 block cases (SPEC 11, 12.6): {@code out} from one
 * forward call; {@code out_steps}, {@code conv_state}, {@code ssm_state} from {@code n_steps} decoding steps on
 * zero caches; {@code conv_state_prefill}, {@code ssm_state_prefill} from one forward call over the first
 * {@code n_steps} tokens. One code path serves both precisions: arrays are float[] or double[], copied with
 * {@link System#arraycopy}; only the block calls are typed, through the method references in {@link Calls}.
 */
final class BlockDecoding {
    private BlockDecoding() {
    }

    /** A block's fp32 forward call {@code (kernel, batch, length, hidden, out, convState, ssmState)}. */
    @FunctionalInterface
    interface Forward32 {
        void run(SsmKernel k, int batch, int length, float[] h, float[] y, float[] conv, float[] ssm);
    }

    /** A block's fp64 forward call. */
    @FunctionalInterface
    interface Forward64 {
        void run(SsmKernel k, int batch, int length, double[] h, double[] y, double[] conv, double[] ssm);
    }

    /** A block's fp32 decoding step {@code (kernel, batch, hidden, convState, ssmState, out)}. */
    @FunctionalInterface
    interface Step32 {
        void run(SsmKernel k, int batch, float[] h, float[] conv, float[] ssm, float[] out);
    }

    /** A block's fp64 decoding step. */
    @FunctionalInterface
    interface Step64 {
        void run(SsmKernel k, int batch, double[] h, double[] conv, double[] ssm, double[] out);
    }

    /** The four calls of one block, e.g. {@code new Calls(m::forward, m::step, m::forward, m::step)}. */
    record Calls(Forward32 forward32, Step32 step32, Forward64 forward64, Step64 step64) {
        void forward(SsmKernel k, int b, int l, Object h, Object y, Object conv, Object ssm) {
            if (h instanceof float[] hf) {
                forward32.run(k, b, l, hf, (float[]) y, (float[]) conv, (float[]) ssm);
            } else {
                forward64.run(k, b, l, (double[]) h, (double[]) y, (double[]) conv, (double[]) ssm);
            }
        }

        void step(SsmKernel k, int b, Object tok, Object conv, Object ssm, Object o) {
            if (tok instanceof float[] tf) {
                step32.run(k, b, tf, (float[]) conv, (float[]) ssm, (float[]) o);
            } else {
                step64.run(k, b, (double[]) tok, (double[]) conv, (double[]) ssm, (double[]) o);
            }
        }
    }

    /**
     * Runs the protocol.
     *
     * @param h        hidden states (B, L, dModel), float[] for an fp32 run, double[] for fp64
     * @param convSize length of the conv-state cache for batch B
     * @param ssmSize  length of the SSM-state cache for batch B
     * @return the outputs by base name, widened to double
     */
    static Map<String, double[]> run(Calls m, SsmKernel k, Object h, int b, int l, int dm, int steps, int convSize,
                                     int ssmSize) {
        boolean f32 = h instanceof float[];
        Map<String, double[]> out = new LinkedHashMap<>();
        Object y = GoldenArrays.array(f32, b * l * dm);
        m.forward(k, b, l, h, y, null, null);
        out.put("out", GoldenArrays.widen(y));
        // decoding from zero caches, one token at a time
        Object conv = GoldenArrays.array(f32, convSize);
        Object ssm = GoldenArrays.array(f32, ssmSize);
        Object tok = GoldenArrays.array(f32, b * dm);
        Object o = GoldenArrays.array(f32, b * dm);
        Object outSteps = GoldenArrays.array(f32, b * steps * dm);
        for (int t = 0; t < steps; t++) {
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(h, (bi * l + t) * dm, tok, bi * dm, dm);
            }
            m.step(k, b, tok, conv, ssm, o);
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(o, bi * dm, outSteps, (bi * steps + t) * dm, dm);
            }
        }
        out.put("out_steps", GoldenArrays.widen(outSteps));
        out.put("conv_state", GoldenArrays.widen(conv));
        out.put("ssm_state", GoldenArrays.widen(ssm));
        // prefill: one forward call over the prompt fills the caches
        Object prompt = GoldenArrays.array(f32, b * steps * dm);
        for (int bi = 0; bi < b; bi++) {
            System.arraycopy(h, bi * l * dm, prompt, bi * steps * dm, steps * dm);
        }
        Object convP = GoldenArrays.array(f32, convSize);
        Object ssmP = GoldenArrays.array(f32, ssmSize);
        m.forward(k, b, steps, prompt, GoldenArrays.array(f32, b * steps * dm), convP, ssmP);
        out.put("conv_state_prefill", GoldenArrays.widen(convP));
        out.put("ssm_state_prefill", GoldenArrays.widen(ssmP));
        return out;
    }
}
