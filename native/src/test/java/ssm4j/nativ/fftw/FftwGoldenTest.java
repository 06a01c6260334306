package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.io.Npy;
import ssm4j.api.io.NpyArray;
import ssm4j.nativ.DirectConv;

/**
 * The golden {@code fft_conv} cases (SPEC 6) through the {@code native} backend, fp32 against {@code y_f32}
 * and fp64 against {@code y}, with the manifest's tolerance rule {@code max|got − ref| ≤ atol + rtol·max|ref|}
 * (golden README). The cli's check-golden runs the same cases through its ConvCases runner; this test keeps
 * the module self-checking.
 */
class FftwGoldenTest {

    static List<String> cases() throws IOException {
        Path dir = goldenDir();
        if (dir == null) {
            return List.of("(no golden directory)");
        }
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        List<String> out = new ArrayList<>();
        for (var e : m.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("primitive").getAsString().equals("fft_conv")) {
                out.add(c.get("name").getAsString());
            }
        }
        return out;
    }

    static Path goldenDir() {
        String p = System.getProperty("ssm4j.golden");
        if (p == null || !Files.isRegularFile(Path.of(p, "manifest.json"))) {
            return null;
        }
        return Path.of(p);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void goldenCase(String name) throws IOException {
        Path dir = goldenDir();
        assumeTrue(dir != null, "golden directory not found (-Dssm4j.golden)");
        SsmKernel kernel = FftwConvOpsTest.nativeBackend(2);
        JsonObject c = null;
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        for (var e : m.getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                c = e.getAsJsonObject();
            }
        }
        JsonObject params = c.getAsJsonObject("params");
        NpyArray x = read(dir, c, "inputs", "x");
        NpyArray k = read(dir, c, "inputs", "k");
        NpyArray d = read(dir, c, "inputs", "D");
        int channels = params.get("channels").getAsInt();
        boolean bidir = params.get("bidirectional").getAsBoolean();
        ConvShape s = new ConvShape(x.dim(0), x.dim(1), x.dim(2), channels, k.dim(2), bidir);

        float[] y32 = new float[s.batch() * channels * s.h() * s.length()];
        kernel.fftConv(s, x.toFloats(), k.toFloats(), d.toFloats(), y32);
        check(name + " fp32", widen(y32), read(dir, c, "outputs", "y_f32").data(), tol(c, "y_f32"));

        double[] y64 = new double[y32.length];
        kernel.fftConv(s, x.data(), k.data(), d.data(), y64);
        check(name + " fp64", y64, read(dir, c, "outputs", "y").data(), tol(c, "y"));
        check(name + " fp64 vs y_f32", y64, read(dir, c, "outputs", "y_f32").data(), tol(c, "y_f32"));
    }

    private static double[] tol(JsonObject c, String out) {
        JsonObject t = c.getAsJsonObject("tolerance").getAsJsonObject(out);
        return new double[] {t.get("atol").getAsDouble(), t.get("rtol").getAsDouble()};
    }

    private static void check(String what, double[] got, double[] ref, double[] atolRtol) {
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < ref.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
            maxErr = Math.max(maxErr, Math.abs(got[i] - ref[i]));
        }
        double bound = atolRtol[0] + atolRtol[1] * maxRef;
        System.out.printf("golden %s: max err %.3e, bound %.3e%n", what, maxErr, bound);
        if (!(maxErr <= bound)) {
            throw new AssertionError(what + ": max|got-ref| = " + maxErr + " > " + bound);
        }
    }

    private static NpyArray read(Path dir, JsonObject c, String group, String key) throws IOException {
        return Npy.read(dir.resolve(c.getAsJsonObject(group).getAsJsonObject(key).get("file").getAsString()));
    }

    private static double[] widen(float[] a) {
        return DirectConv.widen(a);
    }
}
