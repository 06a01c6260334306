package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Param;

import ssm4j.api.Backends;

/**
 * W1 and W2 evaluate the same mode set, H channels of N' S4D-Lin modes over L points: {@code dtA = dt·(−0.5 + iπn)}
 * (the Cauchy poles w, the Vandermonde exponents x) with log-uniform dt in [1e-3, 1e-1], and v standard complex
 * normal ({@link Inputs#s4dLinModes}). The sizes are those of issue 5.
 */
public abstract class ModesBench extends TwoTierBench {
    /** Points L of the output rows. */
    @Param({"4096", "16384"})
    int l;

    /** Channels H. */
    @Param({"256"})
    int h;

    /** Complex modes N' per channel. */
    @Param({"32"})
    int n;

    /** Weights v, (H, N') complex interleaved. */
    float[] v;
    /** dt·A, (H, N') complex interleaved. */
    float[] dtA;

    /** Picks the backend and draws the modes from {@code seed}; called first by the suite's {@code @Setup}. */
    void setupModes(long seed) {
        kernel = Backends.byName(backend, threads);
        v = new float[2 * h * n];
        dtA = new float[2 * h * n];
        Inputs.s4dLinModes(new SplittableRandom(seed), h, n, dtA, v);
    }
}
