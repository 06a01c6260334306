package ssm4j.blocks.minrnn;

import java.util.Map;

import dev.ludovic.netlib.blas.BLAS;

import ssm4j.api.Check;
import ssm4j.api.LogScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.ArrayArgs;
import ssm4j.blocks.StateDict;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.rows.BlockMathF32;

/**
 * What minGRU and minLSTM share (SPEC 14.4–14.6): the input projection {@code to_hidden_and_gate} (R·E rows of
 * pre-activations per token, R = 2 or 3), the log-space scan over a sequence (parallel branch, L &gt; 1) or one
 * linear-space update (sequential branch, L = 1), the output projection {@code to_out}, and the states passed
 * between calls. Subclasses supply the gates. Projections use netlib BLAS (as the Mamba block); the scan runs on
 * the given {@link SsmKernel}; gates are computed in double whatever the precision (an fp32 call rounds them).
 *
 * <p>States are per sequence, (B,E) (the reference's (B,1,E)), for any batch size (SPEC 14.8 item 5: the reference
 * only takes a batched previous state for B = 1). Immutable after construction; thread-safe: each thread has its
 * own grow-only workspace, so repeated calls of one shape allocate nothing.
 */
public abstract class MinRnn {
    private final int dim;
    private final int inner;
    private final int rows;
    private final float[] wF;
    private final double[] wD;
    private final float[] biasF;
    private final double[] biasD;
    private final float[] outWF;
    private final double[] outWD;
    private final float[] outBF;
    private final double[] outBD;
    private final double[] init;

    /** Per-thread buffers, grown to the largest call seen (float and double kept apart). */
    private static final class Work {
        Object[] f = new Object[5];
        Object[] d = new Object[5];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /**
     * @param module      module name for messages
     * @param gateRows    R: rows of to_hidden_and_gate per inner channel (2 for minGRU, 3 for minLSTM)
     * @param stateDict   weights by state_dict name (14.4): to_hidden_and_gate.weight (R·E,dim), .bias (R·E),
     *                    to_out.weight (dim,E), to_out.bias (dim), optional init_hidden_state (E)
     */
    MinRnn(String module, int gateRows, Map<String, Tensor> stateDict) {
        StateDict sd = new StateDict(module, stateDict);
        Tensor w = sd.get("to_hidden_and_gate.weight", -1, -1);
        Tensor ow = sd.get("to_out.weight", -1, -1);
        this.dim = w.dim(1);
        this.inner = ow.dim(1);
        this.rows = gateRows;
        Check.positive("dim", dim);
        Check.positive("dim_inner", inner);
        double[] wv = sd.finiteDoubles("to_hidden_and_gate.weight", rows * inner, dim);
        double[] bv = sd.finiteDoubles("to_hidden_and_gate.bias", rows * inner);
        double[] owv = sd.finiteDoubles("to_out.weight", dim, inner);
        double[] obv = sd.finiteDoubles("to_out.bias", dim);
        this.init = stateDict.containsKey("init_hidden_state") ? sd.finiteDoubles("init_hidden_state", inner) : null;
        this.wD = wv;
        this.wF = BlockMathF32.copyOf(wv);
        this.biasD = bv;
        this.biasF = BlockMathF32.copyOf(bv);
        this.outWD = owv;
        this.outWF = BlockMathF32.copyOf(owv);
        this.outBD = obv;
        this.outBF = BlockMathF32.copyOf(obv);
    }

    /** dim: channels of x and of the output. */
    public int dim() {
        return dim;
    }

    /** E = dim_inner = int(dim·expansion_factor): channels of the hidden state. */
    public int dimInner() {
        return inner;
    }

    /** Whether the module has a learned {@code init_hidden_state} (used when a call has no previous state). */
    public boolean hasInitHiddenState() {
        return init != null;
    }

    // ------------------------------------------------------------------ gates (subclasses)

