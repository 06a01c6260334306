package ssm4j.cli.golden;

/**
 * A runner of primitives whose fp32 path is judged only where the reference stored an fp32 run ({@code *_f32}
 * outputs): the other cases of these families (fp64-only math, such as dense LSSL or DPLR forms at sizes where
 * float32 says nothing) print their fp64 line only.
 */
abstract class F32OutputsRunner implements CaseRunner {
    @Override
    public boolean supportsFp32(GoldenCase c) {
        return c.outputNames().stream().anyMatch(o -> o.endsWith("_f32"));
    }
}
