package ssm4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.minrnn.MinGru;
import ssm4j.blocks.minrnn.MinLstm;
import ssm4j.blocks.minrnn.MinRnn;

/**
 * {@code ./ssm4j run min-gru|min-lstm}: one forward call of the layer (SPEC 14.4, 14.5) on x (B,L,dim) from no
 * previous state; returns {@code out} (B,L,dim) and the returned state {@code hidden}, {@code log_hidden}
 * (B,1,E), as the reference's {@code (out, (next_hidden, next_log_hidden))}.
 */
final class MinRnnRun {
    private MinRnnRun() {
    }

    /** Parses a true/false option value, naming the option when it is neither. */
    static boolean bool(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(option + ": must be true or false, got '" + value + "'");
        };
    }

    static Map<String, Tensor> run(String op, SsmKernel kernel, Map<String, Tensor> weights, Tensor x,
                                   boolean norm) {
        MinRnn m = op.equals("min-gru") ? new MinGru(weights) : new MinLstm(weights, norm);
        x.requireRank("x", 3);
        if (x.dim(2) != m.dim()) {
            throw new IllegalArgumentException("x: must have shape (B, L, " + m.dim() + "), got dim " + x.dim(2));
        }
        int b = x.dim(0);
        int l = x.dim(1);
        int e = m.dimInner();
        // outputs in the input's precision, made (and wrapped) once for both
        Tensor y = Tensor.zeros(x.isDouble(), b, l, m.dim());
        Tensor h = Tensor.zeros(x.isDouble(), b, 1, e);
        Tensor lh = Tensor.zeros(x.isDouble(), b, 1, e);
        if (x.isDouble()) {
            m.forward(kernel, b, l, x.doublesFromZero(), null, null, y.doubles(), h.doubles(), lh.doubles());
        } else {
            m.forward(kernel, b, l, x.floatsFromZero(), null, null, y.floats(), h.floats(), lh.floats());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("out", y);
        out.put("hidden", h);
        out.put("log_hidden", lh);
        return out;
    }
}
