package ssm4j.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy / .npz reading and writing, including hostile files (issue 3: never an OOM or a silent misread). */
class NpyTest {
    @TempDir
    Path tmp;

    /** A hand-built .npy image: version, header text, data bytes. */
    private static byte[] image(int major, String header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        if (major == 1) {
            out.write(h.length & 0xff);
            out.write(h.length >>> 8);
        } else {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(h.length).array());
        }
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    @Test
    void readsHandBuiltVersion1And2And3() throws IOException {
        for (int major = 1; major <= 3; major++) {
            byte[] img = image(major, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }\n",
                    doubles(1, 2, 3, 4, 5, 6));
            NpyArray a = Npy.read(img, "v" + major);
            assertArrayEquals(new int[] {2, 3}, a.shape());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
            assertEquals(NpyArray.Dtype.F8, a.dtype());
        }
    }

    @Test
    void roundTripsEveryDtypeAndScalarAndVectorShapes() throws IOException {
        int[][] shapes = {{}, {5}, {2, 3}, {1, 2, 3, 1}};
        for (NpyArray.Dtype dt : NpyArray.Dtype.values()) {
            for (int[] shape : shapes) {
                int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y) * (dt.complex ? 2 : 1);
                double[] data = new double[n];
                for (int i = 0; i < n; i++) {
                    data[i] = dt == NpyArray.Dtype.I8 ? i * 3L - 7 : dt.isSingle() ? (float) (i * 0.37 - 1)
                            : i * 0.37 - 1;
                }
                NpyArray a = new NpyArray(dt, shape, data);
                Path f = tmp.resolve("a.npy");
                Npy.write(f, a);
                NpyArray b = Npy.read(f);
                assertEquals(dt, b.dtype());
                assertArrayEquals(shape, b.shape());
                assertArrayEquals(data, b.data());
                assertEquals(0, (10 + headerLen(f)) % 64, "data starts 64-byte aligned, as NumPy writes");
            }
        }
    }

    @Test
    void int64HoldsTokenIdsAndRefusesFractions() throws IOException {
        NpyArray ids = new NpyArray(NpyArray.Dtype.I8, new int[] {2, 2}, new double[] {0, 50276, -1, 1L << 40});
        Path f = tmp.resolve("ids.npy");
        Npy.write(f, ids);
        assertArrayEquals(ids.data(), Npy.read(f).data());
        assertThrows(IllegalArgumentException.class,
                () -> new NpyArray(NpyArray.Dtype.I8, new int[] {1}, new double[] {0.5}));
    }

    private static int headerLen(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        return (b[8] & 0xff) | (b[9] & 0xff) << 8;
    }

    @Test
    void readsAGoldenFileWhenPresent() throws IOException {
        Path golden = Path.of(System.getProperty("ssm4j.golden", "../shared/golden"));
        Path f = golden.resolve("cauchy_plain_H3_N7_L33/v.npy");
        if (!Files.exists(f)) {
            System.out.println("golden data not found at " + golden.toAbsolutePath() + "; skipping");
            return;
        }
        NpyArray a = Npy.read(f);
        assertEquals(NpyArray.Dtype.C16, a.dtype());
        assertArrayEquals(new int[] {3, 7}, a.shape());
        assertEquals(42, a.data().length);
    }

    @Test
    void rejectsTruncatedData() {
        byte[] img = image(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }\n", doubles(1, 2, 3));
        IOException e = assertThrows(IOException.class, () -> Npy.read(img, "t.npy"));
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
    }

    @Test
    void rejectsTruncatedHeaderAndBadMagic() {
        byte[] img = image(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }\n", new byte[0]);
        byte[] cut = Arrays.copyOf(img, 20);
        assertTrue(assertThrows(IOException.class, () -> Npy.read(cut, "c.npy")).getMessage().contains("truncated"));
        byte[] bad = img.clone();
        bad[1] = 'X';
        assertTrue(assertThrows(IOException.class, () -> Npy.read(bad, "b.npy")).getMessage().contains("magic"));
        assertThrows(IOException.class, () -> Npy.read(new byte[3], "tiny.npy"));
    }

    @Test
    void rejectsHugeHeader() {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(70_000) + "\n";
        byte[] img = image(2, header, doubles(1));
        IOException e = assertThrows(IOException.class, () -> Npy.read(img, "h.npy"));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void rejectsOverflowingOrOversizedShapeWithoutAllocating() {
        byte[] img = image(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }\n",
                doubles(1));
        assertThrows(IOException.class, () -> Npy.read(img, "o.npy"));
        byte[] big = image(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }\n", doubles(1));
        IOException e = assertThrows(IOException.class, () -> Npy.read(big, "big.npy"));
        assertTrue(e.getMessage().contains("too large") || e.getMessage().contains("truncated"), e.getMessage());
        byte[] neg = image(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }\n", doubles(1));
        assertThrows(IOException.class, () -> Npy.read(neg, "n.npy"));
    }

    @Test
    void rejectsWrongDtypeAndFortranOrder() {
        byte[] i4 = image(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }\n", new byte[4]);
        assertTrue(assertThrows(IOException.class, () -> Npy.read(i4, "i.npy")).getMessage().contains("<i4"));
        byte[] be = image(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n", doubles(1));
        assertThrows(IOException.class, () -> Npy.read(be, "be.npy"));
        byte[] f = image(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }\n", doubles(1));
        assertTrue(assertThrows(IOException.class, () -> Npy.read(f, "f.npy")).getMessage().contains("Fortran"));
        byte[] v9 = image(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", doubles(1));
        v9[6] = 9;
        assertTrue(assertThrows(IOException.class, () -> Npy.read(v9, "v9.npy")).getMessage().contains("version"));
    }

    @Test
    void npzRoundTripAndRejectsNonNpyEntries() throws IOException {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("a", NpyArray.ofDoubles(new int[] {2}, new double[] {1, 2}, false));
        m.put("layer.weight", NpyArray.ofFloats(new int[] {1, 2}, new float[] {3, 4, 5, 6}, true));
        Path f = tmp.resolve("w.npz");
        Npz.write(f, m);
        Map<String, NpyArray> r = Npz.read(f);
        assertEquals(m.keySet(), r.keySet());
        assertArrayEquals(new double[] {3, 4, 5, 6}, r.get("layer.weight").data());
        Path bad = tmp.resolve("bad.npz");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(bad))) {
            z.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThrows(IOException.class, () -> Npz.read(bad));
        Path notZip = tmp.resolve("nz.npz");
        Files.write(notZip, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Npz.read(notZip));
    }
}
