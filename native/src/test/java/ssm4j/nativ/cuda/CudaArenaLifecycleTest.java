package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 8, checked without a GPU: the native-gpu parts are called from any thread (calls are serialised,
 * not confined), so memory they keep between calls — the cuBLAS scalars above all — must live in a shared arena.
 * A confined arena held in a field works for the creating thread only: another thread's call then fails with
 * {@code WrongThreadException}, and a shape change on that thread leaves freed device memory in use. Reads the
 * sources of the cuda package (the test runs in the module directory) and fails on any field holding a confined
 * arena; local try-with-resources arenas are fine.
 */
class CudaArenaLifecycleTest {
    private static final Pattern CONFINED_FIELD = Pattern.compile(
            "(private|final|static|protected|public)[^;(]*\\bArena\\s+\\w+\\s*=\\s*Arena\\.ofConfined\\(\\)");

    @Test
    void noPartKeepsAConfinedArenaInAField() throws IOException {
        Path dir = Path.of("src/main/java/ssm4j/nativ/cuda");
        assertTrue(Files.isDirectory(dir), "run from the native module: " + dir.toAbsolutePath());
        List<String> bad = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CONFINED_FIELD.matcher(Files.readString(f));
                while (m.find()) {
                    bad.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertTrue(bad.isEmpty(), "confined arenas in fields (use Arena.ofShared()): " + bad);
    }
}
