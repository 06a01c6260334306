package ssm4j.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every suite starts from: benchmark-scoped state, average time in milliseconds, 3 × 1 s of
 * warm-up (C2 settles after about 0.7 s), 5 × 1 s measured, one fork with the Vector API module, native access
 * for the FFM tiers and a pre-touched 1 GiB heap (no heap growth inside a measurement). JMH's class annotations are
 * inherited, so a suite extends this class (directly or through a parameter base such as {@link TwoTierBench}) and
 * states only the settings it changes: a larger heap, a longer iteration, a finer time unit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public abstract class SuiteDefaults {
}
