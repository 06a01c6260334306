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
 * W2: log-Vandermonde kernel, 2·Re form (SPEC 4.1a), fp32, H = 256, N' = 32 (issue 5), with S4D-Lin exponents
 * {@code x = dt·(−0.5 + iπn)} (log-uniform dt in [1e-3, 1e-1]) and v standard complex normal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
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
