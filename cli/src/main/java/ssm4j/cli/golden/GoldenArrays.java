package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.blocks.Tensor;
import ssm4j.blocks.io.TensorFiles;

/**
 * Array plumbing every golden runner needs: fp32 runs compute on float[] and report double[] (the checker compares
 * in double), and one code path serves both precisions by holding a float[] or double[] as an {@code Object}.
 */
final class GoldenArrays {
    private GoldenArrays() {
    }

    /** A new float[] (fp32) or double[] of length n. */
    static Object array(boolean f32, int n) {
        return f32 ? new float[n] : new double[n];
    }

    /** Input {@code name} as float[] (fp32: rounded, as the reference's fp32 run did) or double[]. */
    static Object input(GoldenCase c, String name, boolean f32) throws IOException {
        return f32 ? c.input(name).toFloats() : c.input(name).data();
    }

    /**
     * A float[] or double[] as a new double[] (a copy even for double[]: the runner may reuse its array); the
     * conversion is {@link Tensor}'s, the one the blocks use.
     */
    static double[] widen(Object a) {
        Tensor t = a instanceof double[] d ? Tensor.wrap(d, d.length) : Tensor.wrap((float[]) a, ((float[]) a).length);
        return t.toDoubles();
    }

    /** {@code d} rounded to float, as the reference's fp32 run rounded its inputs. */
    static float[] narrow(double[] d) {
        return Tensor.wrap(d, d.length).toFloats();
    }

    /** Every input of the case except the data input {@code dataName}: a block's weights by state_dict name. */
    static Map<String, Tensor> weights(GoldenCase c, String dataName) throws IOException {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (String n : c.inputNames()) {
            if (!n.equals(dataName)) {
                w.put(n, TensorFiles.fromNpy(c.input(n)));
            }
        }
        return w;
    }
}
