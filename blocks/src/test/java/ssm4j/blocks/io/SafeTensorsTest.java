package ssm4j.blocks.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ssm4j.blocks.Tensor;

/** Round trips and every malformed-file rule of {@link SafeTensors}. */
class SafeTensorsTest extends SafeTensorsFileTest {
    @Test
    void roundTripKeepsNamesShapesValuesAndPrecision() throws IOException {
        float[] a = {1.5f, -2f, Float.MIN_VALUE, 3e38f, 0f, 7f};
        double[] b = {Math.PI, -1e-300, 42};
        float[] withOffset = {99f, 99f, 1f, 2f, 3f};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("in_proj.weight", Tensor.wrap(a, 2, 3));
        m.put("A_log", Tensor.wrap(b, 3));
        m.put("view", Tensor.of(withOffset, 2, 3, 1));
        m.put("empty", Tensor.wrap(new float[0], 0, 4));
        Path p = dir.resolve("w.safetensors");
        SafeTensors.write(p, m, Map.of("format", "pt"));
        Map<String, Tensor> r = SafeTensors.read(p);
        assertEquals(m.keySet(), r.keySet());
        assertArrayEquals(new int[] {2, 3}, r.get("in_proj.weight").shape());
        assertArrayEquals(a, r.get("in_proj.weight").toFloats());
        assertTrue(r.get("A_log").isDouble());
        assertArrayEquals(b, r.get("A_log").toDoubles());
        assertArrayEquals(new float[] {1f, 2f, 3f}, r.get("view").toFloats());
        assertArrayEquals(new int[] {0, 4}, r.get("empty").shape());
        // the header is padded to a multiple of 8 (reference writer convention)
        byte[] bytes = Files.readAllBytes(p);
        long hl = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, hl % 8);
        assertEquals(8 + hl + 4 * 6 + 8 * 3 + 4 * 3, bytes.length);
    }

    @Test
    void readsAHandWrittenFileWithMetadataAndGaps() throws IOException {
        String h = "{\"__metadata__\":{\"format\":\"pt\"},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        Path p = file(h, 8);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(8 + h.length(), 0.25f).putFloat(12 + h.length(), -4f);
        Files.write(p, b.array());
        assertArrayEquals(new float[] {0.25f, -4f}, SafeTensors.read(p).get("x").toFloats());
    }

    @Test
    void rejectsTooShortFile() throws IOException {
        Path p = dir.resolve("short.safetensors");
        Files.write(p, new byte[5]);
        assertTrue(assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage().contains("too short"));
    }

    @Test
    void rejectsHeaderAbove100MB() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L);
        Path p = dir.resolve("big.safetensors");
        Files.write(p, b.array());
        assertTrue(assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage().contains("exceeds"));
        // and a length with the top bit set (negative as a signed long)
        b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-8L);
        Files.write(p, b.array());
        assertTrue(assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage().contains("exceeds"));
    }

    @Test
    void rejectsHeaderPastEndOfFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Path p = dir.resolve("trunc.safetensors");
        Files.write(p, b.array());
        assertTrue(assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage()
                .contains("past the end"));
    }

    @Test
    void rejectsMalformedJson() throws IOException {
        assertTrue(fails("{\"x\": {\"dtype\": \"F32\"", 0).contains("not valid JSON"));
        assertTrue(fails("[1, 2]", 0).contains("must be a JSON object"));
        assertTrue(fails("{\"x\": 3}", 0).contains("entry must be an object"));
        assertTrue(fails("{\"__metadata__\": {\"a\": 1}}", 0).contains("must be a string"));
    }

    @Test
    void rejectsMissingOrBadFields() throws IOException {
        assertTrue(fails("{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4).contains("'dtype'"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4).contains("'shape'"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4).contains("'data_offsets'"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)
                .contains("integers"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)
                .contains("out of range"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)
                .contains("[begin, end]"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4)
                .contains("begin <= end"));
    }

    @Test
    void rejectsUnknownDtypeByName() throws IOException {
        String msg = fails("{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        assertTrue(msg.contains("'w'") && msg.contains("Q4") && msg.contains("unknown dtype"), msg);
        // a known but non-float dtype validates, and read() refuses it by name
        msg = fails("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
        assertTrue(msg.contains("'ids'") && msg.contains("I64"), msg);
    }

    @Test
    void rejectsOffsetsOutOfRange() throws IOException {
        String msg = fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 8);
        assertTrue(msg.contains("'x'") && msg.contains("past the data buffer"), msg);
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        String msg = fails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
        assertTrue(msg.contains("overlap") && msg.contains("'a'") && msg.contains("'b'"), msg);
        // an empty tensor must also sit where the previous one ends
        msg = fails("{\"a\":{\"dtype\":\"F32\",\"shape\":[25],\"data_offsets\":[0,100]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[10,10]}}", 100);
        assertTrue(msg.contains("overlap") && msg.contains("'a'") && msg.contains("'e'"), msg);
        // a tensor nested inside an earlier long one, after a short one
        msg = fails("{\"a\":{\"dtype\":\"F32\",\"shape\":[25],\"data_offsets\":[0,100]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[100,104]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[50,58]}}", 104);
        assertTrue(msg.contains("overlap"), msg);
    }

    @Test
    void rejectsSpanThatDisagreesWithShapeTimesDtype() throws IOException {
        String msg = fails("{\"x\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 32);
        assertTrue(msg.contains("needs 32"), msg);
    }

    @Test
    void tensorFilesChoosesTheFormatByExtension() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", Tensor.wrap(new float[] {1, 2, 3, 4}, 2, 2));
        m.put("b", Tensor.wrap(new double[] {5, 6}, 2));
        for (String ext : new String[] {".npz", ".safetensors"}) {
            Path p = dir.resolve("f" + ext);
            TensorFiles.write(p, m);
            Map<String, Tensor> r = TensorFiles.read(p, "x");
            assertArrayEquals(new float[] {1, 2, 3, 4}, r.get("a").toFloats());
            assertTrue(r.get("b").isDouble());
            assertArrayEquals(new double[] {5, 6}, r.get("b").toDoubles());
        }
        Path npy = dir.resolve("one.npy");
        TensorFiles.write(npy, Map.of("a", m.get("a")));
        assertArrayEquals(new int[] {2, 2}, TensorFiles.read(npy, "u").get("u").shape());
        assertThrows(IllegalArgumentException.class, () -> TensorFiles.write(npy, m));
        assertThrows(IOException.class, () -> TensorFiles.read(dir.resolve("w.bin"), "x"));
    }
}
