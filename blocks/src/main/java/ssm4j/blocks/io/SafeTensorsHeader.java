package ssm4j.blocks.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * The strict parser and validator of a safetensors header (the rules of huggingface/safetensors' own reader):
 * UTF-8 JSON in Gson's strict mode (no comments, unquoted or single-quoted names, NaN or trailing text); an
 * object that starts with {@code '{'}; unique tensor names; each entry exactly {@code dtype}, {@code shape},
 * {@code data_offsets} (each once); shapes and offsets plain non-negative integers whose products and byte counts
 * must not overflow; optional {@code __metadata__} of strings (or null). Sorted by offsets, the tensors must tile
 * the data buffer exactly: each begins where the previous ended (no overlap, no gap), spans
 * {@code prod(shape) × dtype size} bytes, and the last ends at the end of the file (no trailing bytes).
 * Every violation is an {@link IOException} naming the file, the tensor and the rule.
 */
final class SafeTensorsHeader {
    private SafeTensorsHeader() {
    }

    /** One validated entry: dtype, shape and byte span in the data buffer. */
    record Entry(String name, SafeDtype dtype, int[] shape, long begin, long end) {
    }

    /** Decodes header bytes as UTF-8, refusing malformed sequences. */
    static String utf8(byte[] header, String what) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(what + ": header is not valid UTF-8 (" + e + ")", e);
        }
    }

    /**
     * Parses {@code json} and validates it against a data buffer of {@code dataBytes} bytes.
     *
     * @return the entries in header order
     */
    static List<Entry> parse(String json, long dataBytes, String what, SafeTensorsLimits limits)
            throws IOException {
        if (json.isEmpty() || json.charAt(0) != '{') {
            throw new IOException(what + ": header must be a JSON object starting with '{'");
        }
        List<Entry> entries = new ArrayList<>();
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            r.beginObject();
            Set<String> names = new HashSet<>();
            boolean metadata = false;
            while (r.hasNext()) {
                String name = r.nextName();
                if (name.equals("__metadata__")) {
                    if (metadata) {
                        throw new IOException(what + ": __metadata__ appears twice");
                    }
                    metadata = true;
                    readMetadata(r, what);
                    continue;
                }
                if (!names.add(name)) {
                    throw new IOException(what + ": tensor '" + name + "' appears twice in the header");
                }
                if (names.size() > limits.maxTensors()) {
                    throw new IOException(what + ": more than " + limits.maxTensors()
                            + " tensors (the limit; raise SafeTensorsLimits.maxTensors to read it)");
                }
                entries.add(readEntry(r, name, dataBytes, what));
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IOException(what + ": text after the header's JSON object");
            }
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw new IOException(what + ": header is not valid JSON: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(what + ": header is not valid JSON: it ends early", e);
        }
        checkTiling(entries, dataBytes, what);
        return entries;
    }

    private static void readMetadata(JsonReader r, String what) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            r.nextNull();
            return;
        }
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IOException(what + ": __metadata__ must be an object of strings, got " + r.peek());
        }
        r.beginObject();
        Set<String> keys = new HashSet<>();
        while (r.hasNext()) {
            String k = r.nextName();
            if (!keys.add(k)) {
                throw new IOException(what + ": __metadata__ key '" + k + "' appears twice");
            }
            if (r.peek() != JsonToken.STRING) {
                throw new IOException(what + ": __metadata__ value '" + k + "' must be a string");
            }
            r.nextString();
        }
        r.endObject();
    }

    private static Entry readEntry(JsonReader r, String name, long dataBytes, String what) throws IOException {
        String at = what + ": tensor '" + name + "'";
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw new IOException(at + ": entry must be an object, got " + r.peek());
        }
        r.beginObject();
        String dtypeName = null;
        long[] shapeL = null;
        long[] off = null;
        while (r.hasNext()) {
            String field = r.nextName();
            switch (field) {
                case "dtype" -> {
                    if (dtypeName != null) {
                        throw new IOException(at + ": 'dtype' appears twice");
                    }
                    if (r.peek() != JsonToken.STRING) {
                        throw new IOException(at + ": missing or non-string 'dtype'");
                    }
                    dtypeName = r.nextString();
                }
                case "shape" -> {
                    if (shapeL != null) {
                        throw new IOException(at + ": 'shape' appears twice");
                    }
                    shapeL = integers(r, "shape", at);
                }
                case "data_offsets" -> {
                    if (off != null) {
                        throw new IOException(at + ": 'data_offsets' appears twice");
                    }
                    off = integers(r, "data_offsets", at);
                }
                default -> throw new IOException(at + ": unknown field '" + field
                        + "' (an entry has exactly dtype, shape, data_offsets)");
            }
        }
        r.endObject();
        if (dtypeName == null) {
            throw new IOException(at + ": missing or non-string 'dtype'");
        }
        if (shapeL == null) {
            throw new IOException(at + ": missing or non-array 'shape'");
        }
        if (off == null) {
            throw new IOException(at + ": missing or non-array 'data_offsets'");
        }
        SafeDtype dtype = SafeDtype.byName(dtypeName);
        if (dtype == null) {
            throw new IOException(at + ": unknown dtype '" + dtypeName + "' (ssm4j knows "
                    + Arrays.toString(SafeDtype.values()) + ")");
        }
        int[] shape = new int[shapeL.length];
        long count = 1;
        for (int i = 0; i < shapeL.length; i++) {
            if (shapeL[i] > Integer.MAX_VALUE) {
                throw new IOException(at + ": shape entry " + shapeL[i] + " is out of range");
            }
            shape[i] = (int) shapeL[i];
            try {
                count = Math.multiplyExact(count, shapeL[i]);
            } catch (ArithmeticException e) {
                throw new IOException(at + ": shape " + Arrays.toString(shapeL) + " overflows a 64-bit count");
            }
        }
        long nbytes;
        try {
            nbytes = Math.multiplyExact(count, dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IOException(at + ": shape " + Arrays.toString(shapeL) + " × " + dtype
                    + " overflows a 64-bit byte count");
        }
        if (off.length != 2) {
            throw new IOException(at + ": data_offsets must be [begin, end], got " + off.length + " numbers");
        }
        long begin = off[0];
        long end = off[1];
        if (end < begin) {
            throw new IOException(at + ": data_offsets [" + begin + ", " + end + "] must satisfy 0 <= begin <= end");
        }
        if (end > dataBytes) {
            throw new IOException(at + ": data_offsets [" + begin + ", " + end + "] run past the data buffer of "
                    + dataBytes + " bytes");
        }
        if (end - begin != nbytes) {
            throw new IOException(at + ": data_offsets span " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " × " + dtype + " needs " + nbytes);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of plain non-negative integers (no sign, fraction or exponent), each within a long. */
    private static long[] integers(JsonReader r, String field, String at) throws IOException {
        if (r.peek() != JsonToken.BEGIN_ARRAY) {
            throw new IOException(at + ": missing or non-array '" + field + "'");
        }
        r.beginArray();
        long[] out = new long[4];
        int n = 0;
        while (r.hasNext()) {
            if (r.peek() != JsonToken.NUMBER) {
                throw new IOException(at + ": '" + field + "' must hold integers, got " + r.peek());
            }
            String s = r.nextString();
            if (s.startsWith("-")) {
                throw new IOException(at + ": '" + field + "' entry " + s + " is out of range (negative)");
            }
            if (!s.matches("0|[1-9][0-9]*")) {
                throw new IOException(at + ": '" + field + "' must hold integers, got " + s);
            }
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IOException(at + ": '" + field + "' entry " + s + " overflows a 64-bit integer");
            }
            if (n == out.length) {
                if (n >= 64) {
                    throw new IOException(at + ": '" + field + "' has more than 64 entries");
                }
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = v;
        }
        r.endArray();
        return Arrays.copyOf(out, n);
    }

    /** Sorted by offsets, the spans must follow each other without gap or overlap and end with the buffer. */
    private static void checkTiling(List<Entry> entries, long dataBytes, String what) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long pos = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.begin != pos) {
                String before = prev == null ? "the start of the data buffer" : "'" + prev.name + "' [" + prev.begin
                        + ", " + prev.end + ")";
                throw new IOException(what + ": tensors " + before + " and '" + e.name + "' [" + e.begin + ", "
                        + e.end + ") " + (e.begin < pos ? "overlap" : "leave a gap of " + (e.begin - pos)
                        + " bytes") + " (tensors must tile the data buffer)");
            }
            pos = e.end;
            prev = e;
        }
        if (pos != dataBytes) {
            throw new IOException(what + ": " + (dataBytes - pos) + " trailing bytes after the last tensor (the data "
                    + "buffer is " + dataBytes + " bytes, the tensors cover " + pos + ")");
        }
    }
}
