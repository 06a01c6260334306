package ssm4j.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1: conjugate-pair Cauchy kernel (SPEC 3.1b), fp32, H = 256, N' = 32 (issue 5), with the inputs of
 * {@code shared/anchors/cauchy_sol.c}: z the bilinear images of half-offset unit-circle points, poles
 * {@code w = dt·(−0.5 + iπn)} with log-uniform dt in [1e-3, 1e-1], v standard complex normal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
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
