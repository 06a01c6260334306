package ssm4j.api.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip of {@code .npy} entries, keyed by entry name without the {@code .npy}
 * suffix (as {@code numpy.load} does). Stored and deflated entries are both read; entries other than .npy are
 * rejected. Sizes come from the zip's central directory and are checked like {@link Npy} checks its own.
 */
public final class Npz {
    private Npz() {
    }

    /** Reads every array of an .npz file, in archive order. @throws IOException if malformed */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new IOException(file + ": entry '" + name + "' is not a .npy array");
                }
                long size = e.getSize();
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": entry '" + name + "' has an invalid size " + size);
                }
                try (var in = zip.getInputStream(e)) {
                    out.put(name.substring(0, name.length() - 4), Npy.read(in, size, file + ":" + name));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a valid .npz (zip) file: " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes {@code arrays} as an uncompressed .npz file (as {@code numpy.savez}). */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        try (OutputStream fo = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(fo)) {
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                Npy.write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }
}
