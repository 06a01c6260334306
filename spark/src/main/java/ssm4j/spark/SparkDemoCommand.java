package ssm4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.cli.Command;

/**
 * {@code ./ssm4j spark-demo [--master URL] [--rows N] [--layer s4d|mamba|conv] [--input PATH] [--output PATH]
 * [--length L] [--width W] [--partitions P] [--backend B] [--weights FILE] [--sample K]}: writes a Parquet dataset
 * of N seeded random sequences (or reads {@code --input}, column {@code seq}), runs {@link SsmTransformer} on it,
 * writes Parquet, checks a sample of rows against the single-JVM library result (same backend, bit for bit) and
 * prints rows/s and {@code matches single-JVM result: yes|no}. Exit status 0 when the sample matches, 1 otherwise.
 */
public final class SparkDemoCommand implements Command {
    /** Creates the command (Main loads it by name). */
    public SparkDemoCommand() {
    }

    @Override
    public int run(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String master = opt.getOrDefault("master", "local[2]");
        int rows = positive(opt, "rows", 2000);
        String layer = opt.getOrDefault("layer", "s4d");
        int width = positive(opt, "width", switch (layer) {
            case "conv" -> 1;
            case "mamba" -> 16;
            case "s4d" -> 8;
            default -> throw new IllegalArgumentException("--layer: must be s4d, mamba or conv, got '" + layer + "'");
        });
        int length = positive(opt, "length", layer.equals("mamba") ? 256 : 1024);
        int partitions = positive(opt, "partitions", 8);
        int sample = positive(opt, "sample", 16);
        String backend = opt.getOrDefault("backend", "vector");
        Weights weights = opt.containsKey("weights") ? Weights.read(Path.of(opt.get("weights")))
                : DemoWeights.forLayer(layer, width, layer.equals("mamba") ? 16 : 64, length, 1);
        Path work = Files.createTempDirectory("ssm4j-spark-demo");
        String input = opt.getOrDefault("input", work.resolve("input.parquet").toString());
        String output = opt.getOrDefault("output", work.resolve("output.parquet").toString());

        // Spark's own INFO start-up chatter would bury the demo's lines
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        SparkSession.Builder b = SparkSession.builder().master(master).appName("ssm4j spark-demo")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else {
            // a cluster on this machine: executors take the demo's own class path and JVM flags
            b.config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .config("spark.executor.extraJavaOptions",
                            String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                                    .getInputArguments().stream().filter(a -> a.startsWith("--add-")
                                            || a.startsWith("--enable-native") || a.startsWith("-Dio.netty")
                                            || a.startsWith("-Djdk.reflect")).toList()));
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            if (!opt.containsKey("input")) {
                long t0 = System.nanoTime();
                generate(spark, rows, width * length, partitions).write().mode("overwrite").parquet(input);
                System.out.printf("generated %d sequences of %d values (%s) in %.1f s: %s%n", rows, width * length,
                        layer.equals("mamba") ? "L=" + length + " × d_model=" + width : "H=" + width + " × L=" + length,
                        (System.nanoTime() - t0) / 1e9, input);
            }
            SsmTransformer t = new SsmTransformer().setLayer(layer).setWeights(weights).setInputCol("seq")
                    .setOutputCol("y").setBackend(backend);
            long t0 = System.nanoTime();
            Dataset<Row> in = spark.read().parquet(input);
            t.transform(in).write().mode("overwrite").parquet(output);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long n = spark.read().parquet(output).count();
            System.out.printf("%s on %s, backend %s: %d rows in %.2f s (Parquet read + transform + write): "
                    + "%.0f rows/s -> %s%n", layer, master, backend, n, seconds, n / seconds, output);
            boolean ok = checkSample(spark, output, layer, weights, backend, sample);
            System.out.println("matches single-JVM result: " + (ok ? "yes" : "no"));
            return ok ? 0 : 1;
        } finally {
            spark.stop();
            deleteTree(work); // the generated data (a user's --input and --output live elsewhere)
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Rows (id, seq) of seeded normal values, generated on the executors. */
    static Dataset<Row> generate(SparkSession spark, int rows, int values, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("seq", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.range(0, rows, 1, partitions).toDF()
                .mapPartitions(new SequenceGenerator(values), Encoders.row(schema));
    }

    /** Compares {@code sample} rows spread over the output with the library run in this JVM, bit for bit. */
    private static boolean checkSample(SparkSession spark, String output, String layer, Weights w, String backend,
                                       int sample) {
        Dataset<Row> out = spark.read().parquet(output);
        long n = out.count();
        long step = Math.max(1, n / sample);
        List<Row> rows = out.where(functions.col("id").mod(step).equalTo(0)).limit(sample).collectAsList();
        SsmKernel kernel = Backends.byName(backend, 1);
        RowLayer l = LayerCache.build(layer, w);
        int mismatches = 0;
        for (Row r : rows) {
            float[] in = floats(r.get(r.fieldIndex("seq")));
            float[] got = floats(r.get(r.fieldIndex("y")));
            float[] expected = single(l, kernel, in);
            if (!java.util.Arrays.equals(expected, got)) {
                mismatches++;
                System.out.println("  row id " + r.getLong(r.fieldIndex("id")) + " differs from the library");
            }
        }
        System.out.printf("checked %d sampled rows against the single-JVM library (%s): %d differ%n", rows.size(),
                backend, mismatches);
        return mismatches == 0 && !rows.isEmpty();
    }

    /** One row through the library alone (batch 1). */
    private static float[] single(RowLayer l, SsmKernel kernel, float[] in) {
        float[] out = new float[in.length];
        l.forward(kernel, 1, in.length / l.width(), in, out);
        return out;
    }

    private static float[] floats(Object cell) {
        if (cell instanceof scala.collection.mutable.ArraySeq.ofFloat s) {
            return s.array().clone();
        }
        List<Object> list = new ArrayList<>();
        scala.collection.Iterator<?> it = ((scala.collection.Seq<?>) cell).iterator();
        while (it.hasNext()) {
            list.add(it.next());
        }
        float[] f = new float[list.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) list.get(i)).floatValue();
        }
        return f;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: spark-demo [--master URL] [--rows N] "
                        + "[--layer s4d|mamba|conv] [--input PATH] [--output PATH] [--length L] [--width W] "
                        + "[--partitions P] [--backend B] [--weights FILE] [--sample K]; got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static int positive(Map<String, String> opt, String key, int dflt) {
        int v = Integer.parseInt(opt.getOrDefault(key, String.valueOf(dflt)));
        if (v < 1) {
            throw new IllegalArgumentException("--" + key + ": must be >= 1, got " + v);
        }
        return v;
    }
}
