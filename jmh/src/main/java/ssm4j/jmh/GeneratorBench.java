package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Param;

import ssm4j.api.Backends;

/**
 * The shape the S4 and S4D kernel-generation suites share: H = 256 channels of N' = 32 modes, one output channel,
 * a kernel of L = 4096, generated in fp32 and in fp64 into {@link #out32} and {@link #out64}.
 */
public abstract class GeneratorBench extends TwoTierBench {
    /** Channels H. */
    @Param({"256"})
    int h;

    /** Complex modes N' per channel. */
    @Param({"32"})
    int n;

    /** Kernel length L. */
    @Param({"4096"})
    int l;

    /** The fp32 kernel, (H, L). */
    float[] out32;
    /** The fp64 kernel, (H, L). */
    double[] out64;

    /** Fills the coefficients of one mode: {@code o} its interleaved offset, {@code j} its index in the channel. */
    interface ModeFill {
        /** Sets (and draws) the coefficients of mode {@code j} at offset {@code o}. */
        void fill(int o, int j);
    }

    /** A zeroed (H, N') complex array, interleaved. */
    double[] modeArray() {
        return new double[2 * h * n];
    }

    /**
     * Per channel one dt ({@link Inputs#logUniformDt}), then {@code perMode} for each of its N' modes in order: the
     * draw order of both generators' seeded parameters. Returns dt, (H).
     */
    double[] drawChannels(SplittableRandom r, ModeFill perMode) {
        double[] dt = new double[h];
        for (int i = 0; i < h; i++) {
            dt[i] = Inputs.logUniformDt(r);
            for (int j = 0; j < n; j++) {
                perMode.fill(2 * (i * n + j), j);
            }
        }
        return dt;
    }

    /** Picks the backend and allocates both outputs; called first by the suite's {@code @Setup}. */
    void setupOutputs() {
        kernel = Backends.byName(backend, threads);
        out32 = new float[h * l];
        out64 = new double[h * l];
    }
}
