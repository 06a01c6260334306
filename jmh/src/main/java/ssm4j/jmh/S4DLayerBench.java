package ssm4j.jmh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import ssm4j.api.Backends;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.s4d.S4dLayer;

/**
 * S4D layer forward (issue 10): H=256, N=64 (N'=32), L=4096, B=8, fp32. {@code layerStages} reports the stage
 * times as auxiliary counters (summed nanoseconds per iteration: kernel generation, FFT conv, GELU + 1×1 conv + GLU;
 * divide by {@code calls}).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class S4DLayerBench extends LayerBench {
    @Param({"4096"})
    int length;

    int h = 256;
    int nHalf = 32;
    int batch = 8;
    S4dLayer layer;
    float[] u;
    float[] y;

    /** Stage times of {@code layerStages}, summed per iteration (JMH auxiliary counters). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stages {
        /** Nanoseconds generating K (Vandermonde). */
        public long kernelNs;
        /** Nanoseconds in the FFT convolution. */
        public long convNs;
        /** Nanoseconds in GELU + 1×1 conv + GLU. */
        public long outputNs;
        /** Calls measured. */
        public long calls;
        final long[] acc = new long[3];

        @Setup(Level.Iteration)
        public void reset() {
            kernelNs = convNs = outputNs = calls = 0;
        }
    }

    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(7);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("D", Tensor.wrap(Inputs.normals(r, h), h));
        w.put("kernel.C", Tensor.wrap(Inputs.normals(r, h * nHalf * 2), h, nHalf, 2));
        double[] logDt = new double[h];
        double[] lar = new double[h * nHalf];
        double[] aim = new double[h * nHalf];
        for (int i = 0; i < h; i++) {
            logDt[i] = Inputs.logDt(r);
            for (int n = 0; n < nHalf; n++) {
                lar[i * nHalf + n] = Math.log(0.5);      // S4D-Lin init: A = −½ + iπn
                aim[i * nHalf + n] = Math.PI * n;
            }
        }
        w.put("kernel.log_dt", Tensor.wrap(logDt, h));
        w.put("kernel.log_A_real", Tensor.wrap(lar, h, nHalf));
        w.put("kernel.A_imag", Tensor.wrap(aim, h, nHalf));
        double[] lin = Inputs.normals(r, 2 * h * h);
        for (int i = 0; i < lin.length; i++) {
            lin[i] /= Math.sqrt(h);
        }
        w.put("output_linear.0.weight", Tensor.wrap(lin, 2 * h, h, 1));
        w.put("output_linear.0.bias", Tensor.wrap(new double[2 * h], 2 * h));
        layer = new S4dLayer(w);
        u = new float[batch * h * length];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) Inputs.normal(r);
        }
        y = new float[u.length];
        System.out.println("# " + kernel.describe());
    }

    @Benchmark
    public float[] layer() {
        layer.forward(kernel, batch, length, u, y);
        return y;
    }

    @Benchmark
    public float[] layerStages(Stages st) {
        java.util.Arrays.fill(st.acc, 0);
        layer.forward(kernel, batch, length, u, y, st.acc);
        st.kernelNs += st.acc[0];
        st.convNs += st.acc[1];
        st.outputNs += st.acc[2];
        st.calls++;
        return y;
    }
}
