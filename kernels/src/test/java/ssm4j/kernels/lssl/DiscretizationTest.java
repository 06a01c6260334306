package ssm4j.kernels.lssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.kernels.hippo.Hippo;
import ssm4j.kernels.hippo.HippoMeasure;

/** Dense discretisation (1.2a, 1.2b): GBT α = 0, 1, ½ by their defining identities, ZOH vs RK4, bad input. */
class DiscretizationTest {
    private static final double[] DT = {0.001, 0.03, 0.5};

    /**
     * α = 0 is {@code I + ΔA}, ΔB exactly (a solve with I changes nothing); α = 1 and ½ are checked through the
     * residual of their defining equation {@code (I − αΔA)Ā = I + (1−α)ΔA}, {@code (I − αΔA)B̄ = ΔB}, which a
     * backward-stable LU meets to ~n·ε·‖I − αΔA‖·‖Ā‖ (we allow 16·n·ε·(1 + Δ‖A‖)·(1 + max|Ā|)). The Cayley form
     * must agree with α = ½ to the same order times the condition of I − ΔA/2 (bounded here by 1 + Δ‖A‖).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 17, 33})
    void gbtDefiningIdentities(int n) {
        Random r = new Random(n);
        double[] a = Hippo.transitionA(HippoMeasure.LEGS, n);
        double[] b = Rand.gaussian(r, n);
        int h = DT.length;
        double normA = Rand.normInf(a, n);
        for (double alpha : new double[] {0.0, 0.5, 1.0}) {
            int off = 5;
            double[] dA = KrylovTest.guarded(h * n * n, off);
            double[] dB = KrylovTest.guarded(h * n, off);
            Discretization.gbt(n, h, a, 0, b, 0, DT, 0, alpha, dA, off, dB, off);
            KrylovTest.assertGuards(dA, off, h * n * n);
            KrylovTest.assertGuards(dB, off, h * n);
            for (int c = 0; c < h; c++) {
                double d = DT[c];
                double maxBar = 0;
                for (int i = 0; i < n * n; i++) {
                    maxBar = Math.max(maxBar, Math.abs(dA[off + c * n * n + i]));
                }
                double tol = 16 * n * 0x1p-52 * (1 + d * normA) * (1 + maxBar) * (1 + Rand.maxAbs(b));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double lhs = 0;     // ((I − αΔA) Ā)[i,j]
                        for (int k = 0; k < n; k++) {
                            double m = (i == k ? 1 : 0) - alpha * d * a[i * n + k];
                            lhs += m * dA[off + c * n * n + k * n + j];
                        }
                        double rhs = (i == j ? 1 : 0) + (1 - alpha) * d * a[i * n + j];
                        assertEquals(rhs, lhs, tol, "alpha=" + alpha + " dt=" + d + " A " + i + "," + j);
                    }
                    double lhs = 0;
                    for (int k = 0; k < n; k++) {
                        lhs += ((i == k ? 1 : 0) - alpha * d * a[i * n + k]) * dB[off + c * n + k];
                    }
                    assertEquals(d * b[i], lhs, tol, "alpha=" + alpha + " B " + i);
                }
                if (alpha == 0.0) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals((i == j ? 1 : 0) + d * a[i * n + j], dA[off + c * n * n + i * n + j], 0.0);
                        }
                        assertEquals(d * b[i], dB[off + c * n + i], 0.0);
                    }
                }
            }
            if (alpha == 0.5) {
                double[] cA = new double[h * n * n];
                double[] cB = new double[h * n];
                Discretization.bilinearCayley(n, h, a, 0, b, 0, DT, 0, cA, 0, cB, 0);
                double tol = 64 * n * 0x1p-52 * (1 + DT[h - 1] * normA) * (1 + DT[h - 1] * normA)
                        * (1 + Rand.maxAbs(b));
                for (int i = 0; i < cA.length; i++) {
                    assertEquals(dA[off + i], cA[i], tol, "Cayley A " + i);
                }
                for (int i = 0; i < cB.length; i++) {
                    assertEquals(dB[off + i], cB[i], tol, "Cayley B " + i);
                }
            }
        }
    }

    /**
     * Float GBT vs double GBT: float rounds A, B, dt (relative 2^-24 each) and its LU adds ~n·ε₃₂·cond; with
     * Δ‖A‖ ≤ 0.5·‖A‖ the condition of I − αΔA is ≤ 1 + Δ‖A‖. We allow 16·n·ε₃₂·(1 + Δ‖A‖)²·max(1, |B̄|).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 17})
    void floatPathAgreesWithDouble(int n) {
        double[] a = Hippo.transitionA(HippoMeasure.LEGT, n);
        double[] b = Hippo.transitionB(HippoMeasure.LEGT, n);
        double[] dt = {0.003, 0.05};
        double normA = Rand.normInf(a, n);
        for (double alpha : new double[] {0.0, 0.5, 1.0}) {
            double[] dA = new double[2 * n * n];
            double[] dB = new double[2 * n];
            Discretization.gbt(n, 2, a, 0, b, 0, dt, 0, alpha, dA, 0, dB, 0);
            float[] fA = new float[2 * n * n];
            float[] fB = new float[2 * n];
            Discretization.gbt(n, 2, Rand.toFloats(a), 0, Rand.toFloats(b), 0, Rand.toFloats(dt), 0, alpha,
                    fA, 0, fB, 0);
            double g = (1 + 0.05 * normA);
            double tol = 16 * n * 0x1p-23 * g * g * Math.max(1, Rand.maxAbs(dB));
            for (int i = 0; i < dA.length; i++) {
                assertEquals(dA[i], fA[i], tol, "alpha=" + alpha + " A " + i);
            }
            for (int i = 0; i < dB.length; i++) {
                assertEquals(dB[i], fB[i], tol, "alpha=" + alpha + " B " + i);
            }
        }
    }

    /**
     * ZOH against an independent solution of the ODE: classical RK4 with 2000 steps over [0, Δ] for
     * {@code x' = A x} from each {@code e_j} (columns of Ā) and {@code x' = A x + B} from 0 (B̄). RK4's global
     * error is ~ (Δ‖A‖/2000)⁴·Δ‖A‖·e^{Δ‖A‖}, below 1e-10 for Δ‖A‖ ≤ 10.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 16})
    void zohMatchesFineOdeSolution(int n) {
        double[] a = Hippo.transitionA(HippoMeasure.LEGS, n);
        double[] b = Hippo.transitionB(HippoMeasure.LEGS, n);
        double[] dt = {0.01, 0.2};
        double[] dA = new double[2 * n * n];
        double[] dB = new double[2 * n];
        Discretization.zoh(n, 2, a, 0, b, 0, dt, 0, dA, 0, dB, 0);
        for (int c = 0; c < 2; c++) {
            for (int j = 0; j <= n; j++) {
                double[] x = new double[n];
                double[] u = new double[n];
                if (j < n) {
                    x[j] = 1;
                } else {
                    u = b;
                }
                x = rk4(n, a, u, x, dt[c], 2000);
                for (int i = 0; i < n; i++) {
                    double got = j < n ? dA[c * n * n + i * n + j] : dB[c * n + i];
                    assertEquals(x[i], got, 1e-10, "dt=" + dt[c] + " column " + j + " row " + i);
                }
            }
        }
    }

    /** Singular A: A = [[0, 1], [0, 0]] gives Ā = [[1, Δ], [0, 1]], B̄ = [[Δ, Δ²/2], [0, Δ]]·B exactly. */
    @Test
    void zohOfNilpotentMatrix() {
        double d = 0.7;
        double[] dA = new double[4];
        double[] dB = new double[2];
        Discretization.zoh(2, 1, new double[] {0, 1, 0, 0}, 0, new double[] {2, 3}, 0, new double[] {d}, 0,
                dA, 0, dB, 0);
        double[] e = {1, d, 0, 1};
        for (int i = 0; i < 4; i++) {
            assertEquals(e[i], dA[i], 1e-15);
        }
        assertEquals(d * 2 + d * d / 2 * 3, dB[0], 1e-15);
        assertEquals(d * 3, dB[1], 1e-15);
    }

