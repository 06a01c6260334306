package ssm4j.lm;

import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits, looking only at the first V columns (the padded columns of Vp
 * never win, 13.4). Greedy: argmax, ties to the lowest id (the reference's {@code torch.argmax}). Sampling:
 * softmax of logits/temperature, restricted to the top-k, then to the top-p nucleus, drawn with a seeded
 * generator. Keeps its scratch; one sampler per generation (not thread-safe).
 */
public final class Sampler {
    private final GenerationConfig cfg;
    private final int v;
    private final SplittableRandom rnd;
    private final double[] prob;
    private final int[] order;

    /** A sampler for vocabulary V (the padded width is the caller's row stride). */
    Sampler(GenerationConfig cfg, int vocab, int paddedVocab) {
        this.cfg = cfg;
        this.v = vocab;
        this.rnd = new SplittableRandom(cfg.seed());
        this.prob = cfg.isGreedy() ? null : new double[vocab];
        this.order = cfg.isGreedy() ? null : new int[vocab];
    }

    /** argmax of {@code logits[off .. off+V)}, ties to the lowest index. */
    public static int argmax(float[] logits, int off, int vocab) {
        int best = 0;
        float bv = logits[off];
        for (int i = 1; i < vocab; i++) {
            if (logits[off + i] > bv) {
                bv = logits[off + i];
                best = i;
            }
        }
        return best;
    }

    /** The next token from the row starting at {@code off}. */
    int pick(float[] logits, int off) {
        if (cfg.isGreedy()) {
            return argmax(logits, off, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[off + i]);
        }
        for (int i = 0; i < v; i++) {
            prob[i] = Math.exp((logits[off + i] - max) / cfg.temperature());
            order[i] = i;
        }
        // candidates by decreasing probability (ties: lower id first); k = the top-k cut
        int k = cfg.topK() == 0 ? v : Math.min(cfg.topK(), v);
        sortByProb(k);
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += prob[order[i]];
        }
        // nucleus: the shortest prefix whose mass reaches topP of the top-k mass
        double acc = 0;
        int keep = k;
        for (int i = 0; i < k; i++) {
            acc += prob[order[i]];
            if (acc >= cfg.topP() * total) {
                keep = i + 1;
                break;
            }
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += prob[order[i]];
        }
        double u = rnd.nextDouble() * mass;
        for (int i = 0; i < keep; i++) {
            u -= prob[order[i]];
            if (u < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /** Puts the k most probable ids first in {@code order}, sorted (partial selection sort for small k). */
    private void sortByProb(int k) {
        if (k < 64) {
            for (int i = 0; i < k; i++) {
                int best = i;
                for (int j = i + 1; j < v; j++) {
                    if (prob[order[j]] > prob[order[best]]
                            || prob[order[j]] == prob[order[best]] && order[j] < order[best]) {
                        best = j;
                    }
                }
                int t = order[i];
                order[i] = order[best];
                order[best] = t;
            }
            return;
        }
        Integer[] boxed = new Integer[v];
        for (int i = 0; i < v; i++) {
            boxed[i] = order[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> prob[a] != prob[b] ? Double.compare(prob[b], prob[a]) : a - b);
        for (int i = 0; i < v; i++) {
            order[i] = boxed[i];
        }
    }
}
