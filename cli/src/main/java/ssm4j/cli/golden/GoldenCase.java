package ssm4j.cli.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ssm4j.api.io.Npy;
import ssm4j.api.io.NpyArray;

/**
 * One case of a golden manifest ({@code shared/golden/README.md}): its name, primitive, params, and lazily read
 * input and reference output arrays.
 */
public final class GoldenCase {
    private final Path dir;
    private final JsonObject json;

    GoldenCase(Path dir, JsonObject json) {
        this.dir = dir;
        this.json = json;
    }

    /** Case name, e.g. {@code cauchy_conj_H2_N32_L1024_s4nodes}. */
    public String name() {
        return json.get("name").getAsString();
    }

    /** Primitive name, e.g. {@code cauchy_conj}. */
    public String primitive() {
        return json.get("primitive").getAsString();
    }

    /** The free-text notes of the case. */
    public String notes() {
        JsonElement n = json.get("notes");
        return n == null ? "" : n.getAsString();
    }

    private JsonObject params() {
        JsonElement p = json.get("params");
        return p == null || !p.isJsonObject() ? new JsonObject() : p.getAsJsonObject();
    }

    /** Whether param {@code key} is present and not null. */
    public boolean has(String key) {
        JsonElement e = params().get(key);
        return e != null && !e.isJsonNull();
    }

    /** Integer param. @throws IllegalArgumentException if absent */
    public int intParam(String key) {
        return param(key).getAsInt();
    }

    /** Integer param or {@code dflt} when absent or null. */
    public int intParam(String key, int dflt) {
        return has(key) ? intParam(key) : dflt;
    }

    /** Number param. */
    public double doubleParam(String key) {
        return param(key).getAsDouble();
    }

    /** Boolean param or {@code dflt}. */
    public boolean boolParam(String key, boolean dflt) {
        return has(key) ? param(key).getAsBoolean() : dflt;
    }

    /** String param or {@code dflt}. */
    public String stringParam(String key, String dflt) {
        return has(key) ? param(key).getAsString() : dflt;
    }

    /** A numeric list param (e.g. {@code dt}); a single number gives a one-element array. */
    public double[] doublesParam(String key) {
        JsonElement e = param(key);
        if (!e.isJsonArray()) {
            return new double[] {e.getAsDouble()};
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    /** A raw JSON param (objects such as {@code alpha}). */
    public JsonElement param(String key) {
        JsonElement e = params().get(key);
        if (e == null) {
            throw new IllegalArgumentException(name() + ": no param '" + key + "'");
        }
        return e;
    }

    /** Names of the input arrays. */
    public Set<String> inputNames() {
        return keys("inputs");
    }

    /** Names of the output arrays. */
    public Set<String> outputNames() {
        return keys("outputs");
    }

    /** Whether an input of that name exists. */
    public boolean hasInput(String name) {
        return inputNames().contains(name);
    }

    /** Reads input {@code name}. */
    public NpyArray input(String name) throws IOException {
        return load("inputs", name);
    }

    /** Reads reference output {@code name}. */
    public NpyArray expected(String name) throws IOException {
        return load("outputs", name);
    }

    /** The dtype string of output {@code name} ({@code float32}, {@code complex128}, ...). */
    public String outputDtype(String name) {
        return section("outputs").getAsJsonObject(name).get("dtype").getAsString();
    }

    /** The tolerance of output {@code name}. */
    public Tolerance tolerance(String name) {
        JsonObject t = json.getAsJsonObject("tolerance").getAsJsonObject(name);
        JsonElement cmp = t.get("compare");
        boolean phase = cmp != null && cmp.getAsString().startsWith("phase_aligned");
        return new Tolerance(t.get("rtol").getAsDouble(), t.get("atol").getAsDouble(), phase);
    }

    private Set<String> keys(String section) {
        JsonObject o = section(section);
        return o == null ? Set.of() : new LinkedHashSet<>(o.keySet());
    }

    private JsonObject section(String s) {
        JsonElement e = json.get(s);
        return e == null || !e.isJsonObject() ? null : e.getAsJsonObject();
    }

    private NpyArray load(String section, String name) throws IOException {
        JsonObject o = section(section);
        if (o == null || !o.has(name)) {
            throw new IOException(name() + ": no " + section + " array '" + name + "'");
        }
        return Npy.read(confined(o.getAsJsonObject(name).get("file").getAsString()));
    }

    /**
     * The manifest path {@code file} resolved inside the data directory. An absolute path, a {@code ..} step or a
     * symbolic link leading out of the directory is refused: a manifest must not make the checker read (and print
     * facts about) files elsewhere.
     */
    private Path confined(String file) throws IOException {
        Path rel = Path.of(file);
        if (rel.isAbsolute() || rel.getRoot() != null) {
            throw new IOException(name() + ": path '" + file + "' is absolute, outside the data directory");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new IOException(name() + ": path '" + file + "' has '..', outside the data directory");
            }
        }
        Path p = dir.resolve(rel);
        if (Files.exists(p) && !p.toRealPath().startsWith(dir.toRealPath())) {
            throw new IOException(name() + ": path '" + file + "' leads outside the data directory (a link to "
                    + p.toRealPath() + ")");
        }
        return p;
    }

    @Override
    public String toString() {
        return name();
    }
}
