import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes every fp64 twin of ssm4j from its fp32 template: the one generator of the project (issue 18). Java cannot
 * abstract over {@code float[]}/{@code double[]} or {@code FloatVector}/{@code DoubleVector}, so the fp32 source is
 * the template and the fp64 file is derived from it by token rules, committed (grep, IDEs and reviews see real
 * code) and checked by CI ({@code .ci/run} regenerates and fails on {@code git diff --exit-code}).
 *
 * <p>Run from the repository root: {@code java tools/GenerateTwins.java} (writes the twins) or
 * {@code java tools/GenerateTwins.java --check} (writes nothing; exit 1 naming each stale twin). Any JDK from 17.
 *
 * <p>Rules, applied to whole tokens, code and comments alike (so the Javadoc of a twin says fp64):
 * <ul>
 *   <li>identifiers: {@code float → double}, {@code fp32 → fp64}, {@code sgemm → dgemm}, {@code tailF → tailD},
 *       {@code OfFloat → OfDouble}, {@code JAVA_FLOAT → JAVA_DOUBLE} (FFM value layouts);
 *       a leading {@code Float} becomes {@code Double} ({@code FloatVector}, {@code FloatFFT_1D}, {@code Float.BYTES})
 *       and a leading {@code floats} becomes {@code doubles} (workspace accessors {@code floats2 → doubles2});
 *       each template's class name becomes its twin's ({@code VectorCauchyF32 → VectorCauchyF64});
 *       a trailing {@code F32} becomes {@code F64} (the precision suffix of the naming scheme,
 *       {@code docs/architecture.md});</li>
 *   <li>species: {@code Species.F → Species.D}, {@code VecMath.F → VecMath.D};</li>
 *   <li>float literals: {@code 0.5f → 0.5}, {@code 1f → 1.0} (never an int literal: {@code 1f / n} must stay a
 *       floating division), {@code (float)} casts become {@code (double)};</li>
 *   <li>a line of the template that must differ in fp64 ends with {@code //@F64 <fp64 code>}, or follows a line
 *       {@code //@F64 <fp64 code>} (for long lines): the fp64 file gets that code, verbatim, with the template
 *       line's indentation, in place of the line; the fp32 file keeps the comment.</li>
 * </ul>
 * Every output starts with {@code // GENERATED from <template> by tools/GenerateTwins.java: do not edit}.
 */
public final class GenerateTwins {
    /** Every twin of the project: template (fp32) and output (fp64), relative to the repository root. */
    static final String[][] TWINS = {
        {"conv/src/main/java/ssm4j/conv/ref/JtConvF32.java", "conv/src/main/java/ssm4j/conv/ref/JtConvF64.java"},
        {"conv/src/main/java/ssm4j/conv/simd/VecConvF32.java", "conv/src/main/java/ssm4j/conv/simd/VecConvF64.java"},
        {"fft/src/main/java/ssm4j/fft/simd/CfftF32.java", "fft/src/main/java/ssm4j/fft/simd/CfftF64.java"},
        {"fft/src/main/java/ssm4j/fft/simd/InRegisterF32.java", "fft/src/main/java/ssm4j/fft/simd/InRegisterF64.java"},
        {"fft/src/main/java/ssm4j/fft/simd/Pow2RealFftF32.java",
            "fft/src/main/java/ssm4j/fft/simd/Pow2RealFftF64.java"},
        {"fft/src/main/java/ssm4j/fft/simd/AnyRealFftF32.java", "fft/src/main/java/ssm4j/fft/simd/AnyRealFftF64.java"},
        {"fft/src/main/java/ssm4j/fft/simd/BluesteinF32.java", "fft/src/main/java/ssm4j/fft/simd/BluesteinF64.java"},
        {"blocks/src/main/java/ssm4j/blocks/mamba/MambaF32.java", "blocks/src/main/java/ssm4j/blocks/mamba/MambaF64.java"},
        {"blocks/src/main/java/ssm4j/blocks/mamba2/Mamba2F32.java",
            "blocks/src/main/java/ssm4j/blocks/mamba2/Mamba2F64.java"},
        {"blocks/src/main/java/ssm4j/blocks/rows/BlockMathF32.java",
            "blocks/src/main/java/ssm4j/blocks/rows/BlockMathF64.java"},
        {"blocks/src/main/java/ssm4j/blocks/rows/MixerWeightsF32.java",
            "blocks/src/main/java/ssm4j/blocks/rows/MixerWeightsF64.java"},
        {"kernels/src/main/java/ssm4j/kernels/simd/VectorCauchyF32.java",
            "kernels/src/main/java/ssm4j/kernels/simd/VectorCauchyF64.java"},
        {"kernels/src/main/java/ssm4j/kernels/simd/VectorVandermondeF32.java",
            "kernels/src/main/java/ssm4j/kernels/simd/VectorVandermondeF64.java"},
        {"scan/src/main/java/ssm4j/scan/ref/ScalarDiagScanF32.java",
            "scan/src/main/java/ssm4j/scan/ref/ScalarDiagScanF64.java"},
        {"scan/src/main/java/ssm4j/scan/ref/ScalarSelectiveScanF32.java",
            "scan/src/main/java/ssm4j/scan/ref/ScalarSelectiveScanF64.java"},
        {"native/src/main/java/ssm4j/nativ/fftw/FftwConvF32.java", "native/src/main/java/ssm4j/nativ/fftw/FftwConvF64.java"},
    };

    /** Class names: each template's class becomes its twin's (a twin refers to the other twins, not templates). */
    private static final Map<String, String> CLASSES = new HashMap<>();

    static {
        for (String[] twin : TWINS) {
            CLASSES.put(className(twin[0]), className(twin[1]));
        }
    }

    static final String TOOL = "tools/GenerateTwins.java";
    static final String MARKER = "//@F64 ";

    private static final Map<String, String> WORDS = Map.of("float", "double", "fp32", "fp64", "sgemm", "dgemm",
            "Float", "Double", "tailF", "tailD", "OfFloat", "OfDouble", "JAVA_FLOAT", "JAVA_DOUBLE");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final Pattern FLOAT_LITERAL =
            Pattern.compile("(?<![\\w.])(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?[fF](?!\\w)");
    private static final Pattern SPECIES = Pattern.compile("\\b(Species|VecMath)\\.F\\b");

    private GenerateTwins() {
    }

    public static void main(String[] args) throws IOException {
        boolean check = args.length == 1 && args[0].equals("--check");
        if (args.length > 1 || (args.length == 1 && !check)) {
            System.err.println("usage: java " + TOOL + " [--check]   (from the repository root)");
            System.exit(2);
        }
        List<String> stale = new ArrayList<>();
        for (String[] twin : TWINS) {
            Path template = Path.of(twin[0]);
            Path output = Path.of(twin[1]);
            String text = Files.readString(template, StandardCharsets.UTF_8);
            if (text.contains("GENERATED from")) {
                throw new IllegalStateException(twin[0] + ": a template must not be a generated file");
            }
            String generated = generate(twin[0], text);
            String old = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : null;
            if (!generated.equals(old)) {
                stale.add(twin[1]);
                if (!check) {
                    Files.writeString(output, generated, StandardCharsets.UTF_8);
                }
            }
        }
        if (check && !stale.isEmpty()) {
            System.err.println("stale or hand-edited twins (run: java " + TOOL + "): " + stale);
            System.exit(1);
        }
        System.out.println((check ? "checked " : "generated ") + TWINS.length + " twins"
                + (check ? "" : ", " + stale.size() + " changed"));
    }

    /** The fp64 twin of the fp32 source {@code text} read from {@code template}. */
    static String generate(String template, String text) {
        StringBuilder out = new StringBuilder();
        out.append("// GENERATED from ").append(template).append(" by ").append(TOOL).append(": do not edit\n");
        String pending = null; // fp64 code announced by a "//@F64 ..." line for the line after it
        for (String line : text.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            int m = line.indexOf(MARKER);
            if (line.stripLeading().startsWith(MARKER)) {
                pending = line.stripLeading().substring(MARKER.length()).strip();
            } else if (pending != null) {
                out.append(indent).append(pending).append('\n');
                pending = null;
            } else if (m >= 0) {
                out.append(indent).append(line.substring(m + MARKER.length()).strip()).append('\n');
            } else {
                out.append(translate(line)).append('\n');
            }
        }
        if (pending != null) {
            throw new IllegalStateException(template + ": a //@F64 line must be followed by the line it replaces");
        }
        out.setLength(out.length() - 1); // split(-1) gave one more piece than there were newlines
        return out.toString();
    }

    /** Applies the token rules to one line. */
    static String translate(String line) {
        String s = SPECIES.matcher(line).replaceAll("$1.D");
        s = FLOAT_LITERAL.matcher(s).replaceAll(r -> {
            String digits = r.group(1);
            String exp = r.group(2) == null ? "" : r.group(2);
            boolean integral = !digits.contains(".") && exp.isEmpty();
            return Matcher.quoteReplacement(digits + (integral ? ".0" : "") + exp);
        });
        s = IDENT.matcher(s).replaceAll(r -> Matcher.quoteReplacement(word(r.group())));
        return s;
    }

    private static String className(String path) {
        String file = Path.of(path).getFileName().toString();
        return file.substring(0, file.length() - ".java".length());
    }

    private static String word(String w) {
        String exact = WORDS.get(w);
        if (exact == null) {
            exact = CLASSES.get(w);
        }
        if (exact != null) {
            return exact;
        }
        if (w.startsWith("Float")) {
            return "Double" + w.substring(5);
        }
        if (w.startsWith("floats")) { // floats, and workspace accessors floats2, floats3, ...
            return "doubles" + w.substring(6);
        }
        if (w.endsWith("F32")) {
            return w.substring(0, w.length() - 3) + "F64";
        }
        return w;
    }
}
