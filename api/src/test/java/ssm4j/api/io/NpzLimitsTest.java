package ssm4j.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 17 item 2: readers with explicit budgets. A small .npz that inflates to far more than it holds, too many
 * entries, a total beyond the budget or a duplicate name is an {@link IOException} naming the file and the limit
 * (and the system property that sets it), never an {@code OutOfMemoryError} or a silently chosen array.
 */
@ResourceLock("system-properties")
class NpzLimitsTest {
    @TempDir
    Path tmp;

    /** An .npz with the given entries (name → .npy image), deflated. */
    private Path npz(String file, Map<String, byte[]> entries) throws IOException {
        Path p = tmp.resolve(file);
        try (OutputStream fo = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(fo)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return p;
    }

    private static byte[] zeros(int n) {
        return Npy.toBytes(NpyArray.ofFloats(new int[] {n}, new float[n], false));
    }

    private static byte[] random(int n, long seed) {
        float[] v = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return Npy.toBytes(NpyArray.ofFloats(new int[] {n}, v, false));
    }

    private static void withProperty(String key, String value, IoAction body) throws Exception {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private interface IoAction {
        void run() throws Exception;
    }

    @Test
    void inflationBombIsRejectedByTheRatioLimit() throws Exception {
        // 64 MiB of zeros deflate to ~64 KiB: 1000:1, where float weights deflate to ~1.1:1
        Path bomb = npz("bomb.npz", Map.of("a.npy", zeros(16 << 20)));
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small: " + Files.size(bomb));
        IOException e = assertThrows(IOException.class, () -> Npz.read(bomb));
        assertTrue(e.getMessage().startsWith(bomb.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ssm4j.npz.maxRatio"), e.getMessage());
    }

    @Test
    void totalDecompressedBytesAreBudgeted() throws Exception {
        Path p = npz("big.npz", Map.of("a.npy", random(100_000, 1), "b.npy", random(100_000, 2)));
        assertEquals(2, Npz.read(p).size());
        withProperty("ssm4j.npz.maxTotalBytes", "500000", () -> {
            IOException e = assertThrows(IOException.class, () -> Npz.read(p));
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("500000")
                    && e.getMessage().contains("ssm4j.npz.maxTotalBytes"), e.getMessage());
        });
    }

    @Test
    void entryCountIsBudgeted() throws Exception {
        Path p = npz("many.npz", Map.of("a.npy", random(3, 1), "b.npy", random(3, 2), "c.npy", random(3, 3)));
        assertEquals(3, Npz.read(p).size());
        withProperty("ssm4j.npz.maxEntries", "2", () -> {
            IOException e = assertThrows(IOException.class, () -> Npz.read(p));
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("ssm4j.npz.maxEntries"),
                    e.getMessage());
        });
    }

    @Test
    void duplicateNamesAreAnError() throws Exception {
        // ZipOutputStream refuses duplicates, so write "a.npy" and "b.npy" and rename b to a in both headers
        Path p = npz("dup.npz", new java.util.LinkedHashMap<>(Map.of("a.npy", random(3, 1))));
        Path q = tmp.resolve("dup2.npz");
        try (OutputStream fo = Files.newOutputStream(q); ZipOutputStream zip = new ZipOutputStream(fo)) {
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(random(3, 1));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("b.npy"));
            zip.write(random(3, 2));
            zip.closeEntry();
        }
        byte[] b = Files.readAllBytes(q);
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("b.npy", "a.npy");
        Files.write(q, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1, Npz.read(p).size());
        IOException e = assertThrows(IOException.class, () -> Npz.read(q));
        assertTrue(e.getMessage().startsWith(q.toString()) && e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void npyArrayBytesAndRankAreBudgeted() throws Exception {
        Path p = tmp.resolve("a.npy");
        Files.write(p, random(1000, 1));
        assertEquals(1000, Npy.read(p).size());
        withProperty("ssm4j.npy.maxArrayBytes", "1000", () -> {
            IOException e = assertThrows(IOException.class, () -> Npy.read(p));
            assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("ssm4j.npy.maxArrayBytes"),
                    e.getMessage());
        });
        String dims = "1, ".repeat(100);
        byte[] img = ("\u0093NUMPY\u0001\u0000").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }\n";
        byte[] full = new byte[img.length + 2 + header.length() + 4];
        System.arraycopy(img, 0, full, 0, img.length);
        full[8] = (byte) header.length();
        full[9] = (byte) (header.length() >>> 8);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, full, 10,
                header.length());
        IOException e = assertThrows(IOException.class, () -> Npy.read(full, "deep.npy"));
        assertTrue(e.getMessage().startsWith("deep.npy") && e.getMessage().contains("ssm4j.npy.maxDims"),
                e.getMessage());
    }

    @Test
    void aBadLimitPropertyIsAClearError() throws Exception {
        Path p = npz("ok.npz", Map.of("a.npy", random(3, 1)));
        withProperty("ssm4j.npz.maxEntries", "lots", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(p));
            assertTrue(e.getMessage().contains("ssm4j.npz.maxEntries") && e.getMessage().contains("lots"),
                    e.getMessage());
        });
    }
}