    /** log a of inner channel j from the pre-activations {@code k[off .. off + R·E)} of one token. */
    abstract double logCoeff(Object k, int off, int j);

    /** log b of inner channel j. */
    abstract double logValue(Object k, int off, int j);

    /** The sequential branch's linear-space update of channel j: h from {@code hPrev} (ignored when !hasPrev). */
    abstract double update(Object k, int off, int j, double hPrev, boolean hasPrev);

    /** Pre-activation {@code k[off + row·E + j]} (row 0 hidden, then the gates in the reference's order). */
    final double pre(Object k, int off, int row, int j) {
        return get(k, off + row * inner + j);
    }

    // ------------------------------------------------------------------ public API

    /**
     * The state a call without a previous state starts from, for {@link #step}: {@code g(init_hidden_state)}
     * (its log {@code log_g}) for every sequence when the module has one, else h = 0 (log h = −∞).
     *
     * @param hidden    (B,E), written
     * @param logHidden (B,E), written, or null
     */
    public void initialState(int batch, float[] hidden, float[] logHidden) {
        initial(batch, hidden, logHidden);
    }

    /** fp64 overload of {@link #initialState(int, float[], float[])}. */
    public void initialState(int batch, double[] hidden, double[] logHidden) {
        initial(batch, hidden, logHidden);
    }

    /**
     * One call of the module's forward (SPEC 14.4–14.6): x (B,L,dim) → out (B,L,dim). L &gt; 1 takes the parallel
     * (log-space scan) branch, L = 1 the sequential one, as the reference. The previous state, when given,
     * continues an earlier call: {@code prevLogHidden} (B,E) is what the parallel branch uses, {@code prevHidden}
     * (B,E) what the sequential one uses; either may stand in for the other (through exp / log). Without either,
     * the call starts from {@code init_hidden_state} (through g) or from 0. The returned state is written to
     * {@code nextHidden} = h_{L−1} and {@code nextLogHidden} = log h_{L−1} (B,E), each when non-null; they may be
     * the arrays of the previous state (updated in place).
     *
     * @throws IllegalArgumentException on bad sizes, short arrays, non-finite x, or a negative / NaN state
     */
    public void forward(SsmKernel kernel, int batch, int length, float[] x, float[] prevHidden,
                        float[] prevLogHidden, float[] out, float[] nextHidden, float[] nextLogHidden) {
        call(kernel, batch, length, x, prevHidden, prevLogHidden, out, nextHidden, nextLogHidden);
    }

    /** fp64 overload of {@link #forward(SsmKernel, int, int, float[], float[], float[], float[], float[], float[])}. */
    public void forward(SsmKernel kernel, int batch, int length, double[] x, double[] prevHidden,
                        double[] prevLogHidden, double[] out, double[] nextHidden, double[] nextLogHidden) {
        call(kernel, batch, length, x, prevHidden, prevLogHidden, out, nextHidden, nextLogHidden);
    }

    /**
     * Step mode: one token per sequence, x (B,dim) → out (B,dim), updating {@code hidden} (B,E) and, when
     * non-null, {@code logHidden} in place. Start from {@link #initialState}; L steps equal one
     * {@link #forward} over the L tokens (to rounding).
     */
    public void step(SsmKernel kernel, int batch, float[] x, float[] hidden, float[] logHidden, float[] out) {
        Check.notNull("hidden", hidden);
        call(kernel, batch, 1, x, hidden, null, out, hidden, logHidden);
    }

    /** fp64 overload of {@link #step(SsmKernel, int, float[], float[], float[], float[])}. */
    public void step(SsmKernel kernel, int batch, double[] x, double[] hidden, double[] logHidden, double[] out) {
        Check.notNull("hidden", hidden);
        call(kernel, batch, 1, x, hidden, null, out, hidden, logHidden);
    }

    // ------------------------------------------------------------------ implementation (float[] or double[])

