package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.kernels.s4.DplrSystem;
import ssm4j.kernels.s4.S4DenseForm;
import ssm4j.kernels.s4.S4DenseStep;
import ssm4j.kernels.s4.S4DiagonalStep;
import ssm4j.kernels.s4.S4Kernel;
import ssm4j.kernels.s4.S4LinearStep;

/**
 * Golden runner for {@code s4_dplr_kernel} (incl. the double-length case), {@code s4_dplr_kernel_state},
 * {@code s4_dplr_dense_form} and {@code s4_dplr_recurrent} (SPEC 3.2–3.6). C̃ is formed from {@code C_orig}
 * by the module itself (3.3a) at the case's l_max (or L), so the stored {@code C_tilde} is an output check, not
 * an input. fp32 runs round every stored parameter to float32 (the reference's float32 run) and use the fp32
 * kernel path.
 */
public final class S4Cases extends F32OutputsRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        boolean f32 = p == Precision.FP32;
        NpyArray lam = c.input("Lambda");
        int h = lam.dim(0);
        int n = lam.dim(1);
        int rank = c.input("P").dim(0);
        int channels = c.input("C_orig").dim(0);
        DplrSystem sys = new DplrSystem(h, n, rank, S4dCases.in(c, "dt", f32), S4dCases.in(c, "Lambda", f32),
                S4dCases.in(c, "P", f32), S4dCases.in(c, "B", f32));
        double[] cOrig = S4dCases.in(c, "C_orig", f32);
        Map<String, double[]> out = new LinkedHashMap<>();
        if (c.has("L_after")) {
            int lMax = c.intParam("l_max");
            int l2 = c.intParam("L_after");
            S4Kernel k = S4Kernel.fromC(sys, channels, cOrig, lMax);
            out.put("K_L", kernel(k, kernel, lMax, f32));
            out.put("K_2L", kernel(k, kernel, l2, f32));
            out.put("C_tilde_2L", k.cTilde());
            return out;
        }
        int l = c.intParam("L");
        S4Kernel k = S4Kernel.fromC(sys, channels, cOrig, c.intParam("l_max", l));
        switch (c.primitive()) {
            case "s4_dplr_kernel" -> {
                out.put("K", kernel(k, kernel, l, f32));
                out.put("C_tilde", k.cTilde());
            }
            case "s4_dplr_kernel_state" -> {
                int batch = c.intParam("B");
                double[] state = S4dCases.in(c, "state", f32);
                double[] u = S4dCases.in(c, "u", f32);
                if (f32) {
                    float[] kk = new float[channels * h * l];
                    float[] ks = new float[batch * channels * h * l];
                    k.stateKernel(kernel, batch, GoldenArrays.narrow(state), l, kk, ks);
                    out.put("K", GoldenArrays.widen(kk));
                    out.put("K_state", GoldenArrays.widen(ks));
                } else {
                    double[] kk = new double[channels * h * l];
                    double[] ks = new double[batch * channels * h * l];
                    k.stateKernel(kernel, batch, state, l, kk, ks);
                    out.put("K", kk);
                    out.put("K_state", ks);
                }
                // (3.5c) next_state: the bilinear step applied L times to the stored half
                double[] next = state.clone();
                new S4LinearStep(sys, channels, null).steps(batch, l, next, u, null);
                out.put("next_state", next);
            }
            case "s4_dplr_dense_form" -> {
                out.put("K", kernel(k, kernel, l, f32));
                S4DenseForm form = S4DenseForm.of(sys, channels, k.cTilde(), k.lKernel());
                out.put("dA", form.dA());
                out.put("dB", form.dB());
                out.put("dC", form.dC());
                double[] kk = new double[channels * h * l];
                form.krylovKernel(l, kk);
                out.put("K_krylov", kk);
            }
            case "s4_dplr_recurrent" -> {
                out.put("K", kernel(k, kernel, l, f32));
                S4DenseForm form = S4DenseForm.of(sys, channels, k.cTilde(), k.lKernel());
                int batch = c.intParam("B");
                double[] u = S4dCases.in(c, "u", f32);
                S4DenseStep dense = new S4DenseStep(form);
                out.put("y_dense", run(dense, batch, l, u, channels, h, null));
                S4LinearStep linear = S4LinearStep.of(sys, form);
                double[] stateLinear = new double[2 * batch * h * n];
                out.put("y_linear", run(linear, batch, l, u, channels, h, stateLinear));
                out.put("state_linear", stateLinear);
                out.put("y_diagonal", run(new S4DiagonalStep(form), batch, l, u, channels, h, null));
            }
            default -> throw new IllegalArgumentException("not an S4 primitive: " + c.primitive());
        }
        return out;
    }

    private static double[] run(ssm4j.kernels.s4.S4Step s, int batch, int l, double[] u, int channels, int h,
                                double[] state) {
        double[] st = state != null ? state : new double[2 * batch * h * s.stateSize()];
        double[] y = new double[batch * channels * h * l];
        s.steps(batch, l, st, u, y);
        return y;
    }

    private static double[] kernel(S4Kernel k, SsmKernel backend, int l, boolean f32) {
        int size = k.channels() * k.system().h() * l;
        if (f32) {
            float[] o = new float[size];
            k.kernel(backend, l, o, 0);
            return GoldenArrays.widen(o);
        }
        double[] o = new double[size];
        k.kernel(backend, l, o, 0);
        return o;
    }
}
