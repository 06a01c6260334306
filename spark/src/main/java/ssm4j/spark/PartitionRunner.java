package ssm4j.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * The work of one task: takes the partition's rows in groups of {@code batchSize}, computes every group's valid
 * rows of one sequence length as a single batched library call (the rows laid end to end are the layer's (B,·,·)
 * input), and emits the rows in their input order with the output column appended. The layer comes from the
 * per-JVM {@link LayerCache} (built once per executor from the broadcast weights); the backend from the
 * {@link Backends} registry with as many threads as the task has cores ({@code spark.task.cpus}, or
 * {@code threadsPerTask}), so concurrent tasks do not oversubscribe the executor. Results do not depend on the
 * batch size, the thread count or the partitioning: every row's output is computed by the same kernel code as a
 * single-row call.
 *
 * <p>Works on Spark's internal rows (no per-value boxing); each output row is the input row joined with the
 * output cell. Serializable: only the broadcast handle and plain settings travel to executors.
 */
final class PartitionRunner implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<Weights> weights;
    private final String layerKind;
    private final String backend;
    private final int threadsPerTask;
    private final int batchSize;
    private final BadRowPolicy policy;
    private final int inputIndex;
    private final String inputCol;
    private final boolean fp64;
    private final boolean nested;
    private final int fixedLength;

    PartitionRunner(Broadcast<Weights> weights, String layerKind, String backend, int threadsPerTask, int batchSize,
                    BadRowPolicy policy, int inputIndex, String inputCol, boolean fp64, boolean nested,
                    int fixedLength) {
        this.weights = weights;
        this.layerKind = layerKind;
        this.backend = backend;
        this.threadsPerTask = threadsPerTask;
        this.batchSize = batchSize;
        this.policy = policy;
        this.inputIndex = inputIndex;
        this.inputCol = inputCol;
        this.fp64 = fp64;
        this.nested = nested;
        this.fixedLength = fixedLength;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        TaskContext ctx = TaskContext.get();
        int partition = ctx == null ? 0 : ctx.partitionId();
        int threads = threadsPerTask > 0 ? threadsPerTask : ctx == null ? 1 : Math.max(1, ctx.cpus());
        SsmKernel kernel = Backends.byName(backend.isEmpty() ? Backends.get().name() : backend, threads);
        RowLayer layer = LayerCache.get(layerKind, weights.value());
        return new Batches(input, kernel, layer, partition);
    }

    /** The lazy output iterator: reads at most {@code batchSize} input rows ahead. */
    private final class Batches implements Iterator<InternalRow> {
        private final Iterator<InternalRow> in;
        private final SsmKernel kernel;
        private final RowLayer layer;
        private final int partition;
        private final RowCodec codec = new RowCodec(fp64, nested);
        private final ArrayDeque<InternalRow> ready = new ArrayDeque<>();
        private long position;
        /** Batch input and output buffers, reused across batches (grown to the largest batch seen). */
        private float[] in32 = new float[0];
        private float[] out32 = new float[0];
        private double[] in64 = new double[0];
        private double[] out64 = new double[0];

        Batches(Iterator<InternalRow> in, SsmKernel kernel, RowLayer layer, int partition) {
            this.in = in;
            this.kernel = kernel;
            this.layer = layer;
            this.partition = partition;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && in.hasNext()) {
                fill();
            }
            return !ready.isEmpty();
        }

        @Override
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() {
            List<InternalRow> rows = new ArrayList<>(batchSize);
            List<Object> data = new ArrayList<>(batchSize);   // flat input, or null for a bad row
            List<int[]> shapes = new ArrayList<>(batchSize);  // {outer, inner, L} per good row
            Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
            while (rows.size() < batchSize && in.hasNext()) {
                InternalRow row = in.next();
                long pos = position++;
                Object flat = null;
                int[] shape = null;
                try {
                    flat = codec.decode(row, inputIndex);
                    int n = java.lang.reflect.Array.getLength(flat);
                    int l = checkLength(n, codec.outer(), codec.inner());
                    shape = new int[] {codec.outer(), codec.inner(), l};
                } catch (RowCodec.BadCell e) {
                    if (policy == BadRowPolicy.ERROR) {
                        throw new IllegalArgumentException("ssm4j SsmTransformer: column '" + inputCol
                                + "', partition " + partition + ", row " + pos + " of that partition (0-based): "
                                + e.getMessage() + " (badRows=error; set badRows to skip or null to drop the row "
                                + "or write null)");
                    }
                    if (policy == BadRowPolicy.SKIP) {
                        continue;
                    }
                    flat = null;
                }
                if (flat != null) {
                    byLength.computeIfAbsent(shape[2], k -> new ArrayList<>()).add(rows.size());
                }
                rows.add(row.copy()); // Spark reuses the row object of its iterator
                data.add(flat);
                shapes.add(shape);
            }
            Object[] outputs = new Object[rows.size()];
            for (Map.Entry<Integer, List<Integer>> g : byLength.entrySet()) {
                compute(g.getKey(), g.getValue(), data, shapes, outputs);
            }
            for (int i = 0; i < rows.size(); i++) {
                ready.add(new JoinedRow(rows.get(i), new GenericInternalRow(new Object[] {outputs[i]})));
            }
        }

        /** L for a row of {@code n} values, or why the row does not fit the layer. */
        private int checkLength(int n, int outer, int inner) throws RowCodec.BadCell {
            int w = layer.width();
            if (nested) {
                boolean timeFirst = layerKind.equals("mamba"); // (L, d_model) for Mamba, (H, L) otherwise
                int channels = timeFirst ? inner : outer;
                if (channels != w) {
                    throw new RowCodec.BadCell("has shape (" + outer + ", " + inner + "), the layer needs "
                            + (timeFirst ? "(L, " + w + ")" : "(" + w + ", L)"));
                }
            } else if (n % w != 0) {
                throw new RowCodec.BadCell("has " + n + " values, not a multiple of the layer's width " + w
                        + (layerKind.equals("mamba") ? " (d_model; rows are (L, d_model))" : " (H; rows are (H, L))"));
            }
            int l = n / w;
            if (fixedLength > 0 && l != fixedLength) {
                throw new RowCodec.BadCell("has length L=" + l + " (" + n + " values), sequenceLength is "
                        + fixedLength + " (" + (long) fixedLength * w + " values)");
            }
            if (l < layer.minLength()) {
                throw new RowCodec.BadCell("has length L=" + l + ", shorter than the kernel (" + layer.minLength()
                        + ")");
            }
            return l;
        }

        private void compute(int l, List<Integer> idx, List<Object> data, List<int[]> shapes, Object[] outputs) {
            int per = l * layer.width();
            int b = idx.size();
            int total = Math.multiplyExact(b, per);
            if (fp64 && in64.length < total) {
                in64 = new double[total];
                out64 = new double[total];
            } else if (!fp64 && in32.length < total) {
                in32 = new float[total];
                out32 = new float[total];
            }
            Object in = fp64 ? in64 : in32;
            for (int j = 0; j < b; j++) {
                System.arraycopy(data.get(idx.get(j)), 0, in, j * per, per);
            }
            if (fp64) {
                layer.forward(kernel, b, l, in64, out64);
            } else {
                layer.forward(kernel, b, l, in32, out32);
            }
            for (int j = 0; j < b; j++) {
                int i = idx.get(j);
                Object part = fp64 ? new double[per] : new float[per];
                System.arraycopy(fp64 ? out64 : out32, j * per, part, 0, per);
                int[] s = shapes.get(i);
                outputs[i] = codec.encode(part, s[0], s[1]);
            }
        }
    }
}