    private void initial(int batch, Object hidden, Object logHidden) {
        Check.positive("batch", batch);
        ArrayArgs.need("hidden", hidden, (long) batch * inner);
        if (logHidden != null) {
            ArrayArgs.need("logHidden", logHidden, (long) batch * inner);
        }
        for (int i = 0; i < batch * inner; i++) {
            int j = i % inner;
            set(hidden, i, init == null ? 0 : Gates.g(init[j]));
            if (logHidden != null) {
                set(logHidden, i, init == null ? Double.NEGATIVE_INFINITY : Gates.logG(init[j]));
            }
        }
    }

    private void check(SsmKernel kernel, int batch, int length, Object x, Object prevHidden, Object prevLogHidden,
                       Object out, Object nextHidden, Object nextLogHidden) {
        Check.notNull("kernel", kernel);
        Check.positive("batch", batch);
        Check.positive("length", length);
        long tokens = (long) batch * length;
        if (tokens * rows * inner > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("batch·length·dim_inner: too large for one call");
        }
        ArrayArgs.need("x", x, tokens * dim);
        ArrayArgs.need("out", out, tokens * dim);
        long st = (long) batch * inner;
        for (int i = 0; i < tokens * dim; i++) {
            if (!Double.isFinite(get(x, i))) {
                throw new IllegalArgumentException("x: must be finite, element " + i + " is " + get(x, i));
            }
        }
        if (prevHidden != null) {
            ArrayArgs.need("prevHidden", prevHidden, st);
            for (int i = 0; i < st; i++) {
                double v = get(prevHidden, i);
                if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("prevHidden: must be finite and >= 0, element " + i + " is "
                            + v);
                }
            }
        }
        if (prevLogHidden != null) {
            ArrayArgs.need("prevLogHidden", prevLogHidden, st);
            for (int i = 0; i < st; i++) {
                double v = get(prevLogHidden, i);
                if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("prevLogHidden: must not be NaN or +inf, element " + i
                            + " is " + v);
                }
            }
        }
        if (nextHidden != null) {
            ArrayArgs.need("nextHidden", nextHidden, st);
        }
        if (nextLogHidden != null) {
            ArrayArgs.need("nextLogHidden", nextLogHidden, st);
        }
    }

    private void call(SsmKernel kernel, int batch, int length, Object x, Object prevHidden, Object prevLogHidden,
                      Object out, Object nextHidden, Object nextLogHidden) {
        check(kernel, batch, length, x, prevHidden, prevLogHidden, out, nextHidden, nextLogHidden);
        boolean f32 = x instanceof float[];
        int tokens = batch * length;
        int states = batch * inner;
        Object[] ws = f32 ? WORK.get().f : WORK.get().d;
        Object k = grow(ws, 0, f32, tokens * rows * inner);
        Object h = grow(ws, 1, f32, tokens * inner);
        project(f32, tokens, x, k);
        if (length == 1) {
            for (int i = 0; i < states; i++) {
                int j = i % inner;
                boolean has = prevHidden != null || prevLogHidden != null || init != null;
                double prev = prevHidden != null ? get(prevHidden, i)
                        : prevLogHidden != null ? Math.exp(get(prevLogHidden, i))
                        : init != null ? Gates.g(init[j]) : 0;
                double v = update(k, (i / inner) * rows * inner, j, prev, has);
                set(h, i, v);
            }
            output(f32, tokens, h, out);
            for (int i = 0; i < states; i++) {
                double v = get(h, i);
                if (nextHidden != null) {
                    set(nextHidden, i, v);
                }
                if (nextLogHidden != null) {
                    set(nextLogHidden, i, Math.log(v));
                }
            }
            return;
        }
        Object la = grow(ws, 2, f32, tokens * inner);
        Object lb = grow(ws, 3, f32, tokens * inner);
        for (int tok = 0; tok < tokens; tok++) {
            int off = tok * rows * inner;
            for (int j = 0; j < inner; j++) {
                set(la, tok * inner + j, logCoeff(k, off, j));
                set(lb, tok * inner + j, logValue(k, off, j));
            }
        }
        // the previous state as a log (the parallel branch prepends it as one step, 14.3), else log_g(init)
        Object h0 = null;
        if (prevLogHidden != null) {
            h0 = prevLogHidden;
        } else if (prevHidden != null || init != null) {
            h0 = grow(ws, 4, f32, states);
            for (int i = 0; i < states; i++) {
                set(h0, i, prevHidden != null ? Math.log(get(prevHidden, i)) : Gates.logG(init[i % inner]));
            }
        }
        LogScanShape shape = new LogScanShape(batch, length, inner);
        Object last = nextLogHidden;
        if (f32) {
            kernel.logScan(shape, (float[]) la, (float[]) lb, (float[]) h0, null, (float[]) h, (float[]) last);
        } else {
            kernel.logScan(shape, (double[]) la, (double[]) lb, (double[]) h0, null, (double[]) h, (double[]) last);
        }
        output(f32, tokens, h, out);
        if (nextHidden != null) {
            for (int bi = 0; bi < batch; bi++) {
                for (int j = 0; j < inner; j++) {
                    set(nextHidden, bi * inner + j, get(h, ((bi + 1) * length - 1) * inner + j));
                }
            }
        }
    }

    /** k (tokens, R·E) = x (tokens, dim) · W^T + bias: row-major (r,c) is column-major (c×r) for BLAS. */
    private void project(boolean f32, int tokens, Object x, Object k) {
        int n = rows * inner;
        BLAS blas = BLAS.getInstance();
        if (f32) {
            blas.sgemm("T", "N", n, tokens, dim, 1f, wF, 0, dim, (float[]) x, 0, dim, 0f, (float[]) k, 0, n);
        } else {
            blas.dgemm("T", "N", n, tokens, dim, 1.0, wD, 0, dim, (double[]) x, 0, dim, 0.0, (double[]) k, 0, n);
        }
        addBias(f32, tokens, n, k, f32 ? biasF : biasD);
    }

    /** out (tokens, dim) = h (tokens, E) · to_out.weight^T + to_out.bias. */
    private void output(boolean f32, int tokens, Object h, Object out) {
        BLAS blas = BLAS.getInstance();
        if (f32) {
            blas.sgemm("T", "N", dim, tokens, inner, 1f, outWF, 0, inner, (float[]) h, 0, inner, 0f, (float[]) out,
                    0, dim);
        } else {
            blas.dgemm("T", "N", dim, tokens, inner, 1.0, outWD, 0, inner, (double[]) h, 0, inner, 0.0,
                    (double[]) out, 0, dim);
        }
        addBias(f32, tokens, dim, out, f32 ? outBF : outBD);
    }

    private static void addBias(boolean f32, int tokens, int n, Object a, Object bias) {
        if (f32) {
            float[] af = (float[]) a;
            float[] bf = (float[]) bias;
            for (int t = 0; t < tokens; t++) {
                for (int j = 0; j < n; j++) {
                    af[t * n + j] += bf[j];
                }
            }
        } else {
            double[] ad = (double[]) a;
            double[] bd = (double[]) bias;
            for (int t = 0; t < tokens; t++) {
                for (int j = 0; j < n; j++) {
                    ad[t * n + j] += bd[j];
                }
            }
        }
    }

    private static Object grow(Object[] ws, int slot, boolean f32, int size) {
        Object a = ws[slot];
        if (a == null || java.lang.reflect.Array.getLength(a) < size) {
            a = f32 ? new float[size] : new double[size];
            ws[slot] = a;
        }
        return a;
    }


    static double get(Object a, int i) {
        return a instanceof float[] f ? f[i] : ((double[]) a)[i];
    }

    static void set(Object a, int i, double v) {
        if (a instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) a)[i] = v;
        }
    }
}
