// GENERATED from blocks/src/main/java/ssm4j/blocks/rows/BlockMathF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.blocks.rows;

/**
 * The fp64 scalar pieces the blocks share (SPEC 11.2, 12.6): weight copies, SiLU, the decoding step's
 * rolling conv window and row biases. {@code BlockMathF64} is generated from this file by
 * {@code tools/GenerateTwins.java}. Callers trust their arguments (the blocks check them).
 */
public final class BlockMathF64 {
    private BlockMathF64() {
    }

    /** {@code a} rounded to this precision; null stays null (an absent bias). */
    public static double[] copyOf(double[] a) {
        if (a == null) {
            return null;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (double) a[i];
        }
        return out;
    }

    /** SiLU: {@code v·sigmoid(v)}. */
    public static double silu(double v) {
        return v / (1.0 + (double) Math.exp(-v));
    }

    /**
     * One decoding step of a causal depthwise conv channel + SiLU: rolls the window {@code state[so, so+w)} left by
     * one, appends {@code v} (the reference's torch.roll + assignment) and returns
     * {@code silu(bias + Σ_k state[so+k]·convW[wOff+k])}.
     */
    public static double convStep(double[] state, int so, int w, double v, double[] convW, int wOff, double bias) {
        System.arraycopy(state, so + 1, state, so, w - 1);
        state[so + w - 1] = v;
        double acc = bias;
        for (int k = 0; k < w; k++) {
            acc += state[so + k] * convW[wOff + k];
        }
        return silu(acc);
    }

    /** Adds {@code bias} (one row's width; nothing when null) to rows [t0, t0+m) of a row-major matrix. */
    public static void addBias(double[] a, int t0, int m, double[] bias) {
        if (bias == null) {
            return;
        }
        int w = bias.length;
        for (int t = t0; t < t0 + m; t++) {
            for (int j = 0; j < w; j++) {
                a[t * w + j] += bias[j];
            }
        }
    }
}
