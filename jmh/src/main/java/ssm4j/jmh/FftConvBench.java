package ssm4j.jmh;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;

/**
 * W3 (B=8, H=256, L=4096) and W3' (B=1, H=64, L=65536): causal fp32 FFT convolution with a full-length kernel
 * and D skip, y (B,H,L) = K ∗ x + D·x, through {@link SsmKernel#fftConv}. backend: {@code scalar}
 * (JTransforms per row), {@code vector} (our fused per-row FFT), {@code fftw} (the {@code native} tier: FFTW fused
 * per row through FFM), {@code native-gpu} (cuFFT/cuBLAS; pass it with {@code -p backend=native-gpu} on a GPU machine).
 * Compare with {@code ../shared/anchors/run fftconv B H L T} (FFTW fused per row) in the same session.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class FftConvBench extends SuiteDefaults {
    @Param({"vector", "scalar", "fftw"})
    String backend;

    @Param({"1", "2"})
    int threads;

    /** {@code BxHxL}: W3 = 8x256x4096, W3' = 1x64x65536. */
    @Param({"8x256x4096", "1x64x65536"})
    String shape;

    SsmKernel kernel;
    ConvShape s;
    float[] x;
    float[] k;
    float[] d;
    float[] y;

    /** Seeded inputs: Gaussian x and D, a decaying kernel; prints which implementation runs. */
    @Setup
    public void setup() {
        int[] p = Inputs.dims(shape, "x");
        int b = p[0];
        int h = p[1];
        int l = p[2];
        kernel = Backends.byName(backend.equals("fftw") ? "native" : backend, threads); // fftw = the native tier
        s = ConvShape.causal(b, h, l);
        Random r = new Random(42);
        x = Inputs.floats(b * h * l, i -> r.nextGaussian());
        k = Inputs.floats(h * l, i -> r.nextGaussian() * Math.exp(-(i % l) / 500.0));   // a decaying SSM-like kernel
        d = Inputs.floats(h, i -> r.nextGaussian());
        y = new float[b * h * l];
        System.out.println("# " + kernel.describe() + " shape " + s);
    }

    /** One causal fp32 convolution of the whole (B, H, L) batch. */
    @Benchmark
    public float[] fftConv() {
        kernel.fftConv(s, x, k, d, y);
        return y;
    }
}
