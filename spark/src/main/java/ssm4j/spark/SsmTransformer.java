package ssm4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that runs an ssm4j layer over one sequence per row: {@code conv} (causal FFT
 * convolution with a given kernel {@code k} and optional skip {@code D}, SPEC 6.1), {@code s4d} (the S4D layer,
 * SPEC 11.1) or {@code mamba} (the Mamba v1 block, SPEC 11.2), with weights from a {@code .safetensors} /
 * {@code .npz} file ({@link #setWeightsPath}) or given directly ({@link #setWeights}).
 *
 * <p><b>Columns.</b> The input column holds {@code array<float>} (fp32, the fast path) or {@code array<double>}
 * (fp64): a flattened (H,L) sequence, channels before time, for conv and s4d; a flattened (L,d_model) one for
 * mamba. The nested {@code array<array<float|double>>} form is accepted too ((H,L) for conv/s4d, (L,d_model) for
 * mamba). The output column has the input's type and shape. With {@code sequenceLength} set, every row must have
 * exactly that L; otherwise L may vary between rows.
 *
 * <p><b>Execution.</b> {@code transform()} validates the weights against the layer on the driver (mismatched
 * weights fail there, before any task runs) and broadcasts them once; each executor JVM builds the layer once
 * (per-JVM cache keyed by the weights' SHA-256) and each task computes its partition in batches of
 * {@code batchSize} rows through the {@link ssm4j.api.SsmKernel} registry, with {@code spark.task.cpus} ssm4j
 * threads ({@code threadsPerTask} overrides). Results are bit-for-bit those of the single-JVM library with the
 * same backend, whatever the partitioning.
 *
 * <p><b>Bad rows</b> (null, empty, ragged, a length that does not fit the layer, NaN or infinite values) follow
 * {@code badRows}: {@code error} (default: the job fails naming the column, partition and row), {@code skip} or
 * {@code null} (see {@link BadRowPolicy}).
 *
 * <p>Saved with {@link #write()} (Spark's params metadata plus {@code weights.safetensors} in the same
 * directory) and loaded with {@link #load(String)}, also as a stage of a saved {@code Pipeline}. Not thread-safe
 * for concurrent setters (as every Spark ML stage); {@code transform()} may be called from several threads.
 */
public final class SsmTransformer extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The file holding the weights inside a saved transformer's directory. */
    static final String WEIGHTS_FILE = "weights.safetensors";

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> layer;
    private final Param<String> weightsPath;
    private final Param<String> backend;
    private final Param<String> badRows;
    private final IntParam batchSize;
    private final IntParam sequenceLength;
    private final IntParam threadsPerTask;

    /** The weights in use, and the weightsPath they were read from (null when given by {@link #setWeights}). */
    private Weights weights;
    private String weightsFrom;
    private transient Broadcast<Weights> broadcast;
    private transient SparkContext broadcastContext;

    /** A transformer with a random uid and default parameters. */
    public SsmTransformer() {
        this(Identifiable$.MODULE$.randomUID("ssmTransformer"));
    }

    /** A transformer with the given uid (used by the loader and {@link #copy}). */
    public SsmTransformer(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "input column: array<float|double> or array<array<float|double>>");
        outputCol = new Param<>(this, "outputCol", "output column, written with the input's type and shape");
        layer = new Param<>(this, "layer", "the layer: conv, s4d or mamba",
                ParamValidators.inArray(new String[] {"conv", "s4d", "mamba"}));
        weightsPath = new Param<>(this, "weightsPath", "a .safetensors or .npz weights file read on the driver");
        backend = new Param<>(this, "backend",
                "ssm4j backend: scalar, vector, native, native-gpu, or empty for the best one on each executor");
        badRows = new Param<>(this, "badRows", "what to do with a bad row: error, skip or null",
                ParamValidators.inArray(new String[] {"error", "skip", "null"}));
        batchSize = new IntParam(this, "batchSize", "rows per library call inside a task (>= 1)",
                ParamValidators.gtEq(1));
        sequenceLength = new IntParam(this, "sequenceLength",
                "the fixed sequence length L every row must have, or 0 for any", ParamValidators.gtEq(0));
        threadsPerTask = new IntParam(this, "threadsPerTask",
                "ssm4j threads per task, or 0 for spark.task.cpus", ParamValidators.gtEq(0));
        setDefault(inputCol, "input");
        setDefault(outputCol, "output");
        setDefault(layer, "s4d");
        setDefault(weightsPath, "");
        setDefault(backend, "");
        setDefault(badRows, "error");
        setDefault(batchSize, 8);
        setDefault(sequenceLength, 0);
        setDefault(threadsPerTask, 0);
    }

    /** This stage's unique id (kept by save/load and {@link #copy}). */
    @Override
    public String uid() {
        return uid;
    }

    // ------------------------------------------------------------------ params (Spark lists them by reflection)

    /** @return the input column param */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** @return the output column param */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** @return the layer param ({@code conv}, {@code s4d}, {@code mamba}) */
    public Param<String> layer() {
        return layer;
    }

    /** @return the weights file param */
    public Param<String> weightsPath() {
        return weightsPath;
    }

    /** @return the backend param */
    public Param<String> backend() {
        return backend;
    }

    /** @return the bad-row policy param */
    public Param<String> badRows() {
        return badRows;
    }

    /** @return the rows-per-call param */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return the fixed sequence length param */
    public IntParam sequenceLength() {
        return sequenceLength;
    }

    /** @return the threads-per-task param */
    public IntParam threadsPerTask() {
        return threadsPerTask;
    }

    /** Sets the input column. @return this */
    public SsmTransformer setInputCol(String v) {
        set(inputCol, v);
        return this;
    }

    /** Sets the output column. @return this */
    public SsmTransformer setOutputCol(String v) {
        set(outputCol, v);
        return this;
    }

    /** Sets the layer: {@code conv}, {@code s4d} or {@code mamba}. @return this */
    public SsmTransformer setLayer(String v) {
        set(layer, v);
        return this;
    }

    /**
     * Sets the weights file ({@code .safetensors} or {@code .npz}, a local path on the driver); it is read at the
     * next {@code transform()}. @return this
     */
    public SsmTransformer setWeightsPath(String v) {
        set(weightsPath, v);
        return this;
    }

    /** Sets the backend name, or "" for the best on each executor. @return this */
    public SsmTransformer setBackend(String v) {
        set(backend, v);
        return this;
    }

    /** Sets the bad-row policy. @return this */
    public SsmTransformer setBadRows(BadRowPolicy v) {
        set(badRows, v.paramValue());
        return this;
    }

    /** Sets the rows per library call. @return this */
    public SsmTransformer setBatchSize(int v) {
        set(batchSize, v);
        return this;
    }

    /** Sets the fixed sequence length (0: any). @return this */
    public SsmTransformer setSequenceLength(int v) {
        set(sequenceLength, v);
        return this;
    }

    /** Sets the ssm4j threads per task (0: spark.task.cpus). @return this */
    public SsmTransformer setThreadsPerTask(int v) {
        set(threadsPerTask, v);
        return this;
    }

    /** Uses these weights (and clears {@code weightsPath}). @return this */
    public SsmTransformer setWeights(Weights w) {
        this.weights = ssm4j.api.Check.notNull("weights", w);
        this.weightsFrom = null;
        set(weightsPath, "");
        return this;
    }

    /**
     * The weights in use: those given by {@link #setWeights}, or read from {@code weightsPath} when it changed.
     *
     * @throws IllegalArgumentException if none are set or the file cannot be read
     */
    public Weights getWeights() {
        String path = $(weightsPath);
        if (!path.isEmpty() && !path.equals(weightsFrom)) {
            try {
                weights = Weights.read(Path.of(path));
            } catch (IOException e) {
                throw new IllegalArgumentException("weightsPath: cannot read '" + path + "': " + e.getMessage(), e);
            }
            weightsFrom = path;
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights: none set (call setWeightsPath or setWeights)");
        }
        return weights;
    }

    /** Restores saved weights together with the path they had come from (loader only). */
    void restoreWeights(Weights w) {
        this.weights = w;
        String path = $(weightsPath);
        this.weightsFrom = path.isEmpty() ? null : path;
    }

    // ------------------------------------------------------------------ Transformer

    /**
     * Checks the input column's type and that the output column is new; returns the schema with the output
     * column appended (nullable, the input's type).
     *
     * @throws IllegalArgumentException naming the column or param that does not fit
     */
    @Override
    public StructType transformSchema(StructType schema) {
        String in = $(inputCol);
        String out = $(outputCol);
        if (!Arrays.asList(schema.fieldNames()).contains(in)) {
            throw new IllegalArgumentException("inputCol: column '" + in + "' does not exist (have "
                    + Arrays.toString(schema.fieldNames()) + ")");
        }
        if (Arrays.asList(schema.fieldNames()).contains(out)) {
            throw new IllegalArgumentException("outputCol: column '" + out + "' already exists");
        }
        DataType t = schema.apply(in).dataType();
        elementType(t); // throws for an unsupported type
        BadRowPolicy.parse($(badRows));
        return schema.add(new StructField(out, withoutNullElements(t), true,
                org.apache.spark.sql.types.Metadata.empty()));
    }

    private DataType elementType(DataType t) {
        String in = $(inputCol);
        if (t instanceof ArrayType a) {
            DataType e = a.elementType();
            if (e instanceof ArrayType inner) {
                e = inner.elementType();
            }
            if (e.equals(DataTypes.FloatType) || e.equals(DataTypes.DoubleType)) {
                return e;
            }
        }
        throw new IllegalArgumentException("inputCol: column '" + in + "' must be array<float>, array<double>, "
                + "array<array<float>> or array<array<double>>, got " + t.simpleString());
    }

    private static DataType withoutNullElements(DataType t) {
        ArrayType a = (ArrayType) t;
        DataType e = a.elementType() instanceof ArrayType inner
                ? DataTypes.createArrayType(inner.elementType(), false) : a.elementType();
        return DataTypes.createArrayType(e, false);
    }

    /**
     * Appends the output column. Validates the weights against the layer and the parameters on the driver first,
     * so mismatched weights fail here, before any task runs.
     *
     * @throws IllegalArgumentException for a bad schema, missing or mismatched weights, or bad parameters
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType outSchema = transformSchema(dataset.schema(), true);
        String kind = $(layer);
        Weights w = getWeights();
        RowLayer built = LayerCache.build(kind, w);
        int fixed = (Integer) $(sequenceLength);
        if (fixed > 0 && fixed < built.minLength()) {
            throw new IllegalArgumentException("sequenceLength: " + fixed + " is shorter than the kernel length "
                    + built.minLength() + " of the weights");
        }
        String be = $(backend);
        if (!be.isEmpty()) {
            ssm4j.api.Backends.byName(be, 1); // an unknown or unavailable backend fails here, not in a task
        }
        StructType schema = dataset.schema();
        String in = $(inputCol);
        DataType t = schema.apply(in).dataType();
        boolean nested = ((ArrayType) t).elementType() instanceof ArrayType;
        boolean fp64 = elementType(t).equals(DataTypes.DoubleType);
        PartitionRunner runner = new PartitionRunner(broadcast(dataset.sparkSession().sparkContext(), w), kind, be,
                (Integer) $(threadsPerTask), (Integer) $(batchSize), BadRowPolicy.parse($(badRows)),
                schema.fieldIndex(in), in, fp64, nested, fixed);
        if (!(dataset.toDF() instanceof org.apache.spark.sql.classic.Dataset<Row> df)) {
            throw new IllegalArgumentException("dataset: SsmTransformer runs in a classic SparkSession (the JVM "
                    + "driver), not through Spark Connect; got " + dataset.getClass().getName());
        }
        // Internal rows in and out: array cells are copied in bulk, never boxed value by value.
        org.apache.spark.rdd.RDD<org.apache.spark.sql.catalyst.InternalRow> out =
                df.queryExecution().toRdd().toJavaRDD().mapPartitions(runner).rdd();
        return df.sparkSession().internalCreateDataFrame(out, outSchema, false);
    }

    /** One broadcast per weights and SparkContext, reused by later transform() calls. */
    private synchronized Broadcast<Weights> broadcast(SparkContext sc, Weights w) {
        if (broadcast == null || broadcastContext != sc || broadcastContext.isStopped()
                || !broadcast.value().sha256().equals(w.sha256())) {
            broadcast = JavaSparkContext.fromSparkContext(sc).broadcast(w);
            broadcastContext = sc;
        }
        return broadcast;
    }

    /** A copy with the same uid, weights and params, overridden by {@code extra}. */
    @Override
    public SsmTransformer copy(ParamMap extra) {
        SsmTransformer t = new SsmTransformer(uid);
        t.weights = weights;
        t.weightsFrom = weightsFrom;
        copyValues(t, extra);
        return t;
    }

    // ------------------------------------------------------------------ persistence

    /** A writer that saves the params (Spark's metadata format) and the weights as {@value #WEIGHTS_FILE}. */
    @Override
    public MLWriter write() {
        return new SsmTransformerWriter(this);
    }

    /** Saves to {@code path} (fails if it exists; use {@code write().overwrite().save(path)} to replace). */
    @Override
    public void save(String path) throws IOException {
        write().save(path);
    }

    /** The reader of saved transformers (also used by {@code Pipeline.load}). */
    public static MLReader<SsmTransformer> read() {
        return new SsmTransformerReader();
    }

    /** Loads a transformer saved by {@link #save}. */
    public static SsmTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        try {
            return "SsmTransformer(" + uid + ", layer=" + $(layer) + ", " + $(inputCol) + " -> " + $(outputCol) + ")";
        } catch (RuntimeException e) {
            return "SsmTransformer(" + uid + ")";
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }

    /** What the reader and the writer do with the local copy of the weights file. */
    @FunctionalInterface
    interface LocalWeightsFile {
        void use(Path tmp) throws IOException;
    }

    /**
     * Runs {@code action} on a fresh local temporary file (the weights' way between Hadoop's file system and
     * {@link Weights}), deleted afterwards; an {@link IOException} becomes an {@link UncheckedIOException}.
     */
    static void withLocalWeightsFile(LocalWeightsFile action) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("ssm4j-weights", ".safetensors");
            action.use(tmp);
        } catch (IOException e) {
            throw unchecked(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
