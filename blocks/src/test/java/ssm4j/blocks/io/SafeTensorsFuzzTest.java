package ssm4j.blocks.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.blocks.Tensor;

/**
 * Seeded fuzzing of the safetensors reader (issue 17 item 3): 10,000 mutations of valid files (byte flips in the
 * header and the length field, JSON-aware edits of digits and punctuation, truncation, appended bytes). Each must
 * give either a clean parse whose tensors tile the data buffer and read back, or an {@link IOException}; any other
 * exception (or an error) fails the test.
 */
class SafeTensorsFuzzTest {
    private static final int CASES = 10_000;

    @TempDir
    Path dir;

    private List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        SafeDtype[] as = {SafeDtype.F32, SafeDtype.BF16, SafeDtype.F16};
        for (int f = 0; f < 3; f++) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int t = 0; t < 2 + f; t++) {
                int a = 1 + rnd.nextInt(4);
                int b = rnd.nextInt(5);
                float[] v = new float[a * b];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) rnd.nextGaussian();
                }
                m.put("layers." + t + ".w", Tensor.wrap(v, a, b));
            }
            m.put("d", Tensor.wrap(new double[] {1, 2}, 2));
            Path p = dir.resolve("seed" + f + ".safetensors");
            SafeTensors.write(p, m, f == 1 ? Map.of("format", "pt") : null, as[f]);
            out.add(Files.readAllBytes(p));
        }
        return out;
    }

    private static byte[] mutate(byte[] src, SplittableRandom rnd) {
        byte[] b = src.clone();
        int headerEnd = (int) Math.min(b.length, 8 + (b[0] & 0xff) + ((b[1] & 0xff) << 8));
        int kind = rnd.nextInt(8);
        switch (kind) {
            case 0 -> { // random byte anywhere in the header (or its length)
                b[rnd.nextInt(headerEnd)] = (byte) rnd.nextInt(256);
            }
            case 1 -> { // a digit in the header replaced by another digit or a sign/exponent
                int at = 8 + rnd.nextInt(Math.max(1, headerEnd - 8));
                for (int i = at; i < headerEnd; i++) {
                    if (b[i] >= '0' && b[i] <= '9') {
                        b[i] = (byte) "0123456789-e.9".charAt(rnd.nextInt(14));
                        break;
                    }
                }
            }
            case 2 -> { // JSON punctuation swapped
                int at = 8 + rnd.nextInt(Math.max(1, headerEnd - 8));
                for (int i = at; i < headerEnd; i++) {
                    if ("{}[],:\"".indexOf(b[i]) >= 0) {
                        b[i] = (byte) "{}[],:\" '/".charAt(rnd.nextInt(10));
                        break;
                    }
                }
            }
            case 3 -> { // truncated
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 4 -> { // bytes appended
                return Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
            }
            case 5 -> { // header length field changed a little or a lot
                int delta = rnd.nextBoolean() ? rnd.nextInt(17) - 8 : rnd.nextInt();
                long len = (b[0] & 0xffL) | (b[1] & 0xffL) << 8;
                long nl = len + delta;
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (nl >>> (8 * i));
                }
            }
            case 6 -> { // one byte of the length field's upper half set (huge lengths)
                b[2 + rnd.nextInt(6)] = (byte) (1 + rnd.nextInt(255));
            }
            default -> { // several random header bytes
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    b[8 + rnd.nextInt(Math.max(1, headerEnd - 8))] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }

    @Test
    void mutatedFilesParseCleanlyOrFailWithIOException() throws IOException {
        List<byte[]> seeds = seeds();
        SplittableRandom rnd = new SplittableRandom(20261203L);
        SafeTensorsLimits limits = new SafeTensorsLimits(1 << 20, 64);
        int ok = 0;
        int refused = 0;
        long t0 = System.nanoTime();
        for (int c = 0; c < CASES; c++) {
            byte[] img = mutate(seeds.get(c % seeds.size()), rnd);
            try {
                Map<String, TensorView> views = SafeTensors.parse(MemorySegment.ofArray(img), "case " + c, limits);
                long covered = 0;
                for (TensorView v : views.values()) {
                    covered += v.data().byteSize();
                    assertEquals(v.count() * v.dtype().bytes(), v.data().byteSize(), "case " + c);
                    if (v.dtype().isFloat()) {
                        v.toDoubles();
                    }
                }
                long headerLen = MemorySegment.ofArray(img).get(
                        java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                        0);
                assertEquals(img.length - 8 - headerLen, covered, "case " + c + ": tensors tile the buffer");
                ok++;
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith("case " + c + ":"), "message names the file: " + e.getMessage());
                refused++;
            } catch (RuntimeException | Error e) {
                fail("case " + c + ": " + e + " instead of a clean parse or IOException", e);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(CASES, ok + refused);
        // both outcomes occur: the mutations are neither all harmless nor all fatal
        assertTrue(ok > 100 && refused > 5_000, "ok=" + ok + " refused=" + refused);
        assertTrue(seconds < 30, "fuzzing took " + seconds + " s");
    }
}
