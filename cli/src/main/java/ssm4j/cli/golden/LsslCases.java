package ssm4j.cli.golden;

import java.io.IOException;
import java.lang.reflect.Array;
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
public final class LsslCases extends F32OutputsRunner {
    private static final Map<String, Double> GBT = Map.of(
            "bilinear", Discretization.BILINEAR,
            "forward_euler", Discretization.FORWARD_EULER,
            "backward_euler", Discretization.BACKWARD_EULER);

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        boolean f32 = p == Precision.FP32;
        return switch (c.primitive()) {
            case "discretize_dense" -> discretize(c, f32);
            case "krylov_dense" -> krylov(c, f32);
            case "krylov_matrix" -> krylovMatrix(c, f32);
            case "dense_linear_recurrence" -> recurrence(c, f32);
            default -> throw new IllegalArgumentException("not an LSSL primitive: " + c.primitive());
        };
    }

    /**
     * The GBT family in the run's precision (one code path: arrays are float[] or double[], only the kernel
     * calls are typed); the Cayley and ZOH forms have fp64 references only.
     */
    private static Map<String, double[]> discretize(GoldenCase c, boolean f32) throws IOException {
        Object a = GoldenArrays.input(c, "A", f32);
        Object b = GoldenArrays.input(c, "B", f32);
        Object dt = GoldenArrays.input(c, "dt", f32);
        int n = Array.getLength(b);
        int h = Array.getLength(dt);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : GBT.entrySet()) {
            Object dA = GoldenArrays.array(f32, h * n * n);
            Object dB = GoldenArrays.array(f32, h * n);
            if (f32) {
                Discretization.gbt(n, h, (float[]) a, 0, (float[]) b, 0, (float[]) dt, 0, e.getValue(),
                        (float[]) dA, 0, (float[]) dB, 0);
            } else {
                Discretization.gbt(n, h, (double[]) a, 0, (double[]) b, 0, (double[]) dt, 0, e.getValue(),
                        (double[]) dA, 0, (double[]) dB, 0);
            }
            out.put("dA_" + e.getKey(), GoldenArrays.widen(dA));
            out.put("dB_" + e.getKey(), GoldenArrays.widen(dB));
        }
        if (!f32) {
            double[] dA = new double[h * n * n];
            double[] dB = new double[h * n];
            Discretization.bilinearCayley(n, h, (double[]) a, 0, (double[]) b, 0, (double[]) dt, 0, dA, 0, dB, 0);
            out.put("dA_bilinear_s4dense", dA);
            out.put("dB_bilinear_s4dense", dB);
            dA = new double[h * n * n];
            dB = new double[h * n];
            Discretization.zoh(n, h, (double[]) a, 0, (double[]) b, 0, (double[]) dt, 0, dA, 0, dB, 0);
            out.put("dA_zoh", dA);
            out.put("dB_zoh", dB);
        }
        return out;
    }

    /** K by doubling and by the power loop, in the run's precision (one code path, typed calls). */
    private static Map<String, double[]> krylov(GoldenCase c, boolean f32) throws IOException {
        Object dA = GoldenArrays.input(c, "dA", f32);
        Object dB = GoldenArrays.input(c, "dB", f32);
        Object cv = GoldenArrays.input(c, "c", f32);
        int h = c.input("dB").dim(0);
        int n = c.input("dB").dim(1);
        int l = c.intParam("L");
        Object k = GoldenArrays.array(f32, h * l);
        Object ks = GoldenArrays.array(f32, h * l);
        if (f32) {
            Krylov.kernelDoubling(h, n, l, (float[]) dA, 0, (float[]) dB, 0, (float[]) cv, 0, (float[]) k, 0);
            Krylov.kernelPower(h, n, l, (float[]) dA, 0, (float[]) dB, 0, (float[]) cv, 0, (float[]) ks, 0);
        } else {
            Krylov.kernelDoubling(h, n, l, (double[]) dA, 0, (double[]) dB, 0, (double[]) cv, 0, (double[]) k, 0);
            Krylov.kernelPower(h, n, l, (double[]) dA, 0, (double[]) dB, 0, (double[]) cv, 0, (double[]) ks, 0);
        }
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

    /** Sequential and divide-and-conquer recurrences in the run's precision (one code path, typed calls). */
    private static Map<String, double[]> recurrence(GoldenCase c, boolean f32) throws IOException {
        int l = c.input("u").dim(0);
        int batch = c.input("u").dim(1);
        int n = c.input("u").dim(2);
        Object a = GoldenArrays.input(c, "A", f32);
        Object u = GoldenArrays.input(c, "u", f32);
        Object s = GoldenArrays.input(c, "s", f32);
        Object x = GoldenArrays.array(f32, l * batch * n);
        Object xp = GoldenArrays.array(f32, l * batch * n);
        if (f32) {
            DenseRecurrence.sequential(n, l, batch, (float[]) a, 0, (float[]) u, 0, (float[]) s, 0, (float[]) x, 0);
            DenseRecurrence.divideAndConquer(n, l, batch, (float[]) a, 0, (float[]) u, 0, (float[]) s, 0,
                    (float[]) xp, 0);
        } else {
            DenseRecurrence.sequential(n, l, batch, (double[]) a, 0, (double[]) u, 0, (double[]) s, 0, (double[]) x,
                    0);
            DenseRecurrence.divideAndConquer(n, l, batch, (double[]) a, 0, (double[]) u, 0, (double[]) s, 0,
                    (double[]) xp, 0);
        }
        return Map.of("x", GoldenArrays.widen(x), "x_parallel", GoldenArrays.widen(xp));
    }
}
