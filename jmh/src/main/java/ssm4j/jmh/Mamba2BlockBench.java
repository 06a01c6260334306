package ssm4j.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import ssm4j.api.Backends;
import ssm4j.blocks.mamba.MambaWeights;
import ssm4j.blocks.mamba2.Mamba2Block;
import ssm4j.blocks.mamba2.Mamba2Config;
import ssm4j.blocks.mamba2.Mamba2Weights;

/**
 * Mamba-2 block (SPEC 12.6, issue 15), fp32, seeded random weights ({@link Mamba2Weights}), expand 2, d_conv 4,
 * headdim 64, d_state 128, rmsnorm. {@code shape}: {@code M2a} d_model 1536 (H=48, G=1) forward over L=2048, B=1
 * (a 780M-class layer); {@code M2b} d_model 4096 (H=128, G=8) over L=4096 (Codestral-class; large: ~1.3 GB of
 * weights and activations); {@code decode} one {@code step} of B=8 tokens at M2a's sizes.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class Mamba2BlockBench extends VectorTierBench {
    @Param({"M2a", "decode"})
    String shape;

    @Param({"64"})
    int chunk;

    Mamba2Block block;
    int batch;
    int length;
    float[] hidden;
    float[] out;
    float[] conv;
    float[] ssm;

    /** Builds the block and seeded hidden states. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        boolean big = shape.equals("M2b");
        int dModel = big ? 4096 : 1536;
        int groups = big ? 8 : 1;
        block = new Mamba2Block(Mamba2Weights.random(dModel, 128, 4, 2, 64, groups, 7),
                Mamba2Config.of(groups).withChunkSize(chunk));
        batch = shape.equals("decode") ? 8 : 1;
        length = switch (shape) {
            case "M2a" -> 2048;
            case "M2b" -> 4096;
            case "decode" -> 1;
            default -> throw new IllegalArgumentException("shape: " + shape);
        };
        hidden = MambaWeights.randomHidden(batch, length, dModel, 3).floats();
        out = new float[hidden.length];
        conv = new float[block.convStateSize(batch)];
        ssm = new float[block.ssmStateSize(batch)];
    }

    /** Forward over the prompt ({@code M2a}, {@code M2b}) or one decoding step ({@code decode}). */
    @Benchmark
    public float[] block() {
        if (length == 1) {
            block.step(kernel, batch, hidden, conv, ssm, out);
        } else {
            block.forward(kernel, batch, length, hidden, out, null, null);
        }
        return out;
    }
}
