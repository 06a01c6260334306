package ssm4j.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.lm.InferenceState;
import ssm4j.lm.LmConfig;
import ssm4j.lm.RandomCheckpoint;
import ssm4j.lm.SsmLanguageModel;

/**
 * Language models at the 130m shapes (issue 16): Mamba-1 (d_model 768, 24 layers, vocab 50277 → 50280) and
 * Mamba-2 (d_model 768, 24 layers, headdim 64, d_state 128), seeded random weights written once per trial in the
 * published layout and mapped like a real checkpoint. {@code decode}: one step of B sequences (time per step; B
 * tokens per step). {@code prefill}: B prompts of {@code prefillLength} tokens (time per call; B·L tokens).
 * Weights read per decode step: 0.51 GB (F32) / 0.26 GB (BF16) — divide by the time for the bandwidth used.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms1g", "-Xmx4g"})
public class LmBench extends SuiteDefaults {
    @Param({"mamba", "mamba2"})
    String arch;
    @Param({"f32", "bf16"})
    String dtype;
    @Param({"1", "8"})
    int batch;
    @Param({"512", "2048"})
    int prefillLength;
    @Param({"vector"})
    String backend;
    @Param({"1"})
    int threads;

    Path dir;
    SsmKernel kernel;
    SsmLanguageModel model;
    int[][] prompts;
    InferenceState state;
    int[] next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("ssm4j-lmbench");
        RandomCheckpoint.write(dir, arch.equals("mamba2") ? LmConfig.Arch.MAMBA2 : LmConfig.Arch.MAMBA1,
                RandomCheckpoint.Preset.P130M, dtype.equals("bf16") ? SafeDtype.BF16 : SafeDtype.F32, 1);
        kernel = Backends.byName(backend, threads);
        model = SsmLanguageModel.load(dir);
        prompts = new int[batch][prefillLength];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < prefillLength; t++) {
                prompts[b][t] = (31 * t + 7 * b) % RandomCheckpoint.VOCAB;
            }
        }
        int[][] shortPrompts = new int[batch][];
        for (int b = 0; b < batch; b++) {
            shortPrompts[b] = java.util.Arrays.copyOf(prompts[b], 16);
        }
        state = model.prefill(kernel, shortPrompts);
        next = new int[batch];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        model.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One decoding step of every sequence (the state keeps growing; SSM cost per step does not). */
    @Benchmark
    public float decode() {
        for (int b = 0; b < batch; b++) {
            next[b] = (next[b] + 17) % RandomCheckpoint.VOCAB;
        }
        model.step(state, next);
        return state.logits()[0];
    }

    /** Prefill of B prompts of prefillLength tokens, the last position's logits of each. */
    @Benchmark
    public float prefill() {
        return model.prefill(kernel, prompts).logits()[0];
    }
}
