package ssm4j.jmh;

import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

import ssm4j.api.SsmKernel;

/**
 * The settings of the whole-layer suites that set the scalar tier against the vector tier at one thread (the Mamba
 * block, the S4D layer): one call takes tens to hundreds of milliseconds, so iterations last 2 s and three are
 * measured. Each suite's {@code @Setup} picks {@link #kernel} with {@code Backends.byName(backend, threads)}.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class LayerBench extends SuiteDefaults {
    /** Backend tier, as {@code Backends.byName} names it. */
    @Param({"scalar", "vector"})
    String backend;

    /** Threads per call. */
    @Param({"1"})
    int threads;

    /** The backend the suite's {@code @Setup} picked. */
    SsmKernel kernel;
}
