package ssm4j.blocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up a module's parameters by their PyTorch {@code state_dict} names with shape checks, so that a missing
 * or mis-shaped weight fails with an {@link IllegalArgumentException} naming it. Wraps the caller's map; not
 * thread-safe beyond what the map is.
 *
 * <p>Strict loading ({@link #verify}): a module declares its parameters once as a {@link Layout} (names, shapes
 * over named sizes such as {@code E} or {@code 2*E}, which are optional) and every problem — missing names,
 * unexpected names, wrong shapes — is reported in one error, as {@code torch.nn.Module.load_state_dict(strict=True)}
 * does. An unexpected name is an error because it is usually a misnamed weight (an optional {@code conv1d.bias}
 * under another key would otherwise be ignored and the block run as if it were zero); {@code strict = false} is the
 * explicit way to ignore extra names. {@link #narrowing()} checks that fp64 weights survive the narrowing to fp32.
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

    /** Whether the weights hold {@code name} (for optional parameters). */
    public boolean has(String name) {
        return map.containsKey(name);
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

    /** {@link #finiteDoubles} of an optional parameter, or null when the weights do not hold it. */
    public double[] optionalDoubles(String name, int... shape) {
        return has(name) ? finiteDoubles(name, shape) : null;
    }

    /**
     * The parameters a module expects: names, symbolic shapes and whether each is optional. A dimension is an
     * integer, a size name ({@code "E"}), or a sum of terms {@code k*NAME} and integers ({@code "2*E"},
     * {@code "R+2*N"}). A size is bound by the first present parameter (in declaration order) that has it alone as
     * a dimension, and every other use must agree.
     */
    public static final class Layout {
        private final Map<String, String[]> shapes = new LinkedHashMap<>();
        private final Set<String> optional = new LinkedHashSet<>();

        /** Declares a parameter the module cannot run without. */
        public Layout required(String name, String... dims) {
            shapes.put(name, dims);
            return this;
        }

        /** Declares a parameter the module can run without (e.g. a bias of a layer built with bias=False). */
        public Layout optional(String name, String... dims) {
            shapes.put(name, dims);
            optional.add(name);
            return this;
        }

        /** The declared names, in order. */
        public Set<String> names() {
            return shapes.keySet();
        }
    }

    /**
     * Checks the weights against {@code layout} and reports every problem at once.
     *
     * @param strict whether a name the layout does not declare is an error ({@code false}: ignored)
     * @return the bound sizes (e.g. {@code E → 32})
     * @throws IllegalArgumentException listing the missing, unexpected and mis-shaped parameters
     */
    public Map<String, Integer> verify(Layout layout, boolean strict) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        layout.shapes.forEach((name, dims) -> {
            Tensor t = map.get(name);
            if (t != null && t.shape().length == dims.length) {
                for (int i = 0; i < dims.length; i++) {
                    if (isName(dims[i])) {
                        sizes.putIfAbsent(dims[i], t.shape()[i]);
                    }
                }
            }
        });
        layout.shapes.forEach((name, dims) -> {
            Tensor t = map.get(name);
            if (t == null) {
                if (!layout.optional.contains(name)) {
                    problems.add(name + ": missing " + describe(dims, sizes));
                }
                return;
            }
            int[] s = t.shape();
            boolean ok = s.length == dims.length;
            for (int i = 0; ok && i < dims.length; i++) {
                Integer want = eval(dims[i], sizes);
                ok = want == null || want == s[i];
            }
            if (!ok) {
                problems.add(name + ": must have shape " + describe(dims, sizes) + ", got " + Arrays.toString(s));
            }
        });
        if (strict) {
            for (String k : map.keySet()) {
                if (!layout.shapes.containsKey(k)) {
                    problems.add(k + ": unexpected " + Arrays.toString(map.get(k).shape()) + ", not a parameter of "
                            + module);
                }
            }
        }
        if (!problems.isEmpty()) {
            // one problem reads "name: what"; several are listed together, so one run shows every mistake
            throw new IllegalArgumentException((problems.size() == 1 ? problems.get(0) + " (" + module + " weights)"
                    : module + " weights do not match the module (" + problems.size() + " problems): "
                    + String.join("; ", problems)) + ". Expected " + layout.names() + (layout.optional.isEmpty() ? "" : ", optional "
                    + layout.optional) + (strict ? "; extra names are errors unless loaded non-strict" : ""));
        }
        return sizes;
    }

    private static boolean isName(String d) {
        return !d.isEmpty() && Character.isLetter(d.charAt(0)) && d.chars().allMatch(c -> Character
                .isLetterOrDigit(c) || c == '_');
    }

    /** Value of a dimension expression, or null when it uses a size not bound yet. */
    private static Integer eval(String expr, Map<String, Integer> sizes) {
        long sum = 0;
        for (String term : expr.split("\\+")) {
            String t = term.trim();
            int star = t.indexOf('*');
            long factor = 1;
            if (star >= 0) {
                factor = Long.parseLong(t.substring(0, star).trim());
                t = t.substring(star + 1).trim();
            }
            if (isName(t)) {
                Integer v = sizes.get(t);
                if (v == null) {
                    return null;
                }
                sum += factor * v;
            } else {
                sum += factor * Long.parseLong(t);
            }
        }
        return sum > Integer.MAX_VALUE ? null : (int) sum;
    }

    private static String describe(String[] dims, Map<String, Integer> sizes) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            Integer v = eval(dims[i], sizes);
            sb.append(i > 0 ? ", " : "").append(dims[i]);
            if (v != null && !dims[i].equals(String.valueOf(v))) {
                sb.append('=').append(v);
            }
        }
        return sb.append(')').toString();
    }

    /** A fresh {@link Narrowing} for this module's fp32 copies. */
    public static Narrowing narrowing() {
        return new Narrowing();
    }

    /**
     * fp32 copies of fp64 weights that remember the first value finite in fp64 but infinite in fp32 (|x| > 3.4e38),
     * so that a module can still run in fp64 and refuse only its fp32 path, with a message naming the weight.
     */
    public static final class Narrowing {
        private String problem;

        private Narrowing() {
        }

        /** {@code a} rounded to float; an overflow is remembered under {@code name}. */
        public float[] narrow(String name, double[] a) {
            if (a == null) {
                return null;
            }
            scan(name, a);
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }

        /** Remembers an overflow of {@code a} under {@code name} without making the fp32 copy. */
        public void scan(String name, double[] a) {
            for (int i = 0; a != null && problem == null && i < a.length; i++) {
                if (Float.isInfinite((float) a[i]) && Double.isFinite(a[i])) {
                    problem = name + ": element " + i + " = " + a[i] + " overflows fp32 (largest 3.4e38); run in "
                            + "fp64 or rescale the weights";
                }
            }
        }

        /** @throws IllegalArgumentException naming the weight when some narrowed value overflowed */
        public void check() {
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }
}
