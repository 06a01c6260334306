package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.kernels.s4d.S4dDiscretization;
import ssm4j.kernels.s4d.S4dKernel;

/**
 * S4D kernel generation, SPEC 4.2: H = 256 channels, N = 64 (N' = 32 complex modes), one output channel,
 * L = 4096, ZOH, S4D-Lin-like parameters (seeded). The tables are built in setup; each call is one
 * Vandermonde call of H rows.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class S4DKernelBench extends GeneratorBench {
    S4dKernel gen;

    @Setup
    public void setup() {
        setupOutputs();
        SplittableRandom rnd = new SplittableRandom(7);
        double[] a = modeArray();
        double[] b = modeArray();
        double[] c = modeArray();
        double[] dt = drawChannels(rnd, (o, j) -> {
            a[o] = -0.5;
            a[o + 1] = -Math.PI * j;
            b[o] = 1;
            c[o] = rnd.nextGaussian();
            c[o + 1] = rnd.nextGaussian();
        });
        gen = S4dKernel.of(S4dDiscretization.ZOH, h, n, 1, dt, a, b, c);
        System.out.println("# S4DKernelBench " + kernel.describe());
    }

    /** fp32 generation. */
    @Benchmark
    public float[] kernelF32() {
        gen.kernel(kernel, l, out32, 0);
        return out32;
    }

    /** fp64 generation. */
    @Benchmark
    public double[] kernelF64() {
        gen.kernel(kernel, l, out64, 0);
        return out64;
    }
}
