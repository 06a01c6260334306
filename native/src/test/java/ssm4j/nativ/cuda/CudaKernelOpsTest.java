package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ssm4j.api.Parallel;
import ssm4j.api.spi.VandermondeOps.Form;
import ssm4j.kernels.ref.ScalarKernelOps;

/**
 * cuBLAS Vandermonde (4.1a) against the formula summed in double, all three forms, both precisions; skipped
 * without a GPU. Poles with Re x in [−0.5, −1e-4], Im x in [−3, 3] (a decaying S4D-like kernel). Tolerance: each
 * entry of V is a product of at most ⌈log2 L⌉ + 1 correctly rounded factors (relative (log2 L + 2)·eps), the
 * n-sum adds N·eps relative to Σ|v q^l| ≤ Σ|v|; so |err| ≤ (log2 L + N + 2)·eps·Σ_n|v[h,n]|, times 2 with 2·Re.
 */
class CudaKernelOpsTest {

    @ParameterizedTest
    @CsvSource({"1,1,1", "1,2,2", "3,7,3", "3,16,17", "1,33,65", "3,17,1000", "2,32,4097"})
    void vandermondeMatchesFormula(int h, int n, int l) {
        CudaTestSupport.requireDevice();
        SplittableRandom r = new SplittableRandom(h * 1000003L + n * 101L + l);
        double[] v = new double[2 * h * n];
        double[] x = new double[2 * h * n];
        for (int i = 0; i < h * n; i++) {
            v[2 * i] = (float) (r.nextDouble() * 2 - 1);
            v[2 * i + 1] = (float) (r.nextDouble() * 2 - 1);
            x[2 * i] = (float) -(1e-4 + 0.5 * r.nextDouble());
            x[2 * i + 1] = (float) (6 * r.nextDouble() - 3);
        }
        double[] q = new double[2 * h * n];
        for (int i = 0; i < h * n; i++) {
            double e = Math.exp(x[2 * i]);
            q[2 * i] = e * Math.cos(x[2 * i + 1]);
            q[2 * i + 1] = e * Math.sin(x[2 * i + 1]);
        }
        double[] refC = new double[2 * h * l];
        double[] vAbs = new double[h];
        for (int hh = 0; hh < h; hh++) {
            for (int j = 0; j < n; j++) {
                int i = hh * n + j;
                vAbs[hh] += Math.hypot(v[2 * i], v[2 * i + 1]);
                for (int t = 0; t < l; t++) {
                    double e = Math.exp(x[2 * i] * t);
                    double cr = e * Math.cos(x[2 * i + 1] * t);
                    double ci = e * Math.sin(x[2 * i + 1] * t);
                    refC[2 * (hh * l + t)] += v[2 * i] * cr - v[2 * i + 1] * ci;
                    refC[2 * (hh * l + t) + 1] += v[2 * i] * ci + v[2 * i + 1] * cr;
                }
            }
        }
        double levels = Math.ceil(Math.log(Math.max(l, 1)) / Math.log(2)) + n + 2;
        try (CudaKernelOps ops = new CudaKernelOps(Parallel.of(1), new ScalarKernelOps(Parallel.of(1)))) {
            double[] k64 = new double[h * l + 1];
            k64[h * l] = Double.NaN;
            ops.vandermondeK(Form.TWO_RE, h, n, l, v, 0, x, 0, k64, 0);
            float[] k32 = new float[h * l];
            ops.vandermondeK(Form.TWO_RE, h, n, l, CudaConvOpsTest.f(v), 0, CudaConvOpsTest.f(x), 0, k32, 0);
            double[] c64 = new double[2 * h * l];
            ops.vandermondeK(Form.COMPLEX, h, n, l, v, 0, x, 0, c64, 0);
            double[] p64 = new double[2 * h * l];
            ops.vandermondeK(Form.POWERS, h, n, l, v, 0, q, 0, p64, 0);
            float[] p32 = new float[2 * h * l];
            ops.vandermondeK(Form.POWERS, h, n, l, CudaConvOpsTest.f(v), 0, CudaConvOpsTest.f(q), 0, p32, 0);
            for (int hh = 0; hh < h; hh++) {
                double t64 = levels * Math.ulp(1.0) * vAbs[hh];
                double t32 = levels * Math.ulp(1.0f) * vAbs[hh];
                // powers form in fp32 also carries the rounding of q to float: |Δq^l| ≤ l·eps32·|q|^(l−1)
                double tp32 = t32 + l * Math.ulp(1.0f) * vAbs[hh];
                for (int t = 0; t < l; t++) {
                    int i = hh * l + t;
                    check(k64[i], 2 * refC[2 * i], 2 * t64, "k fp64", h, n, l, i);
                    check(k32[i], 2 * refC[2 * i], 2 * t32, "k fp32", h, n, l, i);
                    check(c64[2 * i], refC[2 * i], t64, "complex re", h, n, l, i);
                    check(c64[2 * i + 1], refC[2 * i + 1], t64, "complex im", h, n, l, i);
                    check(p64[2 * i], refC[2 * i], t64 + l * 4 * Math.ulp(1.0) * vAbs[hh], "powers fp64", h, n, l, i);
                    check(p32[2 * i + 1], refC[2 * i + 1], tp32, "powers fp32 im", h, n, l, i);
                }
            }
            assertTrue(Double.isNaN(k64[h * l]), "guard cell overwritten");
        }
    }

    private static void check(double got, double ref, double tol, String what, int h, int n, int l, int i) {
        assertTrue(Math.abs(got - ref) <= tol, what + " H=" + h + " N=" + n + " L=" + l + " i=" + i + ": " + got
                + " vs " + ref + " (tol " + tol + ")");
    }
}
