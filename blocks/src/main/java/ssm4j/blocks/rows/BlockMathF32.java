package ssm4j.blocks.rows;

/**
 * The fp32 scalar pieces the blocks share (SPEC 11.2, 12.6): weight copies, SiLU, the decoding step's
 * rolling conv window and row biases. {@code BlockMathF64} is generated from this file by
 * {@code tools/GenerateTwins.java}. Callers trust their arguments (the blocks check them).
 */
public final class BlockMathF32 {
    private BlockMathF32() {
    }

    /** {@code a} rounded to this precision; null stays null (an absent bias). */
    public static float[] copyOf(double[] a) {
        if (a == null) {
            return null;
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    /** SiLU: {@code v·sigmoid(v)}. */
    public static float silu(float v) {
        return v / (1f + (float) Math.exp(-v));
    }

    /**
     * One decoding step of a causal depthwise conv channel + SiLU: rolls the window {@code state[so, so+w)} left by
     * one, appends {@code v} (the reference's torch.roll + assignment) and returns
     * {@code silu(bias + Σ_k state[so+k]·convW[wOff+k])}.
     */
    public static float convStep(float[] state, int so, int w, float v, float[] convW, int wOff, float bias) {
        System.arraycopy(state, so + 1, state, so, w - 1);
        state[so + w - 1] = v;
        float acc = bias;
        for (int k = 0; k < w; k++) {
            acc += state[so + k] * convW[wOff + k];
        }
        return silu(acc);
    }

    /** Adds {@code bias} (one row's width; nothing when null) to rows [t0, t0+m) of a row-major matrix. */
    public static void addBias(float[] a, int t0, int m, float[] bias) {
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
