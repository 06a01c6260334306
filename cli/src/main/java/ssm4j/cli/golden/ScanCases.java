package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.BcLayout;
import ssm4j.api.DiagScanShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.SsuShape;
import ssm4j.api.io.NpyArray;

/**
 * Golden runner for the recurrent mode (SPEC 7, 8.4): {@code selective_scan} (including the chain case
 * {@code ssu_chain_vs_scan_*}, whose {@code out_steps}/{@code state_steps} come from L calls of the backend's
 * {@code selectiveStateUpdate}), {@code selective_state_update} and {@code diag_lti_recurrence} (whose state
 * trajectory x comes from L one-step {@code diagScan} calls carrying the state, and whose y comes from one
 * full-length {@code diagScan}). fp32 runs use the float[] API, fp64 runs the double[] API.
 */
public final class ScanCases implements CaseRunner {
    /**
     * The oracle and the {@code *_f64} decoding cases have only float64 outputs, which an fp32 run never compares
     * (SPEC 0.4): an fp32 line for them would check nothing, so they print the fp64 line only.
     */
    @Override
    public boolean supportsFp32(GoldenCase c) {
        return switch (c.primitive()) {
            case "diag_lti_recurrence" -> false;
            case "selective_state_update" -> !"float64".equals(c.stringParam("dtype", "float32"));
            default -> true;
        };
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        return switch (c.primitive()) {
            case "selective_scan" -> selectiveScan(c, p == Precision.FP32, kernel);
            case "selective_state_update" -> stateUpdate(c, p == Precision.FP32, kernel);
            case "diag_lti_recurrence" -> diag(c, p == Precision.FP32, kernel);
            default -> throw new IllegalArgumentException("not a scan primitive: " + c.primitive());
        };
    }

    // ------------------------------------------------------------------ selective scan (7.1–7.2)

    /** B/C layout from the array's rank: (D,N) fixed, (B,N,L) per time, (B,G,N,L) grouped (SPEC 7.1). */
    private static BcLayout layout(NpyArray a) {
        return switch (a.rank()) {
            case 2 -> BcLayout.FIXED;
            case 3 -> BcLayout.PER_TIME;
            case 4 -> BcLayout.GROUPED;
            default -> throw new IllegalArgumentException("B/C of rank " + a.rank());
        };
    }

    private static Map<String, double[]> selectiveScan(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        NpyArray bIn = c.input("B");
        NpyArray cIn = c.input("C");
        int groups = bIn.rank() == 4 ? bIn.dim(1) : cIn.rank() == 4 ? cIn.dim(1) : 1;
        SelectiveScanShape s = new SelectiveScanShape(c.intParam("batch"), c.intParam("dim"), c.intParam("dstate"),
                c.intParam("L"), layout(bIn), layout(cIn), groups, c.boolParam("complex_A", false),
                c.boolParam("delta_softplus", false));
        boolean chain = c.outputNames().contains("out_scan");
        boolean wantState = chain || c.outputNames().contains("last_state");
        Map<String, double[]> got = new LinkedHashMap<>();
        In in = new In(c, f32);
        Object out = in.alloc(s.seqSize());
        Object last = wantState ? in.alloc(s.stateSize()) : null;
        if (f32) {
            k.selectiveScan(s, in.f("u"), in.f("delta"), in.f("A"), in.f("B"), in.f("C"), in.f("D"), in.f("z"),
                    in.f("delta_bias"), null, (float[]) out, (float[]) last);
        } else {
            k.selectiveScan(s, in.d("u"), in.d("delta"), in.d("A"), in.d("B"), in.d("C"), in.d("D"), in.d("z"),
                    in.d("delta_bias"), null, (double[]) out, (double[]) last);
        }
        got.put(chain ? "out_scan" : "out", GoldenArrays.widen(out));
        if (wantState) {
            got.put("last_state", GoldenArrays.widen(last));
        }
        if (chain) {
            chainSteps(s, in, got, k);
        }
        return got;
    }

    /**
     * {@code ssu_chain_vs_scan}: the same inputs fed to L decoding steps from a zero state (SPEC 7.3), one time
     * step at a time; per-time B and C (B,N,L) are sliced to the step's (B,1,N).
     */
    private static void chainSteps(SelectiveScanShape s, In in, Map<String, double[]> got, SsmKernel k) {
        if (s.bLayout() != BcLayout.PER_TIME || s.cLayout() != BcLayout.PER_TIME || s.complexA()) {
            throw new IllegalArgumentException("chain case needs real per-time B and C");
        }
        int nb = s.batch();
        int dim = s.dim();
        int n = s.dstate();
        int len = s.length();
        SsuShape ss = new SsuShape(nb, 1, dim, n, 1, s.deltaSoftplus());
        double[] u = in.raw("u");
        double[] delta = in.raw("delta");
        double[] z = in.raw("z");
        double[] bm = in.raw("B");
        double[] cm = in.raw("C");
        double[] x = new double[nb * dim];
        double[] dt = new double[nb * dim];
        double[] zt = z == null ? null : new double[nb * dim];
        double[] bt = new double[nb * n];
        double[] ct = new double[nb * n];
        double[] outSteps = new double[nb * dim * len];
        Object state = in.alloc(ss.stateSize());
        Object out1 = in.alloc(ss.rowSize());
        for (int t = 0; t < len; t++) {
            for (int r = 0; r < nb * dim; r++) {
                x[r] = u[r * len + t];
                dt[r] = delta[r * len + t];
                if (zt != null) {
                    zt[r] = z[r * len + t];
                }
            }
            for (int r = 0; r < nb * n; r++) {
                bt[r] = bm[r * len + t];
                ct[r] = cm[r * len + t];
            }
            if (in.f32) {
                k.selectiveStateUpdate(ss, (float[]) state, f(x), f(dt), in.f("A"), f(bt), f(ct), in.f("D"), f(zt),
                        in.f("delta_bias"), (float[]) out1);
            } else {
                k.selectiveStateUpdate(ss, (double[]) state, x, dt, in.d("A"), bt, ct, in.d("D"), zt,
                        in.d("delta_bias"), (double[]) out1);
            }
            double[] o = GoldenArrays.widen(out1);
            for (int r = 0; r < nb * dim; r++) {
                outSteps[r * len + t] = o[r];
            }
        }
        got.put("out_steps", outSteps);
        got.put("state_steps", GoldenArrays.widen(state));
    }

