package ssm4j.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

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
public class VandermondeBench {
    @Param({"scalar", "vector"})
    String backend;

    @Param({"1", "2"})
    int threads;

    @Param({"4096", "16384"})
    int l;

    @Param({"256"})
    int h;

    @Param({"32"})
    int n;

    SsmKernel kernel;
    float[] v;
    float[] x;
    float[] out;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(7);
        v = new float[2 * h * n];
        x = new float[2 * h * n];
        out = new float[h * l];
        for (int c = 0; c < h; c++) {
            double dt = Math.exp(Math.log(1e-3) + r.nextDouble() * (Math.log(1e-1) - Math.log(1e-3)));
            for (int j = 0; j < n; j++) {
                int e = 2 * (c * n + j);
                x[e] = (float) (-0.5 * dt);
                x[e + 1] = (float) (Math.PI * j * dt);
                v[e] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
                v[e + 1] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
            }
        }
    }

    /** One 2·Re log-Vandermonde kernel of the whole (H, L) output. */
    @Benchmark
    public float[] conjForm() {
        kernel.vandermonde(h, n, l, v, 0, x, 0, out, 0);
        return out;
    }
}
