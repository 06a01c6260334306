package ssm4j.kernels;

import org.junit.jupiter.api.Assumptions;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * The common scenario of the fp32-at-length tests of the S4 and S4D kernels (issue 17 item 11): {@value #H}
 * channels, step {@value #DT}, the vector backend on one thread, and the fp32 unit roundoff their error bounds are
 * written in. The element-by-element check itself is {@link WindowedError#assertWithin}.
 */
public final class Fp32AtLength {
    /** Channels of every case. */
    public static final int H = 3;
    /** Step of every channel. */
    public static final double DT = 0.01;
    /** fp32 unit roundoff 2^-24. */
    public static final double EPS = 0x1p-24;

    private Fp32AtLength() {
    }

    /** The one-thread vector backend, or the test is skipped where the incubator module is absent. */
    public static SsmKernel vectorOrSkip() {
        Assumptions.assumeTrue(Backends.availableNames().contains("vector"),
                "the vector tier needs --add-modules jdk.incubator.vector (the other surefire run has it)");
        return Backends.byName("vector", 1);
    }
}
