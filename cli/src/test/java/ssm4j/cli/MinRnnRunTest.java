package ssm4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;
import ssm4j.blocks.minrnn.MinGru;
import ssm4j.blocks.minrnn.MinLstm;
import ssm4j.blocks.minrnn.MinRnn;

/** {@code ./ssm4j run min-gru|min-lstm}: files in, files out, the same bits as the library call. */
class MinRnnRunTest {
    @TempDir
    Path dir;

    private static Tensor random(SplittableRandom r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * r.nextDouble() - 1);
        }
        return Tensor.wrap(a, shape);
    }

    @Test
    void bothLayersThroughFilesEqualTheLibraryCall() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        int dim = 6;
        int e = 9;
        for (String op : new String[] {"min-gru", "min-lstm"}) {
            int rows = op.equals("min-gru") ? 2 : 3;
            Map<String, Tensor> w = new LinkedHashMap<>();
            w.put("to_hidden_and_gate.weight", random(r, rows * e, dim));
            w.put("to_hidden_and_gate.bias", random(r, rows * e));
            w.put("to_out.weight", random(r, dim, e));
            w.put("to_out.bias", random(r, dim));
            w.put("init_hidden_state", random(r, e));
            Path wf = dir.resolve(op + ".safetensors");
            Path xf = dir.resolve(op + "-x.npy");
            Path of = dir.resolve(op + "-out.npz");
            TensorFiles.write(wf, w);
            Tensor x = random(r, 3, 11, dim);
            TensorFiles.write(xf, Map.of("x", x));
            String[] args = {"run", op, "--weights", wf.toString(), "--input", xf.toString(),
                "--output", of.toString(), "--backend", "vector", "--threads", "2"};
            if (op.equals("min-lstm")) { // --coeff-norm is minLSTM's alone: min-gru refuses it as unknown
                args = java.util.Arrays.copyOf(args, args.length + 2);
                args[args.length - 2] = "--coeff-norm";
                args[args.length - 1] = "false";
            }
            assertEquals(0, Main.run(args));
            Map<String, Tensor> got = TensorFiles.read(of, "out");
            MinRnn m = op.equals("min-gru") ? new MinGru(w) : new MinLstm(w, false);
            float[] out = new float[3 * 11 * dim];
            float[] h = new float[3 * e];
            float[] lh = new float[3 * e];
            m.forward(Backends.byName("vector", 2), 3, 11, x.toFloats(), null, null, out, h, lh);
            assertArrayEquals(out, got.get("out").toFloats(), op + " out");
            assertArrayEquals(h, got.get("hidden").toFloats(), op + " hidden");
            assertArrayEquals(lh, got.get("log_hidden").toFloats(), op + " log_hidden");
            assertArrayEquals(new int[] {3, 1, e}, got.get("log_hidden").shape());
        }
    }
}
