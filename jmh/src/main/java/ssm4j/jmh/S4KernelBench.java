package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.kernels.s4.DplrSystem;
import ssm4j.kernels.s4.S4Kernel;

/**
 * S4 (DPLR) kernel generation, SPEC 3.4: H = 256 channels, N = 64 (N' = 32), rank 1, one output channel,
 * L = 4096 (2048 Cauchy nodes, 4 conjugate-pair Cauchy rows per channel, Woodbury, fp64 iFFT of 4096).
 * C̃ is attuned in setup, so each call is pure generation. Random stable LegS-like parameters, seeded.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class S4KernelBench extends GeneratorBench {
    S4Kernel gen;
    float[] cv;
    float[] cw;
    float[] cz;
    float[] cout;

    @Setup
    public void setup() {
        setupOutputs();
        SplittableRandom rnd = new SplittableRandom(42);
        double[] lambda = modeArray();
        double[] p = modeArray();
        double[] b = modeArray();
        double[] c = modeArray();
        double[] dt = drawChannels(rnd, (o, j) -> {
            lambda[o] = -0.5;
            lambda[o + 1] = -Math.PI * j * (1 + 0.1 * rnd.nextDouble());
            p[o] = Math.sqrt(j + 0.5) * 0.3;
            p[o + 1] = 0.1 * rnd.nextGaussian();
            b[o] = rnd.nextGaussian();
            b[o + 1] = rnd.nextGaussian();
            c[o] = rnd.nextGaussian();
            c[o + 1] = rnd.nextGaussian();
        });
        gen = S4Kernel.fromCTilde(new DplrSystem(h, n, 1, dt, lambda, p, b), 1, c, l);
        // the Cauchy call alone, same shape as inside kernelF32: 4 (x, y) rows per channel, L/2 nodes
        int rows = 4 * h;
        cv = new float[2 * rows * n];
        cw = new float[2 * rows * n];
        for (int j = 0; j < cv.length; j += 2) {
            cv[j] = (float) rnd.nextGaussian();
            cv[j + 1] = (float) rnd.nextGaussian();
            cw[j] = (float) (-0.5 * dt[(j / 2) / (4 * n)]);
            cw[j + 1] = (float) (-Math.PI * ((j / 2) % n) * dt[(j / 2) / (4 * n)]);
        }
        cz = new float[l];
        for (int k = 0; k < l / 2; k++) {
            cz[2 * k + 1] = (float) (2 * Math.tan(Math.PI * k / l));
        }
        cout = new float[2 * rows * (l / 2)];
        System.out.println("# S4KernelBench " + kernel.describe());
    }

    /**
     * Interleaved A/B timing for a noisy shared machine: alternates {@link #cauchyOnlyF32()} and
     * {@link #kernelF32()} (and fp64) for {@code rounds} rounds after a warm-up and prints medians and the
     * Cauchy share, so both figures see the same load. Args: backend threads [rounds].
     */
    public static void main(String[] args) {
        S4KernelBench b = new S4KernelBench();
        b.backend = args.length > 0 ? args[0] : "vector";
        b.threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        b.h = 256;
        b.n = 32;
        b.l = 4096;
        b.setup();
        long until = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < until) {
            b.cauchyOnlyF32();
            b.kernelF32();
            b.kernelF64();
        }
        double[][] ms = Interleaved.time(rounds, b::cauchyOnlyF32, b::kernelF32, b::kernelF64);
        double mc = Interleaved.median(ms[0]);
        double mk = Interleaved.median(ms[1]);
        System.out.printf(java.util.Locale.ROOT, "S4 kernel H=256 N'=32 L=4096 %s threads=%d rounds=%d: cauchyOnlyF32 "
                + "median %.2f ms, kernelF32 median %.2f ms, kernelF64 median %.2f ms, Cauchy share %.0f%%%n",
                b.backend, b.threads, rounds, mc, mk, Interleaved.median(ms[2]), 100 * mc / mk);
    }

    /** fp32 generation (fp32 Cauchy sums, fp64 nodes, Woodbury and iFFT). */
    @Benchmark
    public float[] kernelF32() {
        gen.kernel(kernel, l, out32, 0);
        return out32;
    }

    /** The fp32 conjugate-pair Cauchy call of kernelF32 alone (4H rows, N', L/2 nodes): the share it should dominate. */
    @Benchmark
    public float[] cauchyOnlyF32() {
        kernel.cauchyConj(4 * h, n, l / 2, cv, 0, cw, 0, cz, 0, cout, 0);
        return cout;
    }

    /** fp64 generation. */
    @Benchmark
    public double[] kernelF64() {
        gen.kernel(kernel, l, out64, 0);
        return out64;
    }
}