    /** Dense ZOH and bilinear of a diagonal matrix equal the entrywise forms (1.2c) of the diagonal helper. */
    @Test
    void denseOfDiagonalEqualsDiagonalHelper() {
        int n = 4;
        double[] diag = {-0.5, -3, -0.01, -20};
        double[] a = new double[n * n];
        double[] ac = new double[2 * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = diag[i];
            ac[2 * i] = diag[i];
        }
        double[] b = {1, -2, 0.5, 3};
        double[] bc = {1, 0, -2, 0, 0.5, 0, 3, 0};
        double[] dt = {0.1};
        double[] dA = new double[n * n];
        double[] dB = new double[n];
        double[] zA = new double[2 * n];
        double[] zB = new double[2 * n];
        Discretization.zoh(n, 1, a, 0, b, 0, dt, 0, dA, 0, dB, 0);
        DiagonalDiscretization.zoh(1, n, dt, 0, ac, 0, bc, 0, zA, 0, zB, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(zA[2 * i], dA[i * n + i], 1e-14);
            assertEquals(zB[2 * i], dB[i], 1e-14);
        }
        Discretization.gbt(n, 1, a, 0, b, 0, dt, 0, Discretization.BILINEAR, dA, 0, dB, 0);
        DiagonalDiscretization.bilinear(1, n, dt, 0, ac, 0, bc, 0, zA, 0, zB, 0);
        for (int i = 0; i < n; i++) {
            assertEquals(zA[2 * i], dA[i * n + i], 1e-15);
            assertEquals(zB[2 * i], dB[i], 1e-15);
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        double[] a = {-1, 0, 0, -1};
        double[] b = {1, 1};
        double[] dA = new double[4];
        double[] dB = new double[2];
        KrylovTest.expect("dt", () -> Discretization.gbt(2, 1, a, 0, b, 0, new double[] {0}, 0, 0.5, dA, 0, dB, 0));
        KrylovTest.expect("dt", () -> Discretization.zoh(2, 1, a, 0, b, 0, new double[] {Double.NaN}, 0, dA, 0, dB,
                0));
        KrylovTest.expect("dt", () -> Discretization.gbt(2, 1, Rand.toFloats(a), 0, Rand.toFloats(b), 0,
                new float[] {-1f}, 0, 0.5, new float[4], 0, new float[2], 0));
        KrylovTest.expect("alpha", () -> Discretization.gbt(2, 1, a, 0, b, 0, new double[] {1}, 0, 1.5, dA, 0, dB,
                0));
        KrylovTest.expect("n", () -> Discretization.zoh(0, 1, a, 0, b, 0, new double[] {1}, 0, dA, 0, dB, 0));
        KrylovTest.expect("dA", () -> Discretization.gbt(2, 2, a, 0, b, 0, new double[] {1, 1}, 0, 0.5, dA, 0,
                new double[4], 0));
        KrylovTest.expect("a", () -> Discretization.zoh(2, 1, new double[] {Double.NaN, 0, 0, 1}, 0, b, 0,
                new double[] {1}, 0, dA, 0, dB, 0));
        // I − ΔA singular for A = I, Δ = 1, α = 1
        KrylovTest.expect("dt", () -> Discretization.gbt(2, 1, new double[] {1, 0, 0, 1}, 0, b, 0,
                new double[] {1}, 0, 1.0, dA, 0, dB, 0));
    }

    private static double[] rk4(int n, double[] a, double[] u, double[] x0, double t, int steps) {
        double h = t / steps;
        double[] x = x0.clone();
        for (int s = 0; s < steps; s++) {
            double[] k1 = f(n, a, u, x);
            double[] k2 = f(n, a, u, axpy(x, k1, h / 2));
            double[] k3 = f(n, a, u, axpy(x, k2, h / 2));
            double[] k4 = f(n, a, u, axpy(x, k3, h));
            for (int i = 0; i < n; i++) {
                x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return x;
    }

    private static double[] f(int n, double[] a, double[] u, double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = u[i];
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    private static double[] axpy(double[] x, double[] k, double h) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += h * k[i];
        }
        return y;
    }
}
