package ssm4j.blocks.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** Base of the safetensors tests: hand-made files in a temporary folder and the failure they must give. */
abstract class SafeTensorsFileTest {
    @TempDir
    Path dir;

    /** A file of an 8-byte LE length, the header text verbatim, then {@code data} bytes of zeros. */
    Path file(String header, int data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path p = dir.resolve("t.safetensors");
        Files.write(p, b.array());
        return p;
    }

    /** The message of the IOException reading such a file gives; it must name the file. */
    String fails(String header, int data) throws IOException {
        Path p = file(header, data);
        String msg = assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage();
        assertTrue(msg.contains(p.toString()), "names the file: " + msg);
        return msg;
    }
}
