package ssm4j.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * W1: conjugate-pair Cauchy kernel (SPEC 3.1b), fp32, H = 256, N' = 32 (issue 5), with the inputs of
 * {@code shared/anchors/cauchy_sol.c}: z the bilinear images of half-offset unit-circle points, poles
 * {@code w = dt·(−0.5 + iπn)} with log-uniform dt in [1e-3, 1e-1], v standard complex normal.
 */
public class CauchyBench extends ModesBench {
    float[] z;
    float[] out;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        setupModes(42);
        z = new float[2 * l];
        out = new float[2 * h * l];
        for (int i = 0; i < l; i++) {
            double th = -2 * Math.PI * (i + 0.5) / l;
            // z = 2(1 − ω)/(1 + ω) = 2i·tan(θ/2) for |ω| = 1
            z[2 * i] = 0f;
            z[2 * i + 1] = (float) (2 * Math.tan(th / 2));
        }
    }

    /** One conjugate-pair Cauchy kernel of the whole (H, L) output. */
    @Benchmark
    public float[] conjPair() {
        kernel.cauchyConj(h, n, l, v, 0, dtA, 0, z, 0, out, 0);
        return out;
    }
}
