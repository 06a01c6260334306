package ssm4j.jmh;

import java.util.SplittableRandom;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.Check;
import ssm4j.api.ConvShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsmKernel;

/**
 * The cost of the facade's value checks (issue 17 item 5) as a fraction of the call they guard, measured
 * <b>interleaved</b> in one JVM: each round times one W3 (or W4) call on the vector backend, which includes the
 * checks, then the same checks alone on the same arrays; the median of the per-round ratios is printed. On a shared
 * machine the load drifts between JMH runs of separate benchmarks; alternating the two inside one loop exposes both
 * to the same load. Usage: {@code java --add-modules=jdk.incubator.vector -cp jmh/target/benchmarks.jar
 * ssm4j.jmh.CheckCostProbe [rounds] [threads]}.
 */
public final class CheckCostProbe {
    private CheckCostProbe() {
    }

    /** Runs the probe for W3 and W4. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        SsmKernel k = Backends.byName("vector", threads);
        SplittableRandom r = new SplittableRandom(42);

        ConvShape cs = ConvShape.causal(8, 256, 4096);
        float[] x = Inputs.uniform(r, 8 * 256 * 4096, 1, 0);
        float[] kk = Inputs.uniform(r, 256 * 4096, 1, 0);
        float[] d = Inputs.uniform(r, 256, 1, 0);
        float[] y = new float[x.length];
        report("W3 fftConv B=8 H=256 L=4096", rounds, threads,
                () -> k.fftConv(cs, x, kk, d, y),
                () -> {
                    Check.allFinite("x", x, 0, x.length);
                    Check.allFinite("k", kk, 0, kk.length);
                    Check.allFinite("D", d, 0, d.length);
                });

        int dim = 1536;
        int n = 16;
        int len = 2048;
        SelectiveScanShape ss = new SelectiveScanShape(1, dim, n, len, BcLayout.PER_TIME, BcLayout.PER_TIME, 1, false,
                false);
        float[] u = Inputs.uniform(r, dim * len, 1, 0);
        float[] delta = new float[dim * len];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = (float) Inputs.logUniformDt(r);
        }
        float[] a = new float[dim * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = -(i % n + 1);
        }
        float[] b = Inputs.uniform(r, n * len, 1, 0);
        float[] c = Inputs.uniform(r, n * len, 1, 0);
        float[] dd = Inputs.uniform(r, dim, 1, 0);
        float[] out = new float[dim * len];
        report("W4 selectiveScan B=1 D=1536 N=16 L=2048", rounds, threads,
                () -> k.selectiveScan(ss, u, delta, a, b, c, dd, null, null, null, out, null),
                () -> {
                    Check.allFinite("u", u, 0, u.length);
                    for (int row = 0; row < dim; row++) {
                        Check.firstNonFiniteOrBelow(delta, row * len, len, 0f);
                    }
                    Check.allFinite("A", a, 0, a.length);
                    Check.allFinite("B", b, 0, b.length);
                    Check.allFinite("C", c, 0, c.length);
                    Check.allFinite("D", dd, 0, dd.length);
                });
    }

    private static void report(String what, int rounds, int threads, Runnable call, Runnable checks) {
        for (int w = 0; w < 5; w++) { // warm-up: JIT both paths
            call.run();
            checks.run();
        }
        double[][] ms = Interleaved.time(rounds, call, checks);
        double[] callMs = ms[0];
        double[] checkMs = ms[1];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratio[i] = checkMs[i] / callMs[i];
        }
        System.out.printf("%s threads=%d: call median %.2f ms, checks median %.3f ms, checks/call median %.2f %% "
                + "(quartiles %.2f–%.2f %%, %d rounds)%n", what, threads, Interleaved.median(callMs),
                Interleaved.median(checkMs), 100 * Interleaved.median(ratio), 100 * Interleaved.quantile(ratio, 0.25),
                100 * Interleaved.quantile(ratio, 0.75), rounds);
    }
}
