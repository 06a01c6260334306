package ssm4j.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import ssm4j.api.Backends;
import ssm4j.api.DiagScanShape;
import ssm4j.api.SsmKernel;

/**
 * A small, quick benchmark of one {@link SsmKernel} primitive (the real diagonal scan, SPEC 8.4, at a modest
 * size) whose only job is to prove the {@code ./ssm4j bench} pipeline end to end on a fresh clone: JMH forks
 * with the module flags, JSON out, table, chart and gate. The real suites (DiagScanBench and friends) carry
 * the canonical workloads; this one is deliberately tiny so a fork costs little beyond its 2 s warm-up.
 *
 * <p>Not thread-safe (JMH state is per benchmark thread, {@link Scope#Benchmark} with one thread).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)       // >= 2 s per fork: C2 settles after ~0.7 s (STYLE.md section 7)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class SmokeBench extends SuiteDefaults {
    /** Backend tier, as {@link Backends#byName(String, int)} names it. */
    @Param({"scalar", "vector"})
    public String backend;

    /** Threads per call. */
    @Param({"1"})
    public int threads;

    /** Channels H (state N = 16, real diagonal). */
    @Param({"64"})
    public int h;

    /** Sequence length L. */
    @Param({"1024"})
    public int l;

    // Non-final on purpose: JMH must not constant-fold the inputs (JMHSample_10_ConstantFold).
    SsmKernel kernel;
    DiagScanShape shape;
    float[] a;
    float[] b;
    float[] c;
    float[] u;
    float[] y;

    /** Builds the backend and seeded inputs once per trial; 0.5 ≤ a < 0.99 keeps the scan stable (SPEC 8.4). */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        int n = 16;
        shape = new DiagScanShape(1, h, n, l, false);
        SplittableRandom rnd = new SplittableRandom(42);
        a = new float[h * n];
        b = new float[h * n];
        c = new float[h * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (0.5 + 0.49 * rnd.nextDouble());
            b[i] = (float) rnd.nextDouble(-1, 1);
            c[i] = (float) rnd.nextDouble(-1, 1);
        }
        u = new float[h * l];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rnd.nextDouble(-1, 1);
        }
        y = new float[h * l];
        // No call here: the first @Benchmark call must be the kernel's first, so that --cold (single shot)
        // measures the true first-call latency (plan and workspace creation, class loading, interpreter).
    }

    /** One diagonal scan, H=64 channels by default, N=16, L=1024; returns the output so it is not dead code. */
    @Benchmark
    public float[] diagScan() {
        kernel.diagScan(shape, a, b, c, null, null, u, y, null);
        return y;
    }
}