    // ------------------------------------------------------------------ decoding step (7.3)

    private static Map<String, double[]> stateUpdate(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        int heads = c.has("nheads") ? c.intParam("nheads") : 1;
        SsuShape s = new SsuShape(c.intParam("batch"), heads, c.intParam("dim"), c.intParam("dstate"),
                c.intParam("ngroups", 1), c.boolParam("dt_softplus", false));
        In in = new In(c, f32);
        Object out = in.alloc(s.rowSize());
        if (f32) {
            float[] state = in.f("state").clone();
            k.selectiveStateUpdate(s, state, in.f("x"), in.f("dt"), in.f("A"), in.f("B"), in.f("C"), in.f("D"),
                    in.f("z"), in.f("dt_bias"), (float[]) out);
            return Map.of("out", GoldenArrays.widen(out), "state_out", GoldenArrays.widen(state));
        }
        double[] state = in.d("state").clone();
        k.selectiveStateUpdate(s, state, in.d("x"), in.d("dt"), in.d("A"), in.d("B"), in.d("C"), in.d("D"),
                in.d("z"), in.d("dt_bias"), (double[]) out);
        return Map.of("out", GoldenArrays.widen(out), "state_out", state.clone());
    }

    // ------------------------------------------------------------------ own oracle (8.4)

    private static Map<String, double[]> diag(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        int nb = c.intParam("B");
        int h = c.intParam("H");
        int n = c.intParam("N");
        int len = c.intParam("L");
        boolean cplx = c.boolParam("complex", false);
        int w = cplx ? 2 : 1;
        In in = new In(c, f32);
        DiagScanShape full = new DiagScanShape(nb, h, n, len, cplx);
        DiagScanShape one = new DiagScanShape(nb, h, n, 1, cplx);
        int rows = nb * h;
        double[] u = in.raw("u");
        double[] x = new double[rows * len * n * w];
        Object y = in.alloc(full.seqSize());
        Object state = in.alloc(one.stateSize());
        Object next = in.alloc(one.stateSize());
        Object y1 = in.alloc(rows);
        double[] u1 = new double[rows];
        double[] x0 = in.raw("x0");
        if (f32) {
            k.diagScan(full, in.f("a"), in.f("b"), in.f("c"), null, in.f("x0"), in.f("u"), (float[]) y, null);
            System.arraycopy(in.f("x0"), 0, (float[]) state, 0, x0.length);
        } else {
            k.diagScan(full, in.d("a"), in.d("b"), in.d("c"), null, in.d("x0"), in.d("u"), (double[]) y, null);
            System.arraycopy(x0, 0, (double[]) state, 0, x0.length);
        }
        // The trajectory (B,H,L,N): one-step scans x_t = a∘x_{t−1} + b∘u_t carrying the state (8.4).
        for (int t = 0; t < len; t++) {
            for (int r = 0; r < rows; r++) {
                u1[r] = u[r * len + t];
            }
            if (f32) {
                k.diagScan(one, in.f("a"), in.f("b"), in.f("c"), null, (float[]) state, f(u1), (float[]) y1,
                        (float[]) next);
            } else {
                k.diagScan(one, in.d("a"), in.d("b"), in.d("c"), null, (double[]) state, u1, (double[]) y1,
                        (double[]) next);
            }
            double[] xt = GoldenArrays.widen(next);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(xt, r * n * w, x, (r * len + t) * n * w, n * w);
            }
            Object tmp = state;
            state = next;
            next = tmp;
        }
        Map<String, double[]> got = new LinkedHashMap<>();
        got.put("x", x);
        got.put("y", GoldenArrays.widen(y));
        return got;
    }

    // ------------------------------------------------------------------ helpers

    /** The case's inputs in the run's precision (null for an absent optional input); cached per name. */
    private static final class In {
        final GoldenCase c;
        final boolean f32;
        final Map<String, Object> cache = new LinkedHashMap<>();

        In(GoldenCase c, boolean f32) {
            this.c = c;
            this.f32 = f32;
        }

        double[] raw(String name) {
            if (!c.hasInput(name)) {
                return null;
            }
            return (double[]) cache.computeIfAbsent("raw:" + name, key -> {
                try {
                    return c.input(name).data();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        float[] f(String name) {
            double[] r = raw(name);
            return r == null ? null : (float[]) cache.computeIfAbsent("f:" + name, key -> ScanCases.f(r));
        }

        double[] d(String name) {
            return raw(name);
        }

        Object alloc(long size) {
            return f32 ? new float[Math.toIntExact(size)] : new double[Math.toIntExact(size)];
        }
    }

    private static float[] f(double[] v) {
        return v == null ? null : GoldenArrays.narrow(v);
    }
}
