package ssm4j.blocks.s4d;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ssm4j.blocks.Golden.maxAbs;
import static ssm4j.blocks.Golden.maxDiff;
import static ssm4j.blocks.Golden.wide;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;
import ssm4j.blocks.math.Erf;

/** S4D layer against the golden cases and against a direct time-domain evaluation of SPEC 11.1. */
class S4dLayerTest {

    @ParameterizedTest
    @ValueSource(strings = {"s4d_layer_H8_N16_L64_B2", "s4d_layer_H16_N64_L300_B1"})
    void matchesGolden(String name) throws IOException {
        assumeTrue(Golden.dir() != null, "golden folder not found (-Dssm4j.golden)");
        Map<String, Tensor> in = Golden.inputs(name);
        Tensor u = in.remove("u");
        S4dLayer layer = new S4dLayer(in);
        int l = u.dim(2);
        for (SsmKernel k : TestBackends.with("kernels", "conv")) {
            double[] y64 = layer.forward(k, u).doubles();
            assertTrue(maxDiff(y64, Golden.output(name, "y")) <= Golden.allowed(name, "y"), k.describe() + " y");
            double[] y32 = wide(layer.forward(k, u.asF32()).floats());
            assertTrue(maxDiff(y32, Golden.output(name, "y_f32")) <= Golden.allowed(name, "y_f32"),
                    k.describe() + " y_f32 " + maxDiff(y32, Golden.output(name, "y_f32")));
            double[] kk = new double[layer.h() * l];
            layer.kernel(k, l, kk);
            assertTrue(maxDiff(kk, Golden.output(name, "K")) <= Golden.allowed(name, "K"), k.describe() + " K");
        }
    }

    static Map<String, Tensor> randomWeights(int h, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("D", Tensor.wrap(normals(r, h), h));
        m.put("kernel.C", Tensor.wrap(normals(r, h * n * 2), h, n, 2));
        double[] logDt = new double[h];
        for (int i = 0; i < h; i++) {
            logDt[i] = Math.log(1e-3) + r.nextDouble() * (Math.log(0.1) - Math.log(1e-3));
        }
        m.put("kernel.log_dt", Tensor.wrap(logDt, h));
        double[] lar = new double[h * n];
        double[] aim = new double[h * n];
        for (int i = 0; i < h * n; i++) {
            lar[i] = Math.log(0.5) + 0.1 * r.nextDouble();
            aim[i] = Math.PI * (i % n);
        }
        m.put("kernel.log_A_real", Tensor.wrap(lar, h, n));
        m.put("kernel.A_imag", Tensor.wrap(aim, h, n));
        double[] w = normals(r, 2 * h * h);
        for (int i = 0; i < w.length; i++) {
            w[i] /= Math.sqrt(h);
        }
        m.put("output_linear.0.weight", Tensor.wrap(w, 2 * h, h, 1));
        m.put("output_linear.0.bias", Tensor.wrap(normals(r, 2 * h), 2 * h));
        return m;
    }

    private static double[] normals(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return a;
    }

