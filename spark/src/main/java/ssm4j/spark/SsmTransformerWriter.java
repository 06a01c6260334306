package ssm4j.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves an {@link SsmTransformer}: {@code metadata/} in Spark's params format (so {@code Pipeline.load} finds the
 * class) and the weights as {@code weights.safetensors}, through Hadoop's file system API (local, HDFS, S3 …).
 */
final class SsmTransformerWriter extends MLWriter {
    private final SsmTransformer instance;

    SsmTransformerWriter(SsmTransformer instance) {
        this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
        Weights w = instance.getWeights(); // fails before anything is written when none are set
        DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
        SsmTransformer.withLocalWeightsFile(tmp -> {
            w.write(tmp);
            Path dst = new Path(path, SsmTransformer.WEIGHTS_FILE);
            FileSystem fs = dst.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
            fs.copyFromLocalFile(false, true, new Path(tmp.toUri()), dst);
        });
    }
}
