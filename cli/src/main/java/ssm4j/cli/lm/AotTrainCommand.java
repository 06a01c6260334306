package ssm4j.cli.lm;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.mamba.MambaWeights;
import ssm4j.cli.Command;
import ssm4j.cli.Main;
import ssm4j.lm.LmConfig;
import ssm4j.lm.RandomCheckpoint;

/**
 * {@code ./ssm4j aot-train}: the training workload behind the JDK 25 AOT cache that {@code ./ssm4j build} makes
 * ({@code -XX:AOTCacheOutput}, JEPs 483/514/515): it loads and links the classes of {@code generate},
 * {@code score} and {@code run mamba-block} and gives their hot methods profiles, by generating from small random
 * Mamba and Mamba-2 checkpoints in F32 and BF16 (prefill as GEMM, decode as GEMV, tokenizer, sampling) and
 * running a Mamba block forward. Output is discarded; it takes a few seconds.
 */
public final class AotTrainCommand implements Command {
    /** Public no-arg constructor for Main. */
    public AotTrainCommand() {
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length != 0) {
            throw new IllegalArgumentException("takes no arguments");
        }
        Path tmp = Files.createTempDirectory("ssm4j-aot");
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            int round = 0;
            for (LmConfig.Arch arch : LmConfig.Arch.values()) {
                for (SafeDtype dt : new SafeDtype[] {SafeDtype.F32, SafeDtype.BF16}) {
                    Path d = tmp.resolve(arch + "-" + dt);
                    RandomCheckpoint.write(d, arch, 256, 2, 2000, dt, round++);
                    MakeRandomLm.writeTokenizer(d.resolve("tokenizer.json"), 2000);
                    for (int rep = 0; rep < 3; rep++) {
                        Main.run(new String[] {"generate", "--model", d.toString(), "--prompt",
                            "The state decides what to keep and what to forget.", "--max-new-tokens", "24"});
                    }
                }
            }
            SsmKernel k = Backends.get();
            MambaBlock block = new MambaBlock(MambaWeights.random(128, 16, 4, 2, 1));
            Tensor h = MambaWeights.randomHidden(1, 256, 128, 2);
            for (int rep = 0; rep < 3; rep++) {
                block.forward(k, h);
            }
        } finally {
            System.setOut(out);
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.err.println("ssm4j aot-train: done");
        return 0;
    }
}
