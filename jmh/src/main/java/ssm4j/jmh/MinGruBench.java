package ssm4j.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.minrnn.MinGru;

/**
 * minGRU layer (SPEC 14.4), fp32, B = 1, dim 512, E = 768 (expansion 1.5), L 4096 (issue 19): {@link #forward}
 * one parallel call (projection, gates, log-space scan, output projection); {@link #step} one token of step
 * mode (the sequential branch), for the per-token cost of decoding.
 */
public class MinGruBench extends VectorTierBench {
    static final int DIM = 512;
    static final int E = 768;
    static final int L = 4096;

    MinGru layer;
    float[] x;
    float[] out;
    float[] hidden;
    float[] logHidden;
    float[] tok;
    float[] tokOut;

    /** Random weights (torch Linear init scale) and inputs. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(42);
        Map<String, Tensor> w = new HashMap<>();
        double inScale = 1 / Math.sqrt(DIM);
        double outScale = 1 / Math.sqrt(E);
        w.put("to_hidden_and_gate.weight", Tensor.wrap(Inputs.uniform(r, 2 * E * DIM, inScale, 0), 2 * E, DIM));
        w.put("to_hidden_and_gate.bias", Tensor.wrap(Inputs.uniform(r, 2 * E, inScale, 0), 2 * E));
        w.put("to_out.weight", Tensor.wrap(Inputs.uniform(r, DIM * E, outScale, 0), DIM, E));
        w.put("to_out.bias", Tensor.wrap(Inputs.uniform(r, DIM, outScale, 0), DIM));
        layer = new MinGru(w);
        x = Inputs.uniform(r, L * DIM, 1, 0);
        out = new float[L * DIM];
        hidden = new float[E];
        logHidden = new float[E];
        tok = Inputs.uniform(r, DIM, 1, 0);
        tokOut = new float[DIM];
        layer.initialState(1, hidden, logHidden);
    }

    /** One parallel call over L tokens. */
    @Benchmark
    public float[] forward() {
        layer.forward(kernel, 1, L, x, null, null, out, hidden, logHidden);
        return out;
    }

    /** One token of step mode. */
    @Benchmark
    public float[] step() {
        layer.step(kernel, 1, tok, hidden, logHidden, tokOut);
        return tokOut;
    }
}
