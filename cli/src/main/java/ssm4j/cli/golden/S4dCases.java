package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.kernels.s4d.S4dDiscretization;
import ssm4j.kernels.s4d.S4dKernel;
import ssm4j.kernels.s4d.S4dRecurrence;

/**
 * Golden runner for {@code s4d_kernel} (library and standalone cases), {@code s4d_kernel_state} and
 * {@code s4d_recurrent} (SPEC 4.2–4.6). fp32 runs round the stored parameters to float32 (as the reference's
 * float32 run did) and use the fp32 paths; fp64 runs use the stored values and the fp64 paths.
 */
public final class S4dCases extends F32OutputsRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        Map<String, double[]> out = new LinkedHashMap<>();
        boolean f32 = p == Precision.FP32;
        if (c.hasInput("log_A_real")) {
            int h = c.intParam("H");
            int n = c.intParam("N") / 2;
            int l = c.intParam("L");
            S4dKernel k = S4dKernel.standalone(h, n, in(c, "log_dt", f32), in(c, "log_A_real", f32),
                    in(c, "A_imag", f32), in(c, "C", f32));
            out.put("K", kernel(k, kernel, l, f32));
            return out;
        }
        S4dKernel k = build(c, f32);
        int l = c.intParam("L");
        out.put("K", kernel(k, kernel, l, f32));
        int batch = c.intParam("B", 1);
        if (c.primitive().equals("s4d_kernel_state")) {
            double[] state = in(c, "state", f32);
            double[] u = in(c, "u", f32);
            if (f32) {
                float[] ks = new float[batch * k.channels() * k.h() * l];
                k.stateKernel(kernel, batch, GoldenArrays.narrow(state), l, ks);
                out.put("K_state", GoldenArrays.widen(ks));
                float[] ns = new float[2 * batch * k.h() * k.n()];
                k.nextState(kernel, batch, GoldenArrays.narrow(state), GoldenArrays.narrow(u), l, ns);
                out.put("next_state", GoldenArrays.widen(ns));
            } else {
                double[] ks = new double[batch * k.channels() * k.h() * l];
                k.stateKernel(kernel, batch, state, l, ks);
                out.put("K_state", ks);
                double[] ns = new double[2 * batch * k.h() * k.n()];
                k.nextState(kernel, batch, state, u, l, ns);
                out.put("next_state", ns);
            }
        } else if (c.primitive().equals("s4d_recurrent")) {
            S4dRecurrence r = new S4dRecurrence(k.h(), k.n(), k.channels(), in(c, "dA", f32), in(c, "dB", f32),
                    in(c, "C", f32));
            double[] u = in(c, "u", false);
            double[] state = new double[2 * batch * k.h() * k.n()];
            double[] y = new double[batch * k.channels() * k.h() * l];
            r.steps(batch, l, state, u, y);
            out.put("y", y);
            out.put("state", state);
        }
        return out;
    }

    private static S4dKernel build(GoldenCase c, boolean f32) throws IOException {
        int h = c.intParam("H");
        boolean real = c.boolParam("is_real", false);
        S4dDiscretization disc = S4dDiscretization.parse(c.stringParam("disc", "zoh"));
        int channels = c.intParam("channels", 1);
        int dState = c.intParam("d_state");
        int n = real ? dState : dState / 2;
        double[] dt = in(c, "dt", f32);
        if (real) {
            return S4dKernel.ofReal(disc, h, n, channels, dt, in(c, "A", f32), in(c, "B", f32), in(c, "C", f32));
        }
        return S4dKernel.of(disc, h, n, channels, dt, in(c, "A", f32), in(c, "B", f32), in(c, "C", f32));
    }

    private static double[] kernel(S4dKernel k, SsmKernel backend, int l, boolean f32) {
        if (f32) {
            float[] o = new float[k.channels() * k.h() * l];
            k.kernel(backend, l, o, 0);
            return GoldenArrays.widen(o);
        }
        double[] o = new double[k.channels() * k.h() * l];
        k.kernel(backend, l, o, 0);
        return o;
    }

    /** Input {@code name}, rounded to float32 values when {@code f32} (the reference's single-precision run). */
    static double[] in(GoldenCase c, String name, boolean f32) throws IOException {
        double[] d = c.input(name).data();
        if (f32) {
            d = d.clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) d[i];
            }
        }
        return d;
    }
}