    /**
     * SPEC 11.1 evaluated directly in double: K by the (4.3) sum with complex arithmetic written out, a direct
     * causal convolution, GELU from the slow erf path, the 1×1 conv as a plain loop, GLU.
     */
    private static double[] direct(Map<String, Tensor> w, double[] u, int b, int h, int n, int l) {
        double[] k = new double[h * l];
        for (int i = 0; i < h; i++) {
            double dt = Math.exp(w.get("kernel.log_dt").get(i));
            for (int j = 0; j < n; j++) {
                double ar = -Math.exp(w.get("kernel.log_A_real").get(i * n + j));
                double ai = w.get("kernel.A_imag").get(i * n + j);
                double cr = w.get("kernel.C").get(2 * (i * n + j));
                double ci = w.get("kernel.C").get(2 * (i * n + j) + 1);
                // (e^{dtA} − 1)/A
                double er = Math.exp(dt * ar) * Math.cos(dt * ai) - 1;
                double ei = Math.exp(dt * ar) * Math.sin(dt * ai);
                double den = ar * ar + ai * ai;
                double qr = (er * ar + ei * ai) / den;
                double qi = (ei * ar - er * ai) / den;
                double vr = cr * qr - ci * qi;
                double vi = cr * qi + ci * qr;
                for (int t = 0; t < l; t++) {
                    double mag = Math.exp(dt * ar * t);
                    double ph = dt * ai * t;
                    k[i * l + t] += 2 * (vr * mag * Math.cos(ph) - vi * mag * Math.sin(ph));
                }
            }
        }
        double[] y = new double[b * h * l];
        double[] g = new double[h * l];
        for (int bi = 0; bi < b; bi++) {
            for (int i = 0; i < h; i++) {
                for (int t = 0; t < l; t++) {
                    double s = w.get("D").get(i) * u[(bi * h + i) * l + t];
                    for (int j = 0; j <= t; j++) {
                        s += k[i * l + j] * u[(bi * h + i) * l + t - j];
                    }
                    g[i * l + t] = 0.5 * s * (1 + Erf.erfExact(s / Math.sqrt(2)));
                }
            }
            for (int o = 0; o < h; o++) {
                for (int t = 0; t < l; t++) {
                    double za = w.get("output_linear.0.bias").get(o);
                    double zg = w.get("output_linear.0.bias").get(h + o);
                    for (int i = 0; i < h; i++) {
                        za += w.get("output_linear.0.weight").get(o * h + i) * g[i * l + t];
                        zg += w.get("output_linear.0.weight").get((h + o) * h + i) * g[i * l + t];
                    }
                    y[(bi * h + o) * l + t] = za / (1 + Math.exp(-zg));
                }
            }
        }
        return y;
    }

    @Test
    void matchesDirectEvaluationOnAwkwardSizes() {
        for (int[] hn : new int[][] {{1, 1}, {3, 2}, {3, 7}}) {
            for (int l : new int[] {1, 2, 3, 15, 17, 64, 65}) {
                int h = hn[0];
                int n = hn[1];
                int b = 2;
                Map<String, Tensor> w = randomWeights(h, n, 31L * l + h);
                double[] u = normals(new SplittableRandom(l), b * h * l);
                double[] ref = direct(w, u, b, h, n, l);
                S4dLayer layer = new S4dLayer(w);
                for (SsmKernel k : TestBackends.with("kernels", "conv")) {
                    double[] y = new double[b * h * l];
                    layer.forward(k, b, l, u, y);
                    // fp64: a few ulp per term: N' kernel terms, l convolution terms, H in the 1×1 conv
                    double tol64 = 8 * 0x1p-53 * (n + l + h + 16);
                    String at = k.describe() + " H=" + h + " N'=" + n + " L=" + l;
                    assertTrue(maxDiff(y, ref) <= tol64 * maxAbs(ref), at + " fp64 " + maxDiff(y, ref));
                    float[] uf = new float[u.length];
                    for (int i = 0; i < u.length; i++) {
                        uf[i] = (float) u[i];
                    }
                    float[] yf = new float[b * h * l];
                    layer.forward(k, b, l, uf, yf);
                    // fp32: the same count at ε = 2^−24, plus the rounding of u itself (one ulp per term)
                    double tol32 = 8 * 0x1p-24 * (n + 2 * l + h + 16);
                    assertTrue(maxDiff(wide(yf), ref) <= tol32 * maxAbs(ref), at + " fp32 " + maxDiff(wide(yf), ref));
                }
            }
        }
    }

    @Test
    void rejectsBadWeightsAndInputs() {
        Map<String, Tensor> w = randomWeights(3, 2, 1);
        w.remove("kernel.log_dt");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new S4dLayer(w)).getMessage()
                .startsWith("kernel.log_dt: missing"));
        Map<String, Tensor> w2 = randomWeights(3, 2, 1);
        w2.put("output_linear.0.weight", Tensor.wrap(new double[18], 6, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new S4dLayer(w2)).getMessage()
                .startsWith("output_linear.0.weight: must have shape"));
        S4dLayer layer = new S4dLayer(randomWeights(3, 2, 1));
        SsmKernel k = Backends.byName("scalar", 1);
        double[] u = new double[3 * 5];
        u[4] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.forward(k, 1, 5, u, new double[15]))
                .getMessage().startsWith("u: must be finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> layer.forward(k, 1, 5, new double[15], new double[14])).getMessage().startsWith("y:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> layer.forward(k, Tensor.wrap(new double[8], 1, 2, 4))).getMessage().startsWith("u:"));
    }
}
