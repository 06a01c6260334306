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
 * rejected, and a name that appears twice is an error. The sizes the zip directory declares are not trusted: the
 * bytes actually inflated are counted against the budgets of {@link IoLimits} (total, ratio to the file's size,
 * entry count), so a small file that inflates to gigabytes fails with an {@link IOException}, not an
 * {@code OutOfMemoryError}.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Reads every array of an .npz file, in archive order.
     *
     * @throws IOException naming the file if it is malformed, has a duplicate name, or exceeds a budget of
     *                     {@link IoLimits} (entries, inflated bytes, inflation ratio)
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        InflationBudget budget = new InflationBudget(file.toString(), Files.size(file));
        long maxEntries = IoLimits.npzMaxEntries();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > maxEntries) {
                throw new IOException(file + ": " + zip.size() + " entries, over the limit of " + maxEntries
                        + " (-Dssm4j.npz.maxEntries)");
            }
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
                String key = name.substring(0, name.length() - 4);
                if (out.containsKey(key)) {
                    // numpy.load would hand back one of them; which one is then an accident of the archive
                    throw new IOException(file + ": array '" + key + "' appears twice");
                }
                // the declared size bounds the header's claim; the budget bounds what is actually inflated
                long size = e.getSize();
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": entry '" + name + "' has an invalid size " + size);
                }
                try (var in = budget.charge(zip.getInputStream(e))) {
                    out.put(key, Npy.read(in, size, file + ":" + name));
                }
            }
        } catch (IOException e) {
            // zip's own messages (and EOF) name neither the file nor the entry; ours start with the file name
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": not a valid .npz (zip) file: " + e, e);
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
