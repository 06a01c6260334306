package ssm4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;

/**
 * An immutable, serializable set of named weight tensors (float32 or float64), as broadcast to executors, with a
 * SHA-256 content hash over names, dtypes, shapes and raw bits. The hash keys the per-JVM {@link LayerCache}, so two
 * transformers with equal weights share one built layer and changed weights never reuse a stale one.
 * Thread-safe (immutable; {@link #tensors()} hands out views that callers must not write).
 */
public final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One tensor: shape and exactly one of the two arrays. */
    private record Entry(int[] shape, float[] f, double[] d) implements Serializable {
    }

    private final LinkedHashMap<String, Entry> entries;
    private final String sha256;

    private Weights(LinkedHashMap<String, Entry> entries) {
        this.entries = entries;
        this.sha256 = hash(entries);
    }

    /**
     * Copies named tensors (the caller may change its arrays afterwards).
     *
     * @throws IllegalArgumentException if the map is null or empty, or a name or tensor is null
     */
    public static Weights of(Map<String, Tensor> tensors) {
        Check.notNull("weights", tensors);
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("weights: must hold at least one tensor, got none");
        }
        LinkedHashMap<String, Entry> m = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            Check.notNull("weights name", name);
            Check.notNull("weights[" + name + "]", t);
            m.put(name, t.isDouble() ? new Entry(t.shape(), null, t.toDoubles())
                    : new Entry(t.shape(), t.toFloats(), null));
        });
        return new Weights(m);
    }

    /**
     * Reads a {@code .safetensors} or {@code .npz} file ({@link TensorFiles}).
     *
     * @throws IOException if the file cannot be read or is malformed
     */
    public static Weights read(Path file) throws IOException {
        return of(TensorFiles.read(file, "weights"));
    }

    /** Writes the tensors as {@code .safetensors} or {@code .npz}, by the file's extension. */
    public void write(Path file) throws IOException {
        TensorFiles.write(file, tensors());
    }

    /** The tensors by name, in insertion order, as read-only views (do not write their arrays). */
    public Map<String, Tensor> tensors() {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        entries.forEach((name, e) -> m.put(name, e.f != null ? Tensor.wrap(e.f, e.shape) : Tensor.wrap(e.d, e.shape)));
        return Collections.unmodifiableMap(m);
    }

    /** Lower-case hex SHA-256 of the content (names, dtypes, shapes, raw bits, in insertion order). */
    public String sha256() {
        return sha256;
    }

    private static String hash(Map<String, Entry> entries) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            md.update(me.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            Entry e = me.getValue();
            md.update((byte) (e.f != null ? 'f' : 'd'));
            for (int s : e.shape) {
                md.update(b.clear().putInt(s).flip());
            }
            md.update((byte) 0);
            if (e.f != null) {
                for (float v : e.f) {
                    md.update(b.clear().putInt(Float.floatToRawIntBits(v)).flip());
                }
            } else {
                for (double v : e.d) {
                    md.update(b.clear().putLong(Double.doubleToRawLongBits(v)).flip());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return "Weights" + entries.keySet() + " sha256=" + sha256.substring(0, 12);
    }
}
