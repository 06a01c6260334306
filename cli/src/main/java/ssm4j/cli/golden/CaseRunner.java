package ssm4j.cli.golden;

import java.util.Map;

import ssm4j.api.SsmKernel;

/**
 * Computes the outputs of the golden cases of some primitives with ssm4j. One runner per family of primitives,
 * each in its own file, listed with its primitives in {@link GoldenRunners}. The checker compares what a runner
 * returns with the manifest's outputs; the runner never sees a tolerance.
 */
public interface CaseRunner {
    /**
     * Whether the case has an fp32 path worth a line of its own (false for fp64-only math such as HiPPO
     * matrices; such cases print one fp64 line).
     */
    default boolean supportsFp32(GoldenCase c) {
        return true;
    }

    /**
     * Computes the case with {@code kernel} in precision {@code p}.
     *
     * @return outputs by <em>base</em> name (the manifest name without a {@code _f32} suffix), values row-major,
     *         complex interleaved; an fp32 result is widened to double. The checker compares key {@code K} with
     *         the manifest's {@code K_f32} in fp32 runs and with {@code K} (and {@code K_f32}) in fp64 runs.
     *         Outputs a runner cannot compute are simply absent and fail as "missing". A key with the full
     *         manifest name (e.g. {@code V_f32}) takes precedence over the base name for that output; use it only
     *         where the reference's two runs made different free choices (eigenvector phases, SPEC 2.3).
     * @throws Exception any failure fails the case with its message
     */
    Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception;
}
