package ssm4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

/** Builds stand-in "benchmarks jars" for the bench tests: one class compiled from source, run as the jar's main. */
final class TestJars {
    private TestJars() {
    }

    /** Compiles {@code source} (public class {@code mainClass}) in {@code dir} and packs it as an executable jar. */
    static Path executable(Path dir, String mainClass, String source) throws Exception {
        Path src = dir.resolve(mainClass + ".java");
        Files.writeString(src, source);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
                src.toString()));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = dir.resolve("benchmarks.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, mf)) {
            j.putNextEntry(new JarEntry(mainClass + ".class"));
            j.write(Files.readAllBytes(dir.resolve(mainClass + ".class")));
            j.closeEntry();
        }
        return jar;
    }
}
