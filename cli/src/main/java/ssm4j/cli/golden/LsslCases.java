package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.kernels.lssl.DenseRecurrence;
import ssm4j.kernels.lssl.Discretization;
import ssm4j.kernels.lssl.Krylov;

/**
 * Golden runner for the LSSL family: {@code discretize_dense} (SPEC 1.2), {@code krylov_dense},
 * {@code krylov_matrix} (5.1) and {@code dense_linear_recurrence} (5.2). Outputs that the reference computed by a
 * second code path come from ssm4j's second algorithm: {@code K_sequential} from the power loop (K from
 * doubling), {@code x_parallel} from divide and conquer, {@code dA_bilinear_s4dense} from the Cayley form. The
 * fp32 run goes through the float overloads (cases with {@code *_f32} outputs only).
 */
public final class LsslCases implements CaseRunner {
    private static final Map<String, Double> GBT = Map.of(
            "bilinear", Discretization.BILINEAR,
            "forward_euler", Discretization.FORWARD_EULER,
            "backward_euler", Discretization.BACKWARD_EULER);

    @Override
    public boolean supportsFp32(GoldenCase c) {
        return c.outputNames().stream().anyMatch(o -> o.endsWith("_f32"));
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        boolean f32 = p == Precision.FP32;
        return switch (c.primitive()) {
            case "discretize_dense" -> f32 ? discretizeF32(c) : discretize(c);
            case "krylov_dense" -> f32 ? krylovF32(c) : krylov(c);
            case "krylov_matrix" -> krylovMatrix(c, f32);
            case "dense_linear_recurrence" -> recurrence(c, f32);
            default -> throw new IllegalArgumentException("not an LSSL primitive: " + c.primitive());
        };
    }

    private static Map<String, double[]> discretize(GoldenCase c) throws IOException {
        double[] a = c.input("A").data();
        double[] b = c.input("B").data();
        double[] dt = c.input("dt").data();
        int n = b.length;
        int h = dt.length;
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : GBT.entrySet()) {
            double[] dA = new double[h * n * n];
            double[] dB = new double[h * n];
            Discretization.gbt(n, h, a, 0, b, 0, dt, 0, e.getValue(), dA, 0, dB, 0);
            out.put("dA_" + e.getKey(), dA);
            out.put("dB_" + e.getKey(), dB);
        }
        double[] dA = new double[h * n * n];
        double[] dB = new double[h * n];
        Discretization.bilinearCayley(n, h, a, 0, b, 0, dt, 0, dA, 0, dB, 0);
        out.put("dA_bilinear_s4dense", dA);
        out.put("dB_bilinear_s4dense", dB);
        dA = new double[h * n * n];
        dB = new double[h * n];
        Discretization.zoh(n, h, a, 0, b, 0, dt, 0, dA, 0, dB, 0);
        out.put("dA_zoh", dA);
        out.put("dB_zoh", dB);
        return out;
    }

    private static Map<String, double[]> discretizeF32(GoldenCase c) throws IOException {
        float[] a = c.input("A").toFloats();
        float[] b = c.input("B").toFloats();
        float[] dt = c.input("dt").toFloats();
        int n = b.length;
        int h = dt.length;
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : GBT.entrySet()) {
            float[] dA = new float[h * n * n];
            float[] dB = new float[h * n];
            Discretization.gbt(n, h, a, 0, b, 0, dt, 0, e.getValue(), dA, 0, dB, 0);
            out.put("dA_" + e.getKey(), GoldenArrays.widen(dA));
            out.put("dB_" + e.getKey(), GoldenArrays.widen(dB));
        }
        return out;
    }

    private static Map<String, double[]> krylov(GoldenCase c) throws IOException {
        double[] dA = c.input("dA").data();
        double[] dB = c.input("dB").data();
        double[] cv = c.input("c").data();
        int h = c.input("dB").dim(0);
        int n = c.input("dB").dim(1);
        int l = c.intParam("L");
        double[] k = new double[h * l];
        Krylov.kernelDoubling(h, n, l, dA, 0, dB, 0, cv, 0, k, 0);
        double[] ks = new double[h * l];
        Krylov.kernelPower(h, n, l, dA, 0, dB, 0, cv, 0, ks, 0);
        return Map.of("K", k, "K_sequential", ks);
    }

    private static Map<String, double[]> krylovF32(GoldenCase c) throws IOException {
        float[] dA = c.input("dA").toFloats();
        float[] dB = c.input("dB").toFloats();
        float[] cv = c.input("c").toFloats();
        int h = c.input("dB").dim(0);
        int n = c.input("dB").dim(1);
        int l = c.intParam("L");
        float[] k = new float[h * l];
        Krylov.kernelDoubling(h, n, l, dA, 0, dB, 0, cv, 0, k, 0);
        float[] ks = new float[h * l];
        Krylov.kernelPower(h, n, l, dA, 0, dB, 0, cv, 0, ks, 0);
        return Map.of("K", GoldenArrays.widen(k), "K_sequential", GoldenArrays.widen(ks));
    }

    private static Map<String, double[]> krylovMatrix(GoldenCase c, boolean f32) throws IOException {
        int h = c.input("dB").dim(0);
        int n = c.input("dB").dim(1);
        int l = c.intParam("L");
        if (f32) {
            float[] km = new float[h * n * l];
            Krylov.matrix(h, n, l, c.input("dA").toFloats(), 0, c.input("dB").toFloats(), 0, km, 0);
            return Map.of("KM", GoldenArrays.widen(km));
        }
        double[] km = new double[h * n * l];
        Krylov.matrix(h, n, l, c.input("dA").data(), 0, c.input("dB").data(), 0, km, 0);
        return Map.of("KM", km);
    }

    private static Map<String, double[]> recurrence(GoldenCase c, boolean f32) throws IOException {
        int l = c.input("u").dim(0);
        int batch = c.input("u").dim(1);
        int n = c.input("u").dim(2);
        int size = l * batch * n;
        if (f32) {
            float[] a = c.input("A").toFloats();
            float[] u = c.input("u").toFloats();
            float[] s = c.input("s").toFloats();
            float[] x = new float[size];
            float[] xp = new float[size];
            DenseRecurrence.sequential(n, l, batch, a, 0, u, 0, s, 0, x, 0);
            DenseRecurrence.divideAndConquer(n, l, batch, a, 0, u, 0, s, 0, xp, 0);
            return Map.of("x", GoldenArrays.widen(x), "x_parallel", GoldenArrays.widen(xp));
        }
        double[] a = c.input("A").data();
        double[] u = c.input("u").data();
        double[] s = c.input("s").data();
        double[] x = new double[size];
        double[] xp = new double[size];
        DenseRecurrence.sequential(n, l, batch, a, 0, u, 0, s, 0, x, 0);
        DenseRecurrence.divideAndConquer(n, l, batch, a, 0, u, 0, s, 0, xp, 0);
        return Map.of("x", x, "x_parallel", xp);
    }
}
