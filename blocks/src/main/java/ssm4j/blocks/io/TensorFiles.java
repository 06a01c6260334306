package ssm4j.blocks.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.io.Npy;
import ssm4j.api.io.NpyArray;
import ssm4j.api.io.Npz;
import ssm4j.blocks.Tensor;

/**
 * Named tensors from and to the files users already have, chosen by extension: {@code .safetensors}
 * ({@link SafeTensors}), {@code .npz} (one entry per tensor) and {@code .npy} (one tensor, named by
 * {@code singleName}). float32 arrays become float32 {@link Tensor}s, float64 ones float64; complex NumPy arrays
 * become real tensors with a trailing axis of 2 (SPEC 0.3). Stateless and thread-safe.
 */
public final class TensorFiles {
    private TensorFiles() {
    }

    /**
     * Reads every tensor of a file.
     *
     * @param singleName the name given to the one array of a {@code .npy} file
     * @throws IOException if the file is unreadable, malformed, or of an unknown extension
     */
    public static Map<String, Tensor> read(Path file, String singleName) throws IOException {
        String n = file.getFileName().toString();
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (n.endsWith(".safetensors")) {
            return SafeTensors.read(file);
        } else if (n.endsWith(".npz")) {
            for (Map.Entry<String, NpyArray> e : Npz.read(file).entrySet()) {
                out.put(e.getKey(), fromNpy(e.getValue()));
            }
        } else if (n.endsWith(".npy")) {
            out.put(singleName, fromNpy(Npy.read(file)));
        } else {
            throw new IOException(file + ": unknown extension (ssm4j reads .safetensors, .npz and .npy)");
        }
        return out;
    }

    /**
     * Writes tensors; a {@code .npy} file takes exactly one.
     *
     * @throws IOException if the file cannot be written or the extension is unknown
     * @throws IllegalArgumentException if a .npy file is given more than one tensor
     */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".safetensors")) {
            SafeTensors.write(file, tensors);
        } else if (n.endsWith(".npz")) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            tensors.forEach((k, t) -> arrays.put(k, toNpy(t)));
            Npz.write(file, arrays);
        } else if (n.endsWith(".npy")) {
            if (tensors.size() != 1) {
                throw new IllegalArgumentException("output: a .npy file holds one array, got " + tensors.keySet()
                        + " (use .npz or .safetensors)");
            }
            Npy.write(file, toNpy(tensors.values().iterator().next()));
        } else {
            throw new IOException(file + ": unknown extension (ssm4j writes .safetensors, .npz and .npy)");
        }
    }

    /** A NumPy array as a tensor of its precision (complex as a trailing axis of 2). */
    public static Tensor fromNpy(NpyArray a) {
        int[] shape = a.shape();
        if (a.isComplex()) {
            int[] s = java.util.Arrays.copyOf(shape, shape.length + 1);
            s[shape.length] = 2;
            shape = s;
        }
        if (a.dtype().isSingle()) {
            return Tensor.wrap(a.toFloats(), shape);
        }
        return Tensor.wrap(a.data(), shape);
    }

    /** A tensor as a real NumPy array of its precision. */
    public static NpyArray toNpy(Tensor t) {
        return t.isDouble() ? NpyArray.ofDoubles(t.shape(), t.toDoubles(), false)
                : NpyArray.ofFloats(t.shape(), t.toFloats(), false);
    }
}
