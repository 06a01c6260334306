package ssm4j.lm;

import java.util.function.IntPredicate;

/**
 * How {@link SsmLanguageModel#generate} chooses tokens.
 *
 * @param maxNewTokens tokens to add per sequence (at least 1)
 * @param temperature  0 for greedy (argmax, ties to the lowest id); otherwise logits are divided by it
 * @param topK         keep the k most likely tokens (0: all); 1 is greedy
 * @param topP         nucleus: keep the smallest set of most likely tokens whose probability reaches p (1: all)
 * @param seed         seed of the sampler's random numbers (results depend on it only)
 * @param stop         ends a sequence when it accepts a generated token (e.g. the EOS id), or null
 */
public record GenerationConfig(int maxNewTokens, double temperature, int topK, double topP, long seed,
                               IntPredicate stop) {
    public GenerationConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens: must be >= 1, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK: must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP: must be in (0, 1], got " + topP);
        }
    }

    /** Greedy decoding of {@code maxNewTokens} tokens, no stop condition (the reference's {@code top_k=1}). */
    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 1, 1, 0, null);
    }

    /** Whether tokens are chosen by argmax. */
    public boolean isGreedy() {
        return temperature == 0 || topK == 1;
    }
}
