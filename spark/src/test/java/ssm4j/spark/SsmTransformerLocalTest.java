package ssm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * The transformer in a real {@code local[2]} SparkSession: outputs equal, bit for bit, the single-JVM library's
 * result for each row ({@link Reference}, same backend) for every layer, precision, input form and partitioning
 * (1, 3, 8 partitions, with awkward sequence lengths mixed in one partition so batches split by length); save and
 * load (alone and inside a Pipeline); each bad-row policy; mismatched weights failing at {@code transform()} before
 * any job starts.
 */
class SsmTransformerLocalTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;
    /**
     * The backend both sides use: ssm4j's own vector tier. (The native tier's FFTW plans are chosen by timing,
     * FFTW_MEASURE, so two plan caches may pick different algorithms and differ in the last bits; docs/spark.md.)
     */
    private static final String BACKEND = "vector";

    @BeforeAll
    static void start() {
        spark = TestSpark.builder("local[2]").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static SsmKernel kernel() {
        return Backends.byName(BACKEND, 1);
    }

    /** Rows (id, seq): {@code count} flat fp32 sequences of width·L values, L cycling through {@code lengths}. */
    private static List<float[]> sequences(int count, int width, int[] lengths, long seed) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(DemoWeights.sequence(width * lengths[i % lengths.length], seed + i));
        }
        return out;
    }

    private static Dataset<Row> frame(List<float[]> seqs, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            rows.add(RowFactory.create((long) i, seqs.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("seq", DataTypes.createArrayType(DataTypes.FloatType, false), true);
        return spark.createDataFrame(jsc.parallelize(rows, partitions), schema);
    }

    private static float[] floats(Object cell) {
        List<Object> l = cellList(cell);
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) l.get(i);
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cellList(Object cell) {
        return (List<Object>) scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) cell);
    }

    private static void assertMatchesLibrary(String layer, Weights w, List<float[]> seqs, List<Row> out) {
        assertEquals(seqs.size(), out.size(), "row count");
        SsmKernel k = kernel();
        for (Row r : out) {
            int id = (int) r.getLong(0);
            float[] expected = Reference.row(layer, w, k, seqs.get(id));
            assertArrayEquals(expected, floats(r.get(2)), layer + " row " + id + " differs from the library");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void convS4dAndMambaEqualTheLibraryBitForBit(int partitions) {
        // conv: H=3, Lk=15; L in {15, 16, 17, 33}: L = Lk, powers of two and not, mixed inside partitions
        Weights conv = DemoWeights.conv(3, 15, 11);
        List<float[]> cs = sequences(23, 3, new int[] {15, 16, 17, 33}, 100);
        List<Row> co = run(new SsmTransformer().setLayer("conv").setWeights(conv), cs, partitions);
        assertMatchesLibrary("conv", conv, cs, co);

        Weights s4d = DemoWeights.s4d(3, 8, 12);
        List<float[]> ss = sequences(19, 3, new int[] {1, 2, 31, 64, 65}, 200);
        assertMatchesLibrary("s4d", s4d, ss, run(new SsmTransformer().setLayer("s4d").setWeights(s4d), ss,
                partitions));

        Weights mamba = DemoWeights.forLayer("mamba", 4, 3, 0, 13);
        List<float[]> ms = sequences(13, 4, new int[] {1, 3, 17}, 300);
        assertMatchesLibrary("mamba", mamba, ms, run(new SsmTransformer().setLayer("mamba").setWeights(mamba), ms,
                partitions));
    }

    private static List<Row> run(SsmTransformer t, List<float[]> seqs, int partitions) {
        Dataset<Row> df = frame(seqs, partitions);
        assertEquals(partitions, df.rdd().getNumPartitions());
        t.setInputCol("seq").setOutputCol("y").setBackend(BACKEND).setBatchSize(4);
        return t.transform(df).collectAsList();
    }

    @Test
    void fp64ColumnsRunTheFp64PathBitForBit() {
        Weights w = DemoWeights.s4d(2, 4, 21);
        List<Row> rows = new ArrayList<>();
        List<double[]> seqs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            float[] f = DemoWeights.sequence(2 * (5 + 7 * i), 400 + i);
            double[] d = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                d[j] = f[j] * 1.000000123; // values a float cannot hold: an fp32 detour would show
            }
            seqs.add(d);
            rows.add(RowFactory.create((long) i, d));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("seq", DataTypes.createArrayType(DataTypes.DoubleType, false));
        Dataset<Row> df = spark.createDataFrame(jsc.parallelize(rows, 3), schema);
        Dataset<Row> out = new SsmTransformer().setLayer("s4d").setWeights(w).setInputCol("seq").setOutputCol("y")
                .setBackend(BACKEND).transform(df);
        assertEquals(DataTypes.createArrayType(DataTypes.DoubleType, false), out.schema().apply("y").dataType());
        for (Row r : out.collectAsList()) {
            int id = (int) r.getLong(0);
            List<Object> l = cellList(r.get(2));
            double[] got = new double[l.size()];
            for (int j = 0; j < got.length; j++) {
                got[j] = (Double) l.get(j);
            }
            assertArrayEquals(Reference.row("s4d", w, kernel(), seqs.get(id)), got, "fp64 row " + id);
        }
    }

    @Test
    void nestedMambaRowsKeepTheirShape() {
        int dModel = 4;
        Weights w = DemoWeights.forLayer("mamba", dModel, 3, 0, 31);
        List<Row> rows = new ArrayList<>();
        List<float[]> flat = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int l = 2 + 5 * i;
            float[] f = DemoWeights.sequence(l * dModel, 500 + i);
            flat.add(f);
            List<float[]> steps = new ArrayList<>();
            for (int t = 0; t < l; t++) {
                steps.add(java.util.Arrays.copyOfRange(f, t * dModel, (t + 1) * dModel));
            }
            rows.add(RowFactory.create((long) i, steps.toArray()));
        }
        DataType nested = DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false);
        Dataset<Row> df = spark.createDataFrame(jsc.parallelize(rows, 2),
                new StructType().add("id", DataTypes.LongType).add("h", nested));
        List<Row> out = new SsmTransformer().setLayer("mamba").setWeights(w).setInputCol("h").setOutputCol("y")
                .setBackend(BACKEND).transform(df).collectAsList();
        for (Row r : out) {
            int id = (int) r.getLong(0);
            float[] expected = Reference.row("mamba", w, kernel(), flat.get(id));
            List<Object> steps = cellList(r.get(2));
            assertEquals(expected.length / dModel, steps.size(), "L of row " + id);
            for (int t = 0; t < steps.size(); t++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, t * dModel, (t + 1) * dModel),
                        floats(steps.get(t)), "row " + id + " step " + t);
            }
        }
    }

    @Test
    void saveLoadRoundTripAloneAndInAPipeline(@TempDir Path dir) throws Exception {
        Weights w = DemoWeights.s4d(3, 4, 41);
        Path file = dir.resolve("s4d.safetensors");
        w.write(file);
        SsmTransformer t = new SsmTransformer().setLayer("s4d").setWeightsPath(file.toString())
                .setInputCol("seq").setOutputCol("y").setBackend(BACKEND).setBatchSize(3).setSequenceLength(20);
        List<float[]> seqs = sequences(6, 3, new int[] {20}, 600);
        List<Row> before = t.transform(frame(seqs, 2)).collectAsList();
        assertMatchesLibrary("s4d", w, seqs, before);

        String saved = dir.resolve("saved").toString();
        t.save(saved);
        Files.delete(file); // the saved copy must not depend on the original file
        SsmTransformer back = SsmTransformer.load(saved);
        assertEquals(t.uid(), back.uid());
        assertEquals("s4d", back.getOrDefault(back.layer()));
        assertEquals(3, back.getOrDefault(back.batchSize()));
        assertEquals(20, back.getOrDefault(back.sequenceLength()));
        assertEquals(w.sha256(), back.getWeights().sha256());
        assertEquals(before, back.transform(frame(seqs, 2)).collectAsList());

        Pipeline p = new Pipeline().setStages(new PipelineStage[] {back});
        PipelineModel model = p.fit(frame(seqs, 3));
        String pm = dir.resolve("pipeline").toString();
        model.write().overwrite().save(pm);
        PipelineModel loaded = PipelineModel.load(pm);
        assertEquals(before, loaded.transform(frame(seqs, 2)).collectAsList());
    }

    /** Good rows, then null, empty, wrong length, NaN and infinite rows at known positions of one partition. */
    private static Dataset<Row> withBadRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(0L, DemoWeights.sequence(3 * 16, 1)));
        rows.add(RowFactory.create(1L, null));
        rows.add(RowFactory.create(2L, new float[0]));
        rows.add(RowFactory.create(3L, DemoWeights.sequence(3 * 16 + 1, 2)));   // not a multiple of H
        rows.add(RowFactory.create(4L, DemoWeights.sequence(3 * 17, 3)));       // L=17, sequenceLength is 16
        float[] nan = DemoWeights.sequence(3 * 16, 4);
        nan[7] = Float.NaN;
        rows.add(RowFactory.create(5L, nan));
        float[] inf = DemoWeights.sequence(3 * 16, 5);
        inf[0] = Float.NEGATIVE_INFINITY;
        rows.add(RowFactory.create(6L, inf));
        rows.add(RowFactory.create(7L, DemoWeights.sequence(3 * 16, 6)));
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("seq", DataTypes.createArrayType(DataTypes.FloatType, false), true);
        return spark.createDataFrame(jsc.parallelize(rows, 1), schema);
    }

    private static SsmTransformer fixedConv(Weights w) {
        return new SsmTransformer().setLayer("conv").setWeights(w).setInputCol("seq").setOutputCol("y")
                .setBackend(BACKEND).setSequenceLength(16).setBatchSize(3);
    }

    @Test
    void badRowPolicyErrorFailsNamingColumnAndRow() {
        Weights w = DemoWeights.conv(3, 8, 51);
        Dataset<Row> out = fixedConv(w).transform(withBadRows()); // the default policy
        SparkException e = assertThrows(SparkException.class, out::collectAsList);
        String msg = String.valueOf(e.getMessage());
        assertTrue(msg.contains("column 'seq', partition 0, row 1 of that partition") && msg.contains("is null"),
                msg);
    }

    @Test
    void badRowPolicyErrorNamesNaNPosition() {
        Weights w = DemoWeights.conv(3, 8, 51);
        Dataset<Row> df = withBadRows().where("id = 0 or id = 5");
        SparkException e = assertThrows(SparkException.class, () -> fixedConv(w).transform(df).collectAsList());
        String msg = String.valueOf(e.getMessage());
        assertTrue(msg.contains("row 1 of that partition") && msg.contains("element [7] is NaN"), msg);
    }

    @Test
    void badRowPolicySkipDropsExactlyTheBadRows() {
        Weights w = DemoWeights.conv(3, 8, 51);
        List<Row> out = fixedConv(w).setBadRows(BadRowPolicy.SKIP).transform(withBadRows()).collectAsList();
        assertEquals(List.of(0L, 7L), out.stream().map(r -> r.getLong(0)).toList());
        for (Row r : out) {
            assertArrayEquals(Reference.row("conv", w, kernel(), floats(r.get(1))), floats(r.get(2)));
        }
    }

    @Test
    void badRowPolicyNullWritesNullForExactlyTheBadRows() {
        Weights w = DemoWeights.conv(3, 8, 51);
        List<Row> out = fixedConv(w).setBadRows(BadRowPolicy.NULL).transform(withBadRows()).collectAsList();
        assertEquals(8, out.size());
        for (Row r : out) {
            long id = r.getLong(0);
            if (id == 0 || id == 7) {
                assertArrayEquals(Reference.row("conv", w, kernel(), floats(r.get(1))), floats(r.get(2)));
            } else {
                assertNull(r.get(2), "row " + id);
            }
        }
    }

    @Test
    void mismatchedWeightsFailAtTransformBeforeAnyJob() throws Exception {
        AtomicInteger jobs = new AtomicInteger();
        SparkListener l = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(l);
        try {
            Dataset<Row> df = frame(sequences(4, 3, new int[] {16}, 700), 2);
            Weights mamba = DemoWeights.forLayer("mamba", 3, 4, 0, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SsmTransformer().setLayer("s4d").setWeights(mamba).setInputCol("seq").transform(df));
            assertTrue(e.getMessage().contains("weights: do not fit layer 's4d'")
                    && e.getMessage().contains("kernel.C"), e.getMessage());
            Weights conv = DemoWeights.conv(3, 32, 1);
            e = assertThrows(IllegalArgumentException.class, () -> new SsmTransformer().setLayer("conv")
                    .setWeights(conv).setInputCol("seq").setSequenceLength(16).transform(df));
            assertTrue(e.getMessage().startsWith("sequenceLength: 16 is shorter than the kernel length 32"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new SsmTransformer().setLayer("conv").setWeights(conv).setInputCol("id").transform(df));
            assertTrue(e.getMessage().startsWith("inputCol: column 'id' must be array<float>"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> new SsmTransformer().setLayer("conv").setInputCol("seq").transform(df));
            assertTrue(e.getMessage().startsWith("weights: none set"), e.getMessage());
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get(), "no job may start for mismatched weights");
        } finally {
            spark.sparkContext().removeSparkListener(l);
        }
    }

    @Test
    void layerIsBuiltOncePerJvmAndReused() {
        Weights w = DemoWeights.s4d(3, 6, 61); // weights no other test uses
        int before = LayerCache.builds();
        SsmTransformer t = new SsmTransformer().setLayer("s4d").setWeights(w).setInputCol("seq").setOutputCol("y")
                .setBackend(BACKEND);
        for (int rep = 0; rep < 2; rep++) {
            t.transform(frame(sequences(8, 3, new int[] {9}, 800), 4)).collectAsList();
        }
        // 8 tasks over two transforms, one JVM (local mode): one build
        assertEquals(before + 1, LayerCache.builds());
    }
}
