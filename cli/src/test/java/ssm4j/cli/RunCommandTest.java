package ssm4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;
import ssm4j.blocks.mamba.MambaBlock;

/** {@code ./ssm4j run}: files in, files out, same numbers as the library call. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void mambaBlockThroughFilesEqualsTheLibraryCall() throws Exception {
        Path w = dir.resolve("m.safetensors");
        Path h = dir.resolve("h.npy");
        Path o = dir.resolve("out.npz");
        assertEquals(0, Main.run(new String[] {"run", "make-random-mamba", "--d-model", "8", "--d-state", "4",
            "--length", "37", "--batch", "2", "--weights", w.toString(), "--input", h.toString()}));
        assertEquals(0, Main.run(new String[] {"run", "mamba-block", "--weights", w.toString(), "--input",
            h.toString(), "--output", o.toString(), "--backend", "scalar", "--threads", "1"}));
        Tensor got = TensorFiles.read(o, "x").get("out");
        Tensor hidden = TensorFiles.read(h, "hidden_states").get("hidden_states");
        Tensor want = new MambaBlock(TensorFiles.read(w, "w")).forward(Backends.byName("scalar", 1), hidden);
        assertArrayEquals(new int[] {2, 37, 8}, got.shape());
        assertArrayEquals(want.toFloats(), got.toFloats()); // same backend, same arithmetic: bit-identical
    }

    @Test
    void badUsageIsExitStatus2() {
        assertEquals(2, Main.run(new String[] {"run", "mamba-block", "--input", "x.npy"}));
        assertEquals(2, Main.run(new String[] {"run", "no-such-op", "--input", "x.npy", "--output", "y.npy"}));
        assertEquals(2, Main.run(new String[] {"run"}));
    }

    @Test
    void fftConvReadsKernelAndSkipFromWeights() throws Exception {
        float[] u = {1, 2, 3, 4, 5};
        Path in = dir.resolve("u.npy");
        Path wt = dir.resolve("k.npz");
        Path out = dir.resolve("y.npy");
        TensorFiles.write(in, Map.of("u", Tensor.wrap(u, 1, 1, 5)));
        TensorFiles.write(wt, Map.of("k", Tensor.wrap(new float[] {1, 0.5f, 0, 0, 0}, 1, 1, 5),
                "D", Tensor.wrap(new float[] {2}, 1, 1)));
        assertEquals(0, Main.run(new String[] {"run", "fft-conv", "--weights", wt.toString(), "--input",
            in.toString(), "--output", out.toString(), "--backend", "scalar"}));
        float[] y = TensorFiles.read(out, "y").get("y").toFloats();
        // y[t] = 1·u[t] + 0.5·u[t−1] + 2·u[t] (6.1)
        float[] want = {3, 6.5f, 10, 13.5f, 17};
        for (int i = 0; i < 5; i++) {
            assertTrue(Math.abs(y[i] - want[i]) < 1e-5, "y[" + i + "] = " + y[i]);
        }
    }
}
