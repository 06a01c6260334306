package ssm4j.blocks.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

import ssm4j.blocks.Tensor;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian unsigned header
 * length {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (byte offsets into the data buffer that follows the
 * header), an optional {@code "__metadata__"} object of strings, then the raw little-endian, row-major tensor bytes.
 *
 * <p>ssm4j reads and writes dtypes {@code F32} and {@code F64}; any other dtype (BF16, F16, I64, ...) is rejected
 * with an {@link IOException} naming the tensor and dtype. Files are untrusted: the header must be at most
 * {@link #MAX_HEADER} bytes and fit the file, be a JSON object of well-formed entries, and every tensor's byte
 * span must equal {@code prod(shape) × dtype size}, lie inside the data buffer and overlap no other tensor.
 * Every violation is an {@link IOException} whose message names the file, the tensor and the fact.
 *
 * <p>Stateless and thread-safe.
 */
public final class SafeTensors {
    /** Largest header accepted: 100 MB (the limit of the reference implementation). */
    public static final long MAX_HEADER = 100_000_000L;

    private SafeTensors() {
    }

    /** One entry of a header: dtype (4 = F32, 8 = F64 bytes per element), shape and byte span in the buffer. */
    private record Entry(String name, int elemBytes, int[] shape, long begin, long end) {
    }

    /**
     * Reads every tensor of a safetensors file, in header order. F32 tensors come back as float32
     * {@link Tensor}s, F64 as float64, each in a new array.
     *
     * @throws IOException if the file cannot be read or is malformed (the message says how)
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < 8) {
                throw new IOException(file + ": too short for a safetensors file (" + fileSize + " bytes, "
                        + "needs the 8-byte header length)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 0 || headerLen > MAX_HEADER) {
                throw new IOException(file + ": header length " + Long.toUnsignedString(headerLen)
                        + " exceeds the limit of " + MAX_HEADER + " bytes");
            }
            if (8 + headerLen > fileSize) {
                throw new IOException(file + ": header length " + headerLen + " runs past the end of the file ("
                        + fileSize + " bytes)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8, file);
            String json = new String(hb.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLen;
            List<Entry> entries = parseHeader(json, fileSize - dataStart, file.toString());
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                int count = Math.toIntExact((e.end - e.begin) / e.elemBytes);
                ByteBuffer bb = ByteBuffer.allocate((int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, bb, dataStart + e.begin, file);
                bb.flip();
                if (e.elemBytes == 4) {
                    float[] v = new float[count];
                    bb.asFloatBuffer().get(v);
                    out.put(e.name, Tensor.wrap(v, e.shape));
                } else {
                    double[] v = new double[count];
                    bb.asDoubleBuffer().get(v);
                    out.put(e.name, Tensor.wrap(v, e.shape));
                }
            }
            return out;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    /**
     * Parses and validates a header against a data buffer of {@code dataBytes} bytes.
     *
     * @return the entries in header order
     * @throws IOException naming {@code what} and the offending tensor
     */
    static List<Entry> parseHeader(String json, long dataBytes, String what) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonSyntaxException | IllegalStateException e) {
            throw new IOException(what + ": header is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IOException(what + ": header must be a JSON object, got " + kind(root));
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> kv : root.getAsJsonObject().entrySet()) {
            String name = kv.getKey();
            if (name.equals("__metadata__")) {
                checkMetadata(kv.getValue(), what);
                continue;
            }
            entries.add(parseEntry(name, kv.getValue(), dataBytes, what));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        // sorted by begin, a tensor overlaps an earlier one iff it begins before the furthest end seen so far;
        // empty tensors occupy no bytes and cannot overlap anything
        Entry reach = null;
        for (Entry cur : sorted) {
            if (cur.end == cur.begin) {
                continue;
            }
            if (reach != null && cur.begin < reach.end) {
                throw new IOException(what + ": tensors '" + reach.name + "' [" + reach.begin + ", " + reach.end
                        + ") and '" + cur.name + "' [" + cur.begin + ", " + cur.end + ") overlap");
            }
            if (reach == null || cur.end > reach.end) {
                reach = cur;
            }
        }
        return entries;
    }

    private static void checkMetadata(JsonElement meta, String what) throws IOException {
        if (!meta.isJsonObject()) {
            throw new IOException(what + ": __metadata__ must be an object of strings, got " + kind(meta));
        }
        for (Map.Entry<String, JsonElement> m : meta.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw new IOException(what + ": __metadata__ value '" + m.getKey() + "' must be a string");
            }
        }
    }

    private static Entry parseEntry(String name, JsonElement el, long dataBytes, String what) throws IOException {
        String at = what + ": tensor '" + name + "'";
        if (!el.isJsonObject()) {
            throw new IOException(at + ": entry must be an object, got " + kind(el));
        }
        JsonObject o = el.getAsJsonObject();
        JsonElement dt = o.get("dtype");
        if (dt == null || !dt.isJsonPrimitive() || !dt.getAsJsonPrimitive().isString()) {
            throw new IOException(at + ": missing or non-string 'dtype'");
        }
        int elemBytes = switch (dt.getAsString()) {
            case "F32" -> 4;
            case "F64" -> 8;
            default -> throw new IOException(at + ": unsupported dtype '" + dt.getAsString()
                    + "' (ssm4j reads F32 and F64; convert with tensor.float() or .double())");
        };
        long[] shapeL = longs(o.get("shape"), "shape", at);
        long count = 1;
        int[] shape = new int[shapeL.length];
        for (int i = 0; i < shapeL.length; i++) {
            if (shapeL[i] < 0 || shapeL[i] > Integer.MAX_VALUE) {
                throw new IOException(at + ": shape entry " + shapeL[i] + " is out of range");
            }
            shape[i] = (int) shapeL[i];
            count = Math.multiplyHigh(count, shapeL[i]) != 0 ? -1 : count * shapeL[i];
            if (count < 0 || count > Integer.MAX_VALUE - 8) {
                throw new IOException(at + ": more elements than a Java array can hold");
            }
        }
        long[] off = longs(o.get("data_offsets"), "data_offsets", at);
        if (off.length != 2) {
            throw new IOException(at + ": data_offsets must be [begin, end], got " + off.length + " numbers");
        }
        long begin = off[0];
        long end = off[1];
        if (begin < 0 || end < begin) {
            throw new IOException(at + ": data_offsets [" + begin + ", " + end + "] must satisfy 0 <= begin <= end");
        }
        if (end > dataBytes) {
            throw new IOException(at + ": data_offsets [" + begin + ", " + end + "] run past the data buffer of "
                    + dataBytes + " bytes");
        }
        if (end - begin != count * elemBytes) {
            throw new IOException(at + ": data_offsets span " + (end - begin) + " bytes but shape "
                    + java.util.Arrays.toString(shape) + " × " + dt.getAsString() + " needs " + count * elemBytes);
        }
        return new Entry(name, elemBytes, shape, begin, end);
    }

    private static long[] longs(JsonElement e, String field, String at) throws IOException {
        if (e == null || !e.isJsonArray()) {
            throw new IOException(at + ": missing or non-array '" + field + "'");
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                throw new IOException(at + ": '" + field + "' must hold integers, got " + x);
            }
            java.math.BigDecimal v = x.getAsBigDecimal();
            try {
                out[i] = v.longValueExact();
            } catch (ArithmeticException ex) {
                throw new IOException(at + ": '" + field + "' must hold integers, got " + x);
            }
        }
        return out;
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "an array" : e.isJsonNull() ? "null" : e.isJsonPrimitive() ? "'" + e + "'"
                : "an object";
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
            long bytes = t.size() * (t.isDouble() ? 8 : 4);
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.isDouble() ? "F64" : "F32");
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
                int n = Math.toIntExact(t.size());
                ByteBuffer bb = ByteBuffer.allocate(n * (t.isDouble() ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
                if (t.isDouble()) {
                    bb.asDoubleBuffer().put(t.doubles(), t.offset(), n);
                } else {
                    bb.asFloatBuffer().put(t.floats(), t.offset(), n);
                }
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
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
