package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.api.DiagScanShape;
import ssm4j.api.LogScanShape;

/**
 * Log-space scan (SPEC 14.3), fp32, B = 1 (issue 19). {@code workload}: {@code D1024} = D 1024, L 8192;
 * {@code LONG} = D 64, L 2^20, one long sequence (two threads need the time chunks). Inputs are minGRU-like
 * gates (log a = −softplus(k), log b = −softplus(−k) + log_g(x), k ~ N(0, 1.5²) − 1). {@link #logScanH} reads
 * log a, log b and writes h (the layer's use), {@link #logScanLog} writes log h; {@link #linearDiagScan} is the
 * linear-space diagonal scan of the same element count (H = D channels, N = 1 real pole, one input read, one
 * output written): the cost of log space. Bandwidth bound: 12 bytes per element over the STREAM triad rate of
 * {@code ../shared/anchors/run limits mem}.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class LogScanBench extends VectorTierBench {
    @Param({"D1024", "LONG"})
    String workload;

    LogScanShape s;
    DiagScanShape lin;
    float[] la;
    float[] lb;
    float[] out;
    float[] last;
    float[] a;
    float[] one;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        boolean wide = workload.equals("D1024");
        int dim = wide ? 1024 : 64;
        int len = wide ? 8192 : 1 << 20;
        s = new LogScanShape(1, len, dim);
        lin = new DiagScanShape(1, dim, 1, len, false);
        SplittableRandom r = new SplittableRandom(42);
        la = new float[s.seqSize()];
        lb = new float[s.seqSize()];
        out = new float[s.seqSize()];
        last = new float[dim];
        for (int i = 0; i < la.length; i++) {
            double k = 1.5 * Inputs.anchorNormal(r) - 1;
            double x = Inputs.anchorNormal(r);
            la[i] = (float) -softplus(k);
            lb[i] = (float) (-softplus(-k) + (x >= 0 ? Math.log(x + 0.5) : -softplus(-x)));
        }
        a = new float[dim];
        one = new float[dim];
        for (int i = 0; i < dim; i++) {
            a[i] = (float) Math.exp(-0.5 * r.nextDouble());
            one[i] = 1f;
        }
    }

    static double softplus(double v) {
        return v > 20 ? v : Math.log1p(Math.exp(v));
    }

    /** Log-space scan writing h = e^{log h} and the last log state. */
    @Benchmark
    public float[] logScanH() {
        kernel.logScan(s, la, lb, null, null, out, last);
        return out;
    }

    /** Log-space scan writing log h and the last log state. */
    @Benchmark
    public float[] logScanLog() {
        kernel.logScan(s, la, lb, null, out, null, last);
        return out;
    }

    /** Linear-space diagonal scan of the same element count: x_t = a·x_{t−1} + u_t, y = x. */
    @Benchmark
    public float[] linearDiagScan() {
        kernel.diagScan(lin, a, one, one, null, null, lb, out, last);
        return out;
    }
}
