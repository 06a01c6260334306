package ssm4j.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.SafeTensors;

/** Small random checkpoints for the tests, and the helpers that edit them. */
final class LmTestModels {
    private LmTestModels() {
    }

    static final int VOCAB = 101; // padded to 104: the padding columns exist

    static Path write(Path dir, LmConfig.Arch arch, SafeDtype dtype) throws IOException {
        // d_model 48: E = 96, dt_rank 3 (column tails in every projection), Mamba-2 headdim 8, 12 heads
        RandomCheckpoint.write(dir, arch, 48, 2, VOCAB, dtype, 7);
        return dir;
    }

    static Map<String, Tensor> tensors(Path dir) throws IOException {
        return SafeTensors.read(dir.resolve("model.safetensors"));
    }

    static void rewrite(Path dir, Map<String, Tensor> t) throws IOException {
        SafeTensors.write(dir.resolve("model.safetensors"), t);
    }

    static void copyConfig(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(from.resolve("config.json"), to.resolve("config.json"));
    }

    static SsmKernel scalar() {
        return Backends.byName("scalar", 1);
    }

    static SsmKernel best() {
        return Backends.byName(Backends.get().name(), 2);
    }

    /** max |a − b| / max |b|. */
    static double relErr(float[] a, float[] b) {
        double m = 0;
        double e = 0;
        for (int i = 0; i < b.length; i++) {
            m = Math.max(m, Math.abs(b[i]));
            e = Math.max(e, Math.abs(a[i] - b[i]));
        }
        return e / m;
    }
}
