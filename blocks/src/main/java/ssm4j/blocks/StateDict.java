package ssm4j.blocks;

import java.util.Arrays;
import java.util.Map;

/**
 * Looks up a module's parameters by their PyTorch {@code state_dict} names with shape checks, so that a missing
 * or mis-shaped weight fails with an {@link IllegalArgumentException} naming it. Wraps the caller's map; not
 * thread-safe beyond what the map is.
 */
public final class StateDict {
    private final Map<String, Tensor> map;
    private final String module;

    /**
     * @param module the module name for messages ({@code "S4D"}, {@code "Mamba"})
     * @param map    parameters by state_dict name
     */
    public StateDict(String module, Map<String, Tensor> map) {
        this.module = module;
        this.map = ssm4j.api.Check.notNull("weights", map);
    }

    /** The tensor {@code name}; its shape must be {@code shape} (−1 matches any extent). */
    public Tensor get(String name, int... shape) {
        Tensor t = map.get(name);
        if (t == null) {
            throw new IllegalArgumentException(name + ": missing from the " + module + " weights (have "
                    + map.keySet() + ")");
        }
        int[] s = t.shape();
        boolean ok = s.length == shape.length;
        for (int i = 0; ok && i < s.length; i++) {
            ok = shape[i] < 0 || shape[i] == s[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(name + ": must have shape " + Arrays.toString(shape).replace("-1", "*")
                    + ", got " + Arrays.toString(s));
        }
        return t;
    }

    /** Like {@link #get} and finite: NaN or infinite weights are rejected. */
    public double[] finiteDoubles(String name, int... shape) {
        double[] v = get(name, shape).toDoubles();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + ": must be finite, element " + i + " is " + v[i]);
            }
        }
        return v;
    }
}
