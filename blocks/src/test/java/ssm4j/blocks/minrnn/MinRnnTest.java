package ssm4j.blocks.minrnn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;
import ssm4j.blocks.rows.BlockMathF32;

/**
 * MinGru / MinLstm at awkward sizes on every backend, fp64 and fp32: against a direct linear-space loop of
 * SPEC 14.4 / 14.5 written here (an oracle independent of the log-space path), and the call patterns of 14.6
 * (one call = L steps = two calls split anywhere, per-sequence states for B &gt; 1); bad arguments are named.
 */
class MinRnnTest {
    private static final int DIM = 5;
    private static final int E = 7;

    /** Weights with gate biases spread so that gates near 0 and near 1 both occur. */
    private static Map<String, Tensor> weights(SplittableRandom r, int rows, boolean init) {
        Map<String, Tensor> w = new HashMap<>();
        w.put("to_hidden_and_gate.weight", Tensor.wrap(uniform(r, rows * E * DIM, 0.8), rows * E, DIM));
        w.put("to_hidden_and_gate.bias", Tensor.wrap(uniform(r, rows * E, 3), rows * E));
        w.put("to_out.weight", Tensor.wrap(uniform(r, DIM * E, 0.5), DIM, E));
        w.put("to_out.bias", Tensor.wrap(uniform(r, DIM, 0.5), DIM));
        if (init) {
            w.put("init_hidden_state", Tensor.wrap(uniform(r, E, 1.5), E));
        }
        return w;
    }

    private static double[] uniform(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (2 * r.nextDouble() - 1) * scale;
        }
        return a;
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** The module written out token by token in linear space, double (14.4, 14.5, 14.6). */
    private static double[] oracle(Map<String, Tensor> w, int kind, int b, int l, double[] x) {
        double[] wi = w.get("to_hidden_and_gate.weight").toDoubles();
        double[] bi = w.get("to_hidden_and_gate.bias").toDoubles();
        double[] wo = w.get("to_out.weight").toDoubles();
        double[] bo = w.get("to_out.bias").toDoubles();
        Tensor init = w.get("init_hidden_state");
        int rows = kind == 0 ? 2 : 3;
        double[] out = new double[b * l * DIM];
        for (int s = 0; s < b; s++) {
            double[] h = new double[E];
            for (int j = 0; j < E; j++) {
                double v = init == null ? 0 : init.get(j);
                h[j] = init == null ? 0 : v >= 0 ? v + 0.5 : sig(v);
            }
            for (int t = 0; t < l; t++) {
                double[] k = new double[rows * E];
                for (int q = 0; q < rows * E; q++) {
                    k[q] = bi[q];
                    for (int i = 0; i < DIM; i++) {
                        k[q] += wi[q * DIM + i] * x[(s * l + t) * DIM + i];
                    }
                }
                for (int j = 0; j < E; j++) {
                    double cand = k[j] >= 0 ? k[j] + 0.5 : sig(k[j]);
                    if (kind == 0) {
                        double z = sig(k[E + j]);
                        h[j] = (1 - z) * h[j] + z * cand;
                    } else {
                        double f = sig(k[E + j]);
                        double in = sig(k[2 * E + j]);
                        if (kind == 1) {
                            double sum = f + in;
                            f /= sum;
                            in /= sum;
                        }
                        h[j] = f * h[j] + in * cand;
                    }
                }
                for (int o = 0; o < DIM; o++) {
                    double y = bo[o];
                    for (int j = 0; j < E; j++) {
                        y += wo[o * E + j] * h[j];
                    }
                    out[(s * l + t) * DIM + o] = y;
                }
            }
        }
        return out;
    }

    /** kind 0 minGRU, 1 minLSTM (coeff norm), 2 minLSTM (no norm). */
    private static MinRnn layer(Map<String, Tensor> w, int kind) {
        return kind == 0 ? new MinGru(w) : new MinLstm(w, kind == 1);
    }

