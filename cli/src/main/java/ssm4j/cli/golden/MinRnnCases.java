package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.LogScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.minrnn.MinGru;
import ssm4j.blocks.minrnn.MinLstm;
import ssm4j.blocks.minrnn.MinRnn;

/**
 * Golden runner for minGRU / minLSTM (SPEC 14): {@code log_scan} (log_h, h from one {@link SsmKernel#logScan};
 * log_h is compared too, because h's tolerance is measured against its largest channel, 14.7) and the layers
 * {@code min_gru}, {@code min_lstm}: out, hidden, log_hidden from one call; out_steps from L one-token
 * {@link MinRnn#step} calls from {@link MinRnn#initialState}; out_cont from a call on x[:, T:] continuing the
 * state of a call on x[:, :T] (T = params.split_T), all B sequences at once. Every layer input other than
 * {@code x} is a weight under its state_dict name. fp32 runs use the float[] API, fp64 runs the double[] API.
 */
public final class MinRnnCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        boolean f32 = p == Precision.FP32;
        return c.primitive().equals("log_scan") ? logScan(c, f32, kernel) : layer(c, f32, kernel);
    }

    private static Map<String, double[]> logScan(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        NpyArray la = c.input("log_coeffs");
        LogScanShape s = new LogScanShape(la.dim(0), la.dim(1), la.dim(2));
        double[] h0 = c.hasInput("log_h0") ? c.input("log_h0").data() : null;
        Object logH = GoldenArrays.array(f32, s.seqSize());
        Object h = GoldenArrays.array(f32, s.seqSize());
        if (f32) {
            float[] h0f = h0 == null ? null : c.input("log_h0").toFloats();
            k.logScan(s, la.toFloats(), c.input("log_values").toFloats(), h0f, (float[]) logH, (float[]) h, null);
        } else {
            k.logScan(s, la.data(), c.input("log_values").data(), h0, (double[]) logH, (double[]) h, null);
        }
        Map<String, double[]> got = new LinkedHashMap<>();
        got.put("log_h", GoldenArrays.widen(logH));
        got.put("h", GoldenArrays.widen(h));
        return got;
    }

    private static Map<String, double[]> layer(GoldenCase c, boolean f32, SsmKernel k) throws IOException {
        Map<String, Tensor> w = GoldenArrays.weights(c, "x");
        MinRnn m = c.primitive().equals("min_gru") ? new MinGru(w)
                : new MinLstm(w, c.boolParam("use_coeff_norm", true));
        NpyArray xa = c.input("x");
        int b = xa.dim(0);
        int l = xa.dim(1);
        int dim = m.dim();
        int e = m.dimInner();
        int split = c.intParam("split_T");
        Object x = f32 ? xa.toFloats() : xa.data();
        Map<String, double[]> got = new LinkedHashMap<>();
        // one call, no previous state
        Object out = GoldenArrays.array(f32, b * l * dim);
        Object hid = GoldenArrays.array(f32, b * e);
        Object logHid = GoldenArrays.array(f32, b * e);
        forward(m, k, f32, b, l, x, null, null, out, hid, logHid);
        got.put("out", GoldenArrays.widen(out));
        got.put("hidden", GoldenArrays.widen(hid));
        got.put("log_hidden", GoldenArrays.widen(logHid));
        // L one-token calls passing the state
        Object state = GoldenArrays.array(f32, b * e);
        Object logState = GoldenArrays.array(f32, b * e);
        Object tok = GoldenArrays.array(f32, b * dim);
        Object o1 = GoldenArrays.array(f32, b * dim);
        double[] steps = new double[b * l * dim];
        if (f32) {
            m.initialState(b, (float[]) state, (float[]) logState);
        } else {
            m.initialState(b, (double[]) state, (double[]) logState);
        }
        for (int t = 0; t < l; t++) {
            copyTokens(x, b, l, dim, t, 1, tok);
            if (f32) {
                m.step(k, b, (float[]) tok, (float[]) state, (float[]) logState, (float[]) o1);
            } else {
                m.step(k, b, (double[]) tok, (double[]) state, (double[]) logState, (double[]) o1);
            }
            double[] ow = GoldenArrays.widen(o1);
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(ow, bi * dim, steps, (bi * l + t) * dim, dim);
            }
        }
        got.put("out_steps", steps);
        // two calls: x[:, :T] then x[:, T:] from the returned state
        Object first = GoldenArrays.array(f32, b * split * dim);
        Object second = GoldenArrays.array(f32, b * (l - split) * dim);
        copyTokens(x, b, l, dim, 0, split, first);
        copyTokens(x, b, l, dim, split, l - split, second);
        Object h1 = GoldenArrays.array(f32, b * e);
        Object lh1 = GoldenArrays.array(f32, b * e);
        forward(m, k, f32, b, split, first, null, null, GoldenArrays.array(f32, b * split * dim), h1, lh1);
        Object out2 = GoldenArrays.array(f32, b * (l - split) * dim);
        forward(m, k, f32, b, l - split, second, h1, lh1, out2, null, null);
        got.put("out_cont", GoldenArrays.widen(out2));
        return got;
    }

    private static void forward(MinRnn m, SsmKernel k, boolean f32, int b, int l, Object x, Object h, Object lh,
                                Object out, Object nh, Object nlh) {
        if (f32) {
            m.forward(k, b, l, (float[]) x, (float[]) h, (float[]) lh, (float[]) out, (float[]) nh, (float[]) nlh);
        } else {
            m.forward(k, b, l, (double[]) x, (double[]) h, (double[]) lh, (double[]) out, (double[]) nh,
                    (double[]) nlh);
        }
    }

    /** Copies tokens [t0, t0 + n) of every sequence of x (B,L,dim) into dst (B,n,dim). */
    private static void copyTokens(Object x, int b, int l, int dim, int t0, int n, Object dst) {
        for (int bi = 0; bi < b; bi++) {
            System.arraycopy(x, (bi * l + t0) * dim, dst, bi * n * dim, n * dim);
        }
    }
}
