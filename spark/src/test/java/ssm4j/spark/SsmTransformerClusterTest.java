package ssm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ssm4j.api.Backends;

/**
 * The transformer on a real standalone cluster of separate JVMs on 127.0.0.1 ({@link LoopbackCluster}: a Master
 * and two Workers of one core each, executors in their own JVMs): results equal the single-JVM library's bit for
 * bit (and so the local[2] results) with tasks spread over both executors; then one worker and its executor are
 * killed in the middle of a job, and the job still completes through Spark's task retry with the same output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SsmTransformerClusterTest {
    private static final String BACKEND = "vector";
    private static LoopbackCluster cluster;
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = new LoopbackCluster(2, dir);
        try {
            spark = TestSpark.builder(cluster.masterUrl())
                    .config("spark.executor.extraClassPath", cluster.classPath())
                    .config("spark.executor.extraJavaOptions", cluster.executorJavaOptions())
                    .config("spark.executor.memory", "512m")
                    .config("spark.executor.cores", "1")
                    .config("spark.cores.max", "2")
                    .config("spark.task.maxFailures", "4")
                    .config("spark.network.timeout", "60s")
                    .config("spark.network.timeoutInterval", "10s")
                    .config("spark.executor.heartbeatInterval", "2s")
                    .getOrCreate();
            jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3) { // 2 executors + driver
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("executors did not register in 120 s; worker-0 log:\n"
                            + cluster.log("worker-0") + "\nmaster log:\n" + cluster.log("master"));
                }
                Thread.sleep(250);
            }
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType, false)
            .add("seq", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    private static List<float[]> sequences(int count, int width, int length, long seed) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(DemoWeights.sequence(width * length, seed + i));
        }
        return out;
    }

    private static Dataset<Row> frame(List<float[]> seqs, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            rows.add(RowFactory.create((long) i, seqs.get(i)));
        }
        return spark.createDataFrame(jsc.parallelize(rows, partitions), SCHEMA);
    }

    private static void assertMatchesLibrary(String layer, Weights w, List<float[]> seqs, List<Row> out) {
        assertEquals(seqs.size(), out.size(), "row count");
        for (Row r : out) {
            int id = (int) r.getLong(0);
            @SuppressWarnings("unchecked")
            List<Object> cell = (List<Object>) scala.jdk.javaapi.CollectionConverters.asJava(
                    (scala.collection.Seq<Object>) r.get(2));
            float[] got = new float[cell.size()];
            for (int i = 0; i < got.length; i++) {
                got[i] = (Float) cell.get(i);
            }
            assertArrayEquals(Reference.row(layer, w, Backends.byName(BACKEND, 1), seqs.get(id)), got,
                    layer + " row " + id + " differs from the single-JVM library result");
        }
    }

    @Test
    @Order(1)
    void clusterResultsEqualTheLibraryBitForBitOnBothExecutors() throws Exception {
        Set<String> executors = ConcurrentHashMap.newKeySet();
        SparkListener l = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                executors.add(e.taskInfo().executorId());
            }
        };
        spark.sparkContext().addSparkListener(l);
        try {
            Weights s4d = DemoWeights.s4d(4, 8, 71);
            List<float[]> seqs = sequences(24, 4, 65, 900);
            // a pause per partition keeps both executors busy, so the tasks spread over both JVMs
            Dataset<Row> df = frame(seqs, 6).mapPartitions(new SlowPartitions(300), Encoders.row(SCHEMA));
            List<Row> out = new SsmTransformer().setLayer("s4d").setWeights(s4d).setInputCol("seq")
                    .setOutputCol("y").setBackend(BACKEND).setBatchSize(3).transform(df).collectAsList();
            assertMatchesLibrary("s4d", s4d, seqs, out);

            Weights mamba = DemoWeights.forLayer("mamba", 4, 4, 0, 72);
            List<float[]> ms = sequences(10, 4, 17, 950);
            assertMatchesLibrary("mamba", mamba, ms, new SsmTransformer().setLayer("mamba").setWeights(mamba)
                    .setInputCol("seq").setOutputCol("y").setBackend(BACKEND).transform(frame(ms, 5))
                    .collectAsList());
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(2, executors.size(), "tasks ran on executors " + executors);
        } finally {
            spark.sparkContext().removeSparkListener(l);
        }
    }

    @Test
    @Order(2)
    void jobCompletesThroughTaskRetryWhenAWorkerIsKilledMidJob() throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        Set<String> removed = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger lostTasks = new java.util.concurrent.atomic.AtomicInteger();
        SparkListener l = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                if (e.reason() instanceof org.apache.spark.ExecutorLostFailure) {
                    lostTasks.incrementAndGet();
                }
                // after the first finished task, with tasks still running on both executors: kill worker 0
                if (killed.compareAndSet(false, true)) {
                    Thread t = new Thread(() -> cluster.killWorker(0), "kill-worker-0");
                    t.setDaemon(true);
                    t.start();
                }
            }

            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
                removed.add(e.executorId());
            }
        };
        Weights conv = DemoWeights.conv(2, 31, 81);
        List<float[]> seqs = sequences(32, 2, 63, 1000);
        Dataset<Row> df = frame(seqs, 8).mapPartitions(new SlowPartitions(1000), Encoders.row(SCHEMA));
        spark.sparkContext().addSparkListener(l);
        List<Row> out;
        try {
            out = new SsmTransformer().setLayer("conv").setWeights(conv).setInputCol("seq").setOutputCol("y")
                    .setBackend(BACKEND).transform(df).collectAsList();
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(l);
        }
        assertTrue(killed.get(), "the worker was killed during the job");
        assertEquals(1, removed.size(), "the killed worker's executor was removed: " + removed);
        assertTrue(lostTasks.get() >= 1, "a task running on the killed executor was lost and retried");
        assertMatchesLibrary("conv", conv, seqs, out);
    }
}
