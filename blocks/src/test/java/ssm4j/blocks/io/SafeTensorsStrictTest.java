package ssm4j.blocks.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ssm4j.blocks.Tensor;

/** The format's strict rules (issue 17 item 3), the budgets, and the compact dtypes of {@link SafeTensors}. */
class SafeTensorsStrictTest extends SafeTensorsFileTest {
    private static final String X = "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    @Test
    void refusesLenientJson() throws IOException {
        assertTrue(fails("{x:{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4).contains("JSON"));
        assertTrue(fails("{/* c */" + X + "}", 4).contains("JSON"));
        assertTrue(fails("{'x':{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4).contains("JSON"));
        assertTrue(fails("{" + X + "} trailing", 4).contains("JSON") || fails("{" + X + "} x", 4).contains("after"));
        assertTrue(fails(" {" + X + "}", 4).contains("starting with '{'"));
    }

    @Test
    void refusesDuplicateNamesAndFields() throws IOException {
        String m = fails("{" + X + "," + X + "}", 8);
        assertTrue(m.contains("'x'") && m.contains("twice"), m);
        m = fails("{\"x\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertTrue(m.contains("'dtype' appears twice"), m);
        m = fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 4);
        assertTrue(m.contains("unknown field 'extra'"), m);
    }

    @Test
    void refusesNonIntegerAndOverflowingNumbers() throws IOException {
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1e0],\"data_offsets\":[0,4]}}", 4)
                .contains("integers"));
        assertTrue(fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", 4)
                .contains("integers"));
        String m = fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}}", 4);
        assertTrue(m.contains("'x'") && m.contains("overflows"), m);
        m = fails("{\"x\":{\"dtype\":\"F32\",\"shape\":[2000000000,2000000000,2000000000],"
                + "\"data_offsets\":[0,4]}}", 4);
        assertTrue(m.contains("'x'") && m.contains("overflows"), m);
        m = fails("{\"x\":{\"dtype\":\"F64\",\"shape\":[2000000000,2000000000],\"data_offsets\":[0,4]}}", 4);
        assertTrue(m.contains("'x'") && m.contains("overflows a 64-bit byte count"), m);
    }

    @Test
    void refusesGapsAndTrailingBytes() throws IOException {
        String m = fails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12);
        assertTrue(m.contains("gap of 4 bytes") && m.contains("'a'") && m.contains("'b'"), m);
        m = fails("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertTrue(m.contains("gap") && m.contains("start of the data buffer"), m);
        m = fails("{" + X + "}", 12);
        assertTrue(m.contains("8 trailing bytes"), m);
        m = fails("{\"__metadata__\":{\"k\":\"v\"}}", 3);
        assertTrue(m.contains("3 trailing bytes"), m);
    }

    @Test
    void budgetsAreCheckedBeforeAllocating() throws IOException {
        // a 99 MB header claim in a sparse file: refused by a 1 MB budget without reading it
        Path p = dir.resolve("huge.safetensors");
        long claim = 99_000_000L;
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(8 + claim);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(claim).array());
        }
        SafeTensorsLimits small = new SafeTensorsLimits(1_000_000, 10);
        String m = assertThrows(IOException.class, () -> SafeTensors.read(p, small)).getMessage();
        assertTrue(m.contains(p.toString()) && m.contains("limit of 1000000"), m);
        // within the default budget it is read and refused as JSON (it is zeros), not an OutOfMemoryError
        m = assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage();
        assertTrue(m.contains("starting with '{'"), m);
        // tensor-count budget
        Path q = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12);
        m = assertThrows(IOException.class, () -> SafeTensors.read(q, new SafeTensorsLimits(1000, 2)))
                .getMessage();
        assertTrue(m.contains("more than 2 tensors"), m);
        assertEquals(3, SafeTensors.read(q, new SafeTensorsLimits(1000, 3)).size());
        assertThrows(IllegalArgumentException.class, () -> new SafeTensorsLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SafeTensorsLimits(1000, 0));
    }

    @Test
    void compactDtypesRoundTripAndMapWithoutCopy() throws IOException {
        float[] v = {1f, -2.5f, 3.14159f, 1e-3f, 65504f, -0f, 1.0009765625f};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.wrap(v, 7));
        for (SafeDtype dt : new SafeDtype[] {SafeDtype.BF16, SafeDtype.F16}) {
            Path p = dir.resolve("c" + dt + ".safetensors");
            SafeTensors.write(p, m, null, dt);
            assertEquals(8 + (Files.size(p) - 8 - 7 * 2) + 7 * 2, Files.size(p));
            float[] back = SafeTensors.read(p).get("w").toFloats();
            for (int i = 0; i < v.length; i++) {
                float want = dt == SafeDtype.BF16 ? SafeDtype.bf16ToFloat(SafeDtype.floatToBf16(v[i]))
                        : Float.float16ToFloat(Float.floatToFloat16(v[i]));
                assertEquals(want, back[i], 0f, dt + " element " + i);
                assertEquals(v[i], back[i], Math.abs(v[i]) * (dt == SafeDtype.BF16 ? 4e-3 : 5e-4), dt + " " + i);
            }
            try (Arena arena = Arena.ofConfined()) {
                TensorView view = SafeTensors.map(p, arena).get("w");
                assertEquals(dt, view.dtype());
                assertEquals(14, view.data().byteSize());
                assertTrue(view.data().isMapped() && view.data().isReadOnly());
                assertArrayEquals(back, view.toFloats());
            }
        }
        // bf16 rounding: ties to even, exact values kept
        assertEquals(1f, SafeDtype.bf16ToFloat(SafeDtype.floatToBf16(Float.intBitsToFloat(0x3f808000))));
        assertEquals(Float.intBitsToFloat(0x3f820000),
                SafeDtype.bf16ToFloat(SafeDtype.floatToBf16(Float.intBitsToFloat(0x3f818000))));
        assertTrue(Float.isNaN(SafeDtype.bf16ToFloat(SafeDtype.floatToBf16(Float.NaN))));
    }
}
