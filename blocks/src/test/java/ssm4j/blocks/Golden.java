package ssm4j.blocks;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ssm4j.api.io.Npy;
import ssm4j.blocks.io.TensorFiles;

/** Reads golden cases of {@code ../shared/golden} (system property {@code ssm4j.golden}) for the block tests. */
public final class Golden {
    private static JsonObject manifest;

    private Golden() {
    }

    /** The golden folder, or null when it is not there (tests then skip with a reason). */
    public static Path dir() {
        String p = System.getProperty("ssm4j.golden", "../../shared/golden");
        Path d = Path.of(p);
        return Files.isRegularFile(d.resolve("manifest.json")) ? d : null;
    }

    /** The manifest entry of case {@code name}. */
    public static synchronized JsonObject entry(String name) throws IOException {
        if (manifest == null) {
            try (Reader r = Files.newBufferedReader(dir().resolve("manifest.json"))) {
                manifest = JsonParser.parseReader(r).getAsJsonObject();
            }
        }
        for (var c : manifest.getAsJsonArray("cases")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    /** Every input of a case as tensors (float32 files as float32, float64 as float64). */
    public static Map<String, Tensor> inputs(String name) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        JsonObject in = entry(name).getAsJsonObject("inputs");
        for (String k : in.keySet()) {
            m.put(k, TensorFiles.fromNpy(Npy.read(dir().resolve(in.getAsJsonObject(k).get("file").getAsString()))));
        }
        return m;
    }

    /** Reference output {@code out} of a case, widened to double. */
    public static double[] output(String name, String out) throws IOException {
        JsonObject o = entry(name).getAsJsonObject("outputs").getAsJsonObject(out);
        return Npy.read(dir().resolve(o.get("file").getAsString())).data();
    }

    /** The allowed error {@code atol + rtol·max|ref|} of output {@code out} (SPEC 0.5). */
    public static double allowed(String name, String out) throws IOException {
        JsonObject t = entry(name).getAsJsonObject("tolerance").getAsJsonObject(out);
        return t.get("atol").getAsDouble() + t.get("rtol").getAsDouble() * maxAbs(output(name, out));
    }

    /** max_i |a_i|. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** max_i |a_i − b_i| over min length; lengths must agree. */
    public static double maxDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= m)) {
                m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
        }
        return m;
    }

    /** float[] widened to double[]. */
    public static double[] wide(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
