package ssm4j.blocks.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import ssm4j.blocks.Tensor;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian unsigned header
 * length {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (byte offsets into the data buffer that follows the
 * header), an optional {@code "__metadata__"} object of strings, then the raw little-endian, row-major tensor bytes.
 *
 * <p>Files are untrusted. The header length is checked against {@link SafeTensorsLimits} and the file size before
 * anything is allocated; the header is parsed strictly and the tensors must tile the data buffer exactly
 * ({@code SafeTensorsHeader} lists the rules). Every violation is an {@link IOException} whose message names the
 * file, the tensor and the fact.
 *
 * <p>Two ways in: {@link #read} copies every tensor into a {@link Tensor} (F32 and F64 as they are, BF16 and F16
 * widened to float32; other dtypes refused), and {@link #map} maps the file with FFM and returns
 * {@link TensorView}s that point into the mapping (no copy, any dtype), valid while the caller's arena is open.
 * Stateless and thread-safe.
 */
public final class SafeTensors {
    /** Largest header accepted by default: 100 MB (the limit of the reference implementation). */
    public static final long MAX_HEADER = SafeTensorsLimits.REFERENCE_MAX_HEADER;

    private SafeTensors() {
    }

    /**
     * Reads every tensor of a safetensors file, in header order, into new arrays: F32 as float32, F64 as float64,
     * BF16 and F16 widened to float32.
     *
     * @throws IOException if the file cannot be read, is malformed, or holds a non-float dtype (the message says
     *                     which tensor)
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return read(file, SafeTensorsLimits.DEFAULT);
    }

    /** {@link #read(Path)} within explicit {@link SafeTensorsLimits}. */
    public static Map<String, Tensor> read(Path file, SafeTensorsLimits limits) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (TensorView v : map(file, arena, limits).values()) {
                out.put(v.name(), toTensor(v, file));
            }
            return out;
        }
    }

    private static Tensor toTensor(TensorView v, Path file) throws IOException {
        return switch (v.dtype()) {
            case F64 -> Tensor.wrap(v.toDoubles(), v.shape());
            case F32, F16, BF16 -> Tensor.wrap(v.toFloats(), v.shape());
            default -> throw new IOException(file + ": tensor '" + v.name() + "': unsupported dtype '" + v.dtype()
                    + "' (ssm4j reads F32, F64, F16 and BF16 as tensors)");
        };
    }

    /**
     * Maps a safetensors file read-only into {@code arena} and returns a view of each tensor, in header order.
     * Nothing is copied: a BF16 model costs its file size in (page-cache) memory. The views are valid until the
     * arena closes.
     *
     * @throws IOException if the file cannot be mapped or is malformed
     */
    public static Map<String, TensorView> map(Path file, Arena arena) throws IOException {
        return map(file, arena, SafeTensorsLimits.DEFAULT);
    }

    /** {@link #map(Path, Arena)} within explicit {@link SafeTensorsLimits}. */
    public static Map<String, TensorView> map(Path file, Arena arena, SafeTensorsLimits limits) throws IOException {
        MemorySegment whole;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            // an empty mapping is not allowed for every arena: check the minimum length first
            if (size < 8) {
                throw new IOException(file + ": too short for a safetensors file (" + size + " bytes, needs the "
                        + "8-byte header length)");
            }
            whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        }
        return parse(whole, file.toString(), limits);
    }

    /**
     * Validates the whole file image {@code whole} and returns views into it; package-private so the fuzz test
     * can run it on heap images.
     */
    static Map<String, TensorView> parse(MemorySegment whole, String what, SafeTensorsLimits limits)
            throws IOException {
        long fileSize = whole.byteSize();
        if (fileSize < 8) {
            throw new IOException(what + ": too short for a safetensors file (" + fileSize + " bytes, needs the "
                    + "8-byte header length)");
        }
        long headerLen = whole.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (headerLen < 0 || headerLen > limits.maxHeaderBytes()) {
            throw new IOException(what + ": header length " + Long.toUnsignedString(headerLen)
                    + " exceeds the limit of " + limits.maxHeaderBytes() + " bytes");
        }
        if (8 + headerLen > fileSize) {
            throw new IOException(what + ": header length " + headerLen + " runs past the end of the file ("
                    + fileSize + " bytes)");
        }
        byte[] hb = whole.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
        String json = SafeTensorsHeader.utf8(hb, what);
        long dataStart = 8 + headerLen;
        List<SafeTensorsHeader.Entry> entries = SafeTensorsHeader.parse(json, fileSize - dataStart, what, limits);
        Map<String, TensorView> out = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : entries) {
            MemorySegment data = whole.asSlice(dataStart + e.begin(), e.end() - e.begin()).asReadOnly();
            out.put(e.name(), new TensorView(e.name(), e.dtype(), e.shape(), data));
        }
        return out;
    }

    /**
     * Writes {@code tensors} (float32 as F32, float64 as F64) in map order, contiguous, with the header padded by
     * spaces to a multiple of 8 bytes (as the reference writer does).
     *
     * @param metadata optional string metadata ({@code __metadata__}), or null
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(file, tensors, metadata, null);
    }

    /**
     * {@link #write(Path, Map, Map)} with float32 tensors stored as {@code storeFloatsAs} ({@link SafeDtype#F32},
     * {@link SafeDtype#BF16} or {@link SafeDtype#F16}, rounded to nearest even); null keeps F32.
     *
     * @throws IllegalArgumentException if {@code storeFloatsAs} is another dtype or a name is reserved
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                             SafeDtype storeFloatsAs) throws IOException {
        SafeDtype f32As = storeFloatsAs == null ? SafeDtype.F32 : storeFloatsAs;
        if (f32As != SafeDtype.F32 && f32As != SafeDtype.BF16 && f32As != SafeDtype.F16) {
            throw new IllegalArgumentException("storeFloatsAs: must be F32, BF16 or F16, got " + f32As);
        }
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject m = new JsonObject();
            metadata.forEach((k, v) -> m.add(k, new JsonPrimitive(v)));
            header.add("__metadata__", m);
        }
        long pos = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("tensors: the name __metadata__ is reserved");
            }
            Tensor t = e.getValue();
            SafeDtype dt = t.isDouble() ? SafeDtype.F64 : f32As;
            long bytes = t.size() * dt.bytes();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", dt.name());
            JsonArray shape = new JsonArray();
            for (int s : t.shape()) {
                shape.add(s);
            }
            o.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(pos);
            offs.add(pos + bytes);
            o.add("data_offsets", offs);
            header.add(e.getKey(), o);
            pos += bytes;
        }
        byte[] hj = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (hj.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(hj);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (head.hasRemaining()) {
                ch.write(head);
            }
            for (Tensor t : tensors.values()) {
                writeData(ch, t, t.isDouble() ? SafeDtype.F64 : f32As);
            }
        }
    }

    /** Streams one tensor's bytes in blocks of at most 1 MiB elements (a 370m model is not doubled in memory). */
    private static void writeData(FileChannel ch, Tensor t, SafeDtype dt) throws IOException {
        int n = Math.toIntExact(t.size());
        int block = 1 << 20;
        ByteBuffer bb = ByteBuffer.allocate(Math.min(n, block) * dt.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < n; s += block) {
            int m = Math.min(block, n - s);
            bb.clear();
            for (int i = 0; i < m; i++) {
                int at = t.offset() + s + i;
                switch (dt) {
                    case F64 -> bb.putDouble(t.doubles()[at]);
                    case F32 -> bb.putFloat(t.floats()[at]);
                    case BF16 -> bb.putShort(SafeDtype.floatToBf16(t.floats()[at]));
                    default -> bb.putShort(Float.floatToFloat16(t.floats()[at]));
                }
            }
            bb.flip();
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
    }

    /** {@link #write(Path, Map, Map)} without metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, null);
    }

    /** Whether {@code file}'s name ends in {@code .safetensors}. */
    public static boolean isSafeTensors(Path file) {
        return file.getFileName().toString().endsWith(".safetensors");
    }
}
