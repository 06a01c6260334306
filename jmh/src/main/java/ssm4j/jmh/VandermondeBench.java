package ssm4j.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * W2: log-Vandermonde kernel, 2·Re form (SPEC 4.1a), fp32, H = 256, N' = 32 (issue 5), with S4D-Lin exponents
 * {@code x = dt·(−0.5 + iπn)} (log-uniform dt in [1e-3, 1e-1]) and v standard complex normal.
 */
public class VandermondeBench extends ModesBench {
    float[] out;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        setupModes(7);
        out = new float[h * l];
    }

    /** One 2·Re log-Vandermonde kernel of the whole (H, L) output. */
    @Benchmark
    public float[] conjForm() {
        kernel.vandermonde(h, n, l, v, 0, dtA, 0, out, 0);
        return out;
    }
}
