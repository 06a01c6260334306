package ssm4j.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/** Loads an {@link SsmTransformer} saved by {@link SsmTransformerWriter}: params, then the weights. */
final class SsmTransformerReader extends MLReader<SsmTransformer> {
    @Override
    public SsmTransformer load(String path) {
        DefaultParamsReader.Metadata meta =
                DefaultParamsReader.loadMetadata(path, sparkSession(), SsmTransformer.class.getName());
        SsmTransformer t = new SsmTransformer(meta.uid());
        meta.getAndSetParams(t, scala.Option.empty());
        SsmTransformer.withLocalWeightsFile(tmp -> {
            Path src = new Path(path, SsmTransformer.WEIGHTS_FILE);
            FileSystem fs = src.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
            fs.copyToLocalFile(false, src, new Path(tmp.toUri()), true);
            t.restoreWeights(Weights.read(tmp));
        });
        return t;
    }
}
