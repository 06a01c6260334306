package ssm4j.jmh;

import org.openjdk.jmh.annotations.Param;

import ssm4j.api.SsmKernel;

/**
 * The parameters of the suites that measure the vector tier alone at one and two threads (primitives and layers
 * that have no scalar figure worth a fork: log-space scan, SSD scan, minGRU, the Mamba-2 block). JMH reads
 * {@code @Param} fields of superclasses; each suite's {@code @Setup} picks {@link #kernel} with
 * {@code Backends.byName(backend, threads)}.
 */
public abstract class VectorTierBench extends SuiteDefaults {
    /** Backend tier: the vector tier only. */
    @Param({"vector"})
    String backend;

    /** Threads per call. */
    @Param({"1", "2"})
    int threads;

    /** The backend the suite's {@code @Setup} picked. */
    SsmKernel kernel;
}
