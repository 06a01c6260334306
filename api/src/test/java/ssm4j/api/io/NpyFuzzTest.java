package ssm4j.api.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 2: a seeded fuzz test of the .npy and .npz readers. Valid files are mutated (bit flips, special
 * bytes, header text edits, truncation, insertion, deletion) and each mutant must either parse cleanly or fail with
 * an {@link IOException}: any other exception (a {@code NumberFormatException}, an {@code ArithmeticException}, an
 * {@code OutOfMemoryError}, an index error) is a bug. {@code -Dssm4j.fuzz.cases=N} (default 10 000) and
 * {@code -Dssm4j.fuzz.seed=S} choose the run; a failure prints the seed and case number that reproduce it.
 */
class NpyFuzzTest {
    private static final int CASES = Integer.getInteger("ssm4j.fuzz.cases", 10_000);
    private static final long SEED = Long.getLong("ssm4j.fuzz.seed", 17L);
    /** Header fragments a mutation splices in: the places a hand-written parser tends to trip. */
    private static final String[] TOKENS = {"(", ")", ",", "'", ":", "{", "}", "1e20000", "-1", "99999999999",
        "2147483647", "0", "True", "'<f8'", "'<c16'", "'|u1'", "'shape': (", "L", " ", "\n", "\u0000", "𝄞"};

    @TempDir
    Path tmp;

    private static List<byte[]> npySeeds() {
        List<byte[]> s = new ArrayList<>();
        s.add(Npy.toBytes(NpyArray.ofFloats(new int[] {3}, new float[] {1, 2, 3}, false)));
        s.add(Npy.toBytes(NpyArray.ofDoubles(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}, false)));
        s.add(Npy.toBytes(NpyArray.ofFloats(new int[] {1, 2}, new float[] {1, 2, 3, 4}, true)));
        s.add(Npy.toBytes(NpyArray.ofDoubles(new int[] {}, new double[] {7, 8}, true)));
        s.add(Npy.toBytes(NpyArray.ofFloats(new int[] {0, 4}, new float[0], false)));
        return s;
    }

    private static byte[] zip(List<byte[]> entries, List<String> names, boolean deflate) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry e = new ZipEntry(names.get(i));
                if (!deflate) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(entries.get(i).length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entries.get(i));
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(entries.get(i));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    private static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, '(', ')', ',', '9'}[r.nextInt(8)];
                case 2 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 3 -> { // splice a token into the text
                    byte[] t = TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                    byte[] n = new byte[b.length + t.length];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(t, 0, n, at, t.length);
                    System.arraycopy(b, at, n, at + t.length, b.length - at);
                    b = n;
                }
                case 4 -> { // delete a run
                    int len = Math.min(b.length - at, 1 + r.nextInt(8));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
                case 5 -> { // a length-like field: four random bytes
                    for (int i = at; i < Math.min(b.length, at + 4); i++) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
                default -> { // a digit of the header replaced by a long number
                    String s = new String(b, StandardCharsets.ISO_8859_1);
                    int d = s.indexOf("(");
                    if (d > 0) {
                        s = s.substring(0, d + 1) + "4294967297, " + s.substring(d + 1);
                    }
                    b = s.getBytes(StandardCharsets.ISO_8859_1);
                }
            }
        }
        return b;
    }

    @Test
    void mutatedNpyAndNpzFilesParseCleanlyOrThrowIOException() throws IOException {
        List<byte[]> npy = npySeeds();
        List<byte[]> npz = List.of(
                zip(npy, List.of("a.npy", "b.npy", "c.npy", "d.npy", "e.npy"), true),
                zip(npy.subList(0, 2), List.of("x.npy", "y.npy"), false));
        Random r = new Random(SEED);
        Path file = tmp.resolve("fuzz.npz");
        int parsed = 0;
        long t0 = System.nanoTime();
        for (int c = 0; c < CASES; c++) {
            boolean zipCase = c % 2 == 1;
            byte[] seed = zipCase ? npz.get(r.nextInt(npz.size())) : npy.get(r.nextInt(npy.size()));
            byte[] m = mutate(seed, r);
            try {
                if (zipCase) {
                    try (OutputStream o = Files.newOutputStream(file)) {
                        o.write(m);
                    }
                    Npz.read(file);
                } else {
                    Npy.read(m, "case " + c);
                }
                parsed++;
            } catch (IOException expected) {
                String name = zipCase ? file.toString() : "case " + c;
                assertTrue(expected.getMessage() != null && expected.getMessage().startsWith(name),
                        "case " + c + " (seed " + SEED + "): the message must name the file: " + expected);
            } catch (Throwable t) {
                fail("case " + c + " of seed " + SEED + " (" + (zipCase ? "npz" : "npy") + "): " + t, t);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("npy/npz fuzz: %d cases, %d parsed, %d rejected with IOException, %.1f s%n", CASES,
                parsed, CASES - parsed, s);
        assertTrue(parsed > 0 && parsed < CASES, "the mutations must exercise both outcomes: " + parsed);
    }
}
