package ssm4j.cli.golden;

import java.util.Map;

import ssm4j.api.SsmKernel;

/** A runner for the checker tests: primitive {@code toy}, answers output {@code y} with fixed values (or nothing). */
final class ToyRunner implements CaseRunner {
    private final double[] answer;

    /** @param answer the values returned as {@code y}, or null for no output at all */
    ToyRunner(double[] answer) {
        this.answer = answer;
    }

    /** {@code toy} → this runner, as {@link GoldenChecker}'s test constructor takes it. */
    static Map<String, CaseRunner> answering(double[] answer) {
        return Map.of("toy", new ToyRunner(answer));
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel k) {
        return answer == null ? Map.of() : Map.of("y", answer);
    }
}
