package ssm4j.cli.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Writes a floors file in the format {@link Floors#read} reads: the output of {@code --gate --calibrate}. */
final class FloorsWriter {
    private FloorsWriter() {
    }

    /** Writes {@code floors} with its ratio checks replaced by {@code ratios}. */
    static void write(Path file, Floors floors, List<Floors.Ratio> ratios) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.addProperty("note", "Proposed by ./ssm4j bench --gate --calibrate: floor = smallest measured same-run "
                + "ratio x (1 - margin). Review before copying to bench/floors.json.");
        root.addProperty("margin", floors.margin());
        JsonObject alloc = new JsonObject();
        alloc.addProperty("maxBytesPerOp", floors.maxBytesPerOp());
        alloc.addProperty("perIterationBytes", floors.perIterationBytes());
        JsonArray exempt = new JsonArray();
        for (Floors.Exempt e : floors.exempt()) {
            JsonObject o = new JsonObject();
            o.addProperty("suite", e.suite());
            o.add("select", selector(e.select()));
            o.addProperty("why", e.why());
            exempt.add(o);
        }
        alloc.add("exempt", exempt);
        root.add("allocation", alloc);
        JsonObject params = new JsonObject();
        floors.params().forEach((suite, p) -> {
            JsonObject o = new JsonObject();
            p.forEach((k, v) -> {
                JsonArray a = new JsonArray();
                v.forEach(a::add);
                o.add(k, a);
            });
            params.add(suite, o);
        });
        root.add("params", params);
        JsonArray arr = new JsonArray();
        for (Floors.Ratio r : ratios) {
            JsonObject o = new JsonObject();
            o.addProperty("id", r.id());
            o.addProperty("suite", r.suite());
            if (r.method() != null) {
                o.addProperty("method", r.method());
            }
            o.add("candidate", selector(r.candidate()));
            o.add("baseline", selector(r.baseline()));
            o.addProperty("floor", new BigDecimal(r.floor()).round(MathContext.DECIMAL32).stripTrailingZeros());
            o.addProperty("source", r.source());
            arr.add(o);
        }
        root.add("ratios", arr);
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
        Files.writeString(file, json + "\n",
                StandardCharsets.UTF_8);
    }

    private static JsonObject selector(Selector s) {
        JsonObject o = new JsonObject();
        s.values().forEach(o::addProperty);
        return o;
    }
}
