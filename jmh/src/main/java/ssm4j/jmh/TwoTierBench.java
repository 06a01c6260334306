package ssm4j.jmh;

import org.openjdk.jmh.annotations.Param;

import ssm4j.api.SsmKernel;

/**
 * The parameters of the suites that set the scalar tier against the vector tier at one and two threads (the
 * canonical workloads W1, W2, W4, W5, W6 and S4/S4D kernel generation). JMH reads {@code @Param} fields of
 * superclasses, so each suite lists only its own sizes; its {@code @Setup} picks {@link #kernel} with
 * {@code Backends.byName(backend, threads)}.
 */
public abstract class TwoTierBench extends SuiteDefaults {
    /** Backend tier, as {@code Backends.byName} names it. */
    @Param({"scalar", "vector"})
    String backend;

    /** Threads per call. */
    @Param({"1", "2"})
    int threads;

    /** The backend the suite's {@code @Setup} picked. */
    SsmKernel kernel;
}