    private static double maxRel(double[] got, double[] want) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(got[i] - want[i]));
        }
        return err / Math.max(scale, 1e-300);
    }

    /** Runs the module through the float[] or double[] API; x and the result in double. */
    private static final class Runner {
        final MinRnn m;
        final SsmKernel k;
        final boolean f32;

        Runner(MinRnn m, SsmKernel k, boolean f32) {
            this.m = m;
            this.k = k;
            this.f32 = f32;
        }

        /** One call over x (b,l,dim) from state (h, lh) or none; writes the next state into nh, nlh. */
        double[] call(int b, int l, double[] x, double[] h, double[] lh, double[] nh, double[] nlh) {
            if (!f32) {
                double[] y = new double[b * l * DIM];
                m.forward(k, b, l, x, h, lh, y, nh, nlh);
                return y;
            }
            float[] y = new float[b * l * DIM];
            float[] nhf = nh == null ? null : new float[nh.length];
            float[] nlhf = nlh == null ? null : new float[nlh.length];
            m.forward(k, b, l, BlockMathF32.copyOf(x), BlockMathF32.copyOf(h), BlockMathF32.copyOf(lh), y, nhf,
                    nlhf);
            copy(nhf, nh);
            copy(nlhf, nlh);
            return Golden.wide(y);
        }
    }

    private static void copy(float[] from, double[] to) {
        if (from != null) {
            for (int i = 0; i < from.length; i++) {
                to[i] = from[i];
            }
        }
    }

    private static double[] tokens(double[] x, int b, int l, int t0, int n) {
        double[] o = new double[b * n * DIM];
        for (int s = 0; s < b; s++) {
            System.arraycopy(x, (s * l + t0) * DIM, o, s * n * DIM, n * DIM);
        }
        return o;
    }

    @Test
    void everyCallPatternMatchesTheLinearSpaceOracle() {
        SplittableRandom r = new SplittableRandom(9);
        for (SsmKernel k : TestBackends.with("scan")) {
            for (int kind = 0; kind < 3; kind++) {
                for (boolean init : new boolean[] {false, true}) {
                    Map<String, Tensor> w = weights(r, kind == 0 ? 2 : 3, init);
                    for (int[] bl : new int[][] {{1, 1}, {1, 2}, {3, 17}, {2, 40}}) {
                        int b = bl[0];
                        int l = bl[1];
                        double[] x = uniform(r, b * l * DIM, 2);
                        double[] want = oracle(w, kind, b, l, x);
                        for (boolean f32 : new boolean[] {false, true}) {
                            check(new Runner(layer(w, kind), k, f32), b, l, x, want,
                                    k.name() + "/" + k.threads() + " kind " + kind + (init ? " init" : "") + " B=" + b
                                            + " L=" + l + (f32 ? " fp32" : " fp64"));
                        }
                    }
                }
            }
        }
    }

    private static void check(Runner run, int b, int l, double[] x, double[] want, String what) {
        double tol = run.f32 ? 2e-5 : 1e-12;
        double[] one = run.call(b, l, x, null, null, null, null);
        assertTrue(maxRel(one, want) <= tol, what + " one call: " + maxRel(one, want));
        // L one-token steps from the initial state
        double[] steps = new double[b * l * DIM];
        Object h = run.f32 ? new float[b * E] : new double[b * E];
        Object lh = run.f32 ? new float[b * E] : new double[b * E];
        if (run.f32) {
            run.m.initialState(b, (float[]) h, (float[]) lh);
        } else {
            run.m.initialState(b, (double[]) h, (double[]) lh);
        }
        for (int t = 0; t < l; t++) {
            double[] xt = tokens(x, b, l, t, 1);
            if (run.f32) {
                float[] o = new float[b * DIM];
                run.m.step(run.k, b, BlockMathF32.copyOf(xt), (float[]) h, (float[]) lh, o);
                xt = Golden.wide(o);
            } else {
                double[] o = new double[b * DIM];
                run.m.step(run.k, b, xt, (double[]) h, (double[]) lh, o);
                xt = o;
            }
            for (int s = 0; s < b; s++) {
                System.arraycopy(xt, s * DIM, steps, (s * l + t) * DIM, DIM);
            }
        }
        assertTrue(maxRel(steps, want) <= tol, what + " steps: " + maxRel(steps, want));
        // two calls split at T, the state passed as both h and log h, or as one of them
        for (int split = 1; split < l; split += Math.max(1, l / 4)) {
            double[] nh = new double[b * E];
            double[] nlh = new double[b * E];
            run.call(b, split, tokens(x, b, l, 0, split), null, null, nh, nlh);
            for (int form = 0; form < 3; form++) {
                double[] second = run.call(b, l - split, tokens(x, b, l, split, l - split), form == 2 ? null : nh,
                        form == 1 ? null : nlh, null, null);
                double[] w2 = tokens(want, b, l, split, l - split);
                assertTrue(maxRel(second, w2) <= tol, what + " split " + split + " form " + form + ": "
                        + maxRel(second, w2));
            }
        }
    }

    private static void named(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name), "message '" + e.getMessage() + "' should name " + name);
    }

    @Test
    void badArgumentsAreNamed() {
        SplittableRandom r = new SplittableRandom(1);
        Map<String, Tensor> w = weights(r, 2, false);
        MinGru m = new MinGru(w);
        SsmKernel k = TestBackends.with("scan").get(0);
        float[] x = new float[2 * 3 * DIM];
        float[] out = new float[2 * 3 * DIM];
        named("kernel", () -> m.forward(null, 2, 3, x, null, null, out, null, null));
        named("batch", () -> m.forward(k, 0, 3, x, null, null, out, null, null));
        named("length", () -> m.forward(k, 2, 0, x, null, null, out, null, null));
        named("x", () -> m.forward(k, 2, 3, new float[5], null, null, out, null, null));
        named("out", () -> m.forward(k, 2, 3, x, null, null, new float[5], null, null));
        float[] nan = x.clone();
        nan[7] = Float.NaN;
        named("x", () -> m.forward(k, 2, 3, nan, null, null, out, null, null));
        float[] neg = new float[2 * E];
        neg[3] = -1f;
        named("prevHidden", () -> m.forward(k, 2, 3, x, neg, null, out, null, null));
        float[] badLog = new float[2 * E];
        badLog[1] = Float.NaN;
        named("prevLogHidden", () -> m.forward(k, 2, 3, x, null, badLog, out, null, null));
        named("nextHidden", () -> m.forward(k, 2, 3, x, null, null, out, new float[3], null));
        named("hidden", () -> m.step(k, 2, x, null, null, out));
        Map<String, Tensor> missing = new HashMap<>(w);
        missing.remove("to_out.bias");
        named("to_out.bias", () -> new MinGru(missing));
        Map<String, Tensor> shape = new HashMap<>(w);
        shape.put("to_hidden_and_gate.bias", Tensor.wrap(new double[3], 3));
        named("to_hidden_and_gate.bias", () -> new MinGru(shape));
        named("to_hidden_and_gate.weight", () -> new MinLstm(w, true));   // 2E rows where minLSTM needs 3E
    }
}
