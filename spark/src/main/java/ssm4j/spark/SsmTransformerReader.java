package ssm4j.spark;

import java.io.IOException;
import java.nio.file.Files;

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
        java.nio.file.Path tmp = null;
        try {
            tmp = Files.createTempFile("ssm4j-weights", ".safetensors");
            Path src = new Path(path, SsmTransformer.WEIGHTS_FILE);
            FileSystem fs = src.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
            fs.copyToLocalFile(false, src, new Path(tmp.toUri()), true);
            t.restoreWeights(Weights.read(tmp));
        } catch (IOException e) {
            throw SsmTransformer.unchecked(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
        return t;
    }
}
