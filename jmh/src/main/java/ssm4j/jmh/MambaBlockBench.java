package ssm4j.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.SelectiveScanShape;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Mamba v1 block forward (issue 10): d_model=768, d_state=16, expand 2 (E=1536), d_conv=4, L=2048, B=1, fp32.
 * Time per call / L = time per token. {@code blockStages} reports the share of each stage as auxiliary counters
 * (summed nanoseconds per iteration: projections, conv, scan; divide by {@code calls}).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class MambaBlockBench extends LayerBench {
    @Param({"2048"})
    int length;

    int dModel = 768;
    MambaBlock block;
    float[] hidden;
    float[] out;
    // scanOnly: the block's scan call alone, same shape and options, seeded inputs
    SelectiveScanShape scanShape;
    float[] u;
    float[] delta;
    float[] a;
    float[] bc;
    float[] cc;
    float[] d;
    float[] z;
    float[] bias;
    float[] y;

    /** Stage times of {@code blockStages}, summed per iteration (JMH auxiliary counters). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stages {
        /** Nanoseconds in in_proj, x_proj, dt_proj, out_proj. */
        public long projNs;
        /** Nanoseconds in the causal conv1d + SiLU. */
        public long convNs;
        /** Nanoseconds in the selective scan. */
        public long scanNs;
        /** Calls measured. */
        public long calls;
        final long[] acc = new long[3];

        @Setup(Level.Iteration)
        public void reset() {
            projNs = convNs = scanNs = calls = 0;
        }
    }

    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        block = new MambaBlock(MambaWeights.random(dModel, 16, 4, 2, 0));
        hidden = MambaWeights.randomHidden(1, length, dModel, 1).floats();
        out = new float[hidden.length];
        int e = 2 * dModel;
        int n = 16;
        scanShape = new SelectiveScanShape(1, e, n, length, BcLayout.PER_TIME, BcLayout.PER_TIME, 1, false, true);
        SplittableRandom r = new SplittableRandom(3);
        u = Inputs.uniform(r, e * length, 1, 0);
        delta = Inputs.uniform(r, e * length, 0.5, 0);
        z = Inputs.uniform(r, e * length, 1, 0);
        bc = Inputs.uniform(r, n * length, 1, 0);
        cc = Inputs.uniform(r, n * length, 1, 0);
        d = Inputs.uniform(r, e, 0, 1);
        bias = Inputs.uniform(r, e, 1, -3);
        a = new float[e * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = -(i % n + 1);
        }
        y = new float[e * length];
        System.out.println("# " + kernel.describe());
    }

    /** The selective scan of the block alone (B=1, D=1536, N=16, per-time B/C, D, z, delta_bias, softplus). */
    @Benchmark
    public float[] scanOnly() {
        kernel.selectiveScan(scanShape, u, delta, a, bc, cc, d, z, bias, null, y, null);
        return y;
    }

    @Benchmark
    public float[] block() {
        block.forward(kernel, 1, length, hidden, out, null, null);
        return out;
    }

    @Benchmark
    public float[] blockStages(Stages st) {
        java.util.Arrays.fill(st.acc, 0);
        block.forward(kernel, 1, length, hidden, out, null, null, st.acc);
        st.projNs += st.acc[0];
        st.convNs += st.acc[1];
        st.scanNs += st.acc[2];
        st.calls++;
        return out;
    }
}
