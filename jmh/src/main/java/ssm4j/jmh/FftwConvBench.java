package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;

/**
 * W3: causal FFT convolution B=8, H=256, L=4096 (full-length kernel, D skip when {@code withD}) through a backend's
 * {@code fftConv}, fp32 and fp64, from Java heap arrays to Java heap arrays. Compare {@code native} (FFTW fused
 * per row) with {@code ../shared/anchors/run fftconv 8 256 4096 T} ("fused per-row") run in the same session;
 * {@code native-gpu} on a machine with a CUDA device.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class FftwConvBench extends SuiteDefaults {
    @Param({"native"})
    String backend;
    @Param({"1", "2"})
    int threads;
    @Param({"8"})
    int b;
    @Param({"256"})
    int h;
    @Param({"4096"})
    int l;
    /** With the D skip (SPEC 6.1); the C anchor computes the convolution alone, so false compares like with like. */
    @Param({"false"})
    boolean withD;

    SsmKernel kernel;
    ConvShape shape;
    float[] x;
    float[] k;
    float[] d;
    float[] y;
    double[] xd;
    double[] kd;
    double[] dd;
    double[] yd;

    /** Seeded inputs; the backend as named, printed once. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        System.out.println("backend: " + kernel.describe());
        shape = ConvShape.causal(b, h, l);
        SplittableRandom r = new SplittableRandom(3);
        x = Inputs.floats(b * h * l, i -> r.nextDouble() - 0.5);
        k = Inputs.floats(h * l, i -> (r.nextDouble() - 0.5) / Math.sqrt(l));
        d = Inputs.floats(h, i -> r.nextDouble());
        y = new float[b * h * l];
        xd = Inputs.widen(x);
        kd = Inputs.widen(k);
        dd = Inputs.widen(d);
        if (!withD) {
            d = null;
            dd = null;
        }
        yd = new double[y.length];
    }

    /** fp32 W3. */
    @Benchmark
    public float[] w3f32() {
        kernel.fftConv(shape, x, k, d, y);
        return y;
    }

    /** fp64 W3. */
    @Benchmark
    public double[] w3f64() {
        kernel.fftConv(shape, xd, kd, dd, yd);
        return yd;
    }
}
