package ssm4j.kernels.lssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Diagonal discretisation (1.2c): independent formulas, the small-step limit, aliasing, float path, bad input. */
class DiagonalDiscretizationTest {
    /**
     * ZOH against the textbook formula evaluated naively for moderate Δa (no cancellation there) and against
     * the Taylor series Δ(1 + z/2 + z²/6 + z³/24) for tiny z = Δa, where the naive form would lose digits.
     */
    @Test
    void zohMatchesIndependentFormulas() {
        double[] a = {-0.5, -3.0, -0.5, 10.0, -1e-4, -1e-4, -2.0, 0.0};   // 4 complex entries (re, im)
        double[] b = {1, 0, 0.5, -1, 2, 0.25, -1, 1};
        double[] dt = {0.2};
        double[] dA = new double[8];
        double[] dB = new double[8];
        DiagonalDiscretization.zoh(1, 4, dt, 0, a, 0, b, 0, dA, 0, dB, 0);
        for (int k = 0; k < 4; k++) {
            double ar = a[2 * k];
            double ai = a[2 * k + 1];
            double er = Math.exp(dt[0] * ar) * Math.cos(dt[0] * ai);
            double ei = Math.exp(dt[0] * ar) * Math.sin(dt[0] * ai);
            assertEquals(er, dA[2 * k], 1e-15);
            assertEquals(ei, dA[2 * k + 1], 1e-15);
            if (Math.hypot(dt[0] * ar, dt[0] * ai) > 0.1) {
                double m2 = ar * ar + ai * ai;   // (e − 1)/a · B
                double fr = ((er - 1) * ar + ei * ai) / m2;
                double fi = (ei * ar - (er - 1) * ai) / m2;
                assertEquals(b[2 * k] * fr - b[2 * k + 1] * fi, dB[2 * k], 1e-14);
                assertEquals(b[2 * k] * fi + b[2 * k + 1] * fr, dB[2 * k + 1], 1e-14);
            } else {
                double zr = dt[0] * ar;
                double zi = dt[0] * ai;
                // Δ·(1 + z/2 + z²/6 + z³/24): truncation |z|⁴/120 ≈ 1e-20 here
                double z2r = zr * zr - zi * zi;
                double z2i = 2 * zr * zi;
                double z3r = z2r * zr - z2i * zi;
                double z3i = z2r * zi + z2i * zr;
                double fr = dt[0] * (1 + zr / 2 + z2r / 6 + z3r / 24);
                double fi = dt[0] * (zi / 2 + z2i / 6 + z3i / 24);
                // a few ulp of |B̄| ≈ Δ·|B| (complex result: each component measured against the modulus)
                double tol = 8 * 0x1p-52 * dt[0] * Math.hypot(b[2 * k], b[2 * k + 1]);
                assertEquals(b[2 * k] * fr - b[2 * k + 1] * fi, dB[2 * k], tol);
                assertEquals(b[2 * k] * fi + b[2 * k + 1] * fr, dB[2 * k + 1], tol);
            }
        }
    }

    @Test
    void zeroEigenvalueUsesTheLimit() {
        double[] dA = new double[2];
        double[] dB = new double[2];
        DiagonalDiscretization.zoh(1, 1, new double[] {0.3}, 0, new double[] {0, 0}, 0, new double[] {2, 1}, 0,
                dA, 0, dB, 0);
        assertEquals(1.0, dA[0], 0.0);
        assertEquals(0.6, dB[0], 1e-16);
        assertEquals(0.3, dB[1], 1e-16);
    }

    /** Bilinear: {@code (1 − Δa/2)·Ā = 1 + Δa/2} and {@code (1 − Δa/2)·B̄ = ΔB}; per-channel dt; aliasing. */
    @Test
    void bilinearDefiningIdentityPerChannel() {
        int h = 3;
        int n = 2;
        double[] dt = {0.01, 0.1, 1.0};
        double[] a = {-0.5, -1, -0.5, -7, -1, 0, -2, 3, -0.1, -50, -4, 0.5};
        double[] b = {1, 0, 0, 1, 2, -1, 1, 1, -3, 0.5, 1, 2};
        int off = 1;
        double[] dA = new double[2 * h * n + 2 * off];
        Arrays.fill(dA, Double.NaN);
        double[] dB = dA.clone();
        DiagonalDiscretization.bilinear(h, n, dt, 0, a, 0, b, 0, dA, off, dB, off);
        for (int c = 0; c < h; c++) {
            for (int k = 0; k < n; k++) {
                int i = 2 * (c * n + k);
                double qr = 1 - dt[c] * a[i] / 2;
                double qi = -dt[c] * a[i + 1] / 2;
                double xr = dA[off + i];
                double xi = dA[off + i + 1];
                assertEquals(1 + dt[c] * a[i] / 2, qr * xr - qi * xi, 1e-14);
                assertEquals(dt[c] * a[i + 1] / 2, qr * xi + qi * xr, 1e-14);
                double yr = dB[off + i];
                double yi = dB[off + i + 1];
                assertEquals(dt[c] * b[i], qr * yr - qi * yi, 1e-14);
                assertEquals(dt[c] * b[i + 1], qr * yi + qi * yr, 1e-14);
            }
        }
        KrylovTest.assertGuards(dA, off, 2 * h * n);
        KrylovTest.assertGuards(dB, off, 2 * h * n);
        // in place: outputs aliasing the inputs entry for entry give the same result
        double[] a2 = a.clone();
        double[] b2 = b.clone();
        DiagonalDiscretization.bilinear(h, n, dt, 0, a2, 0, b2, 0, a2, 0, b2, 0);
        assertEquals(Arrays.toString(Arrays.copyOfRange(dA, off, off + 2 * h * n)), Arrays.toString(a2));
        assertEquals(Arrays.toString(Arrays.copyOfRange(dB, off, off + 2 * h * n)), Arrays.toString(b2));
        // float path: computed in double, rounded once, from float-rounded inputs
        float[] fA = new float[2 * h * n];
        float[] fB = new float[2 * h * n];
        DiagonalDiscretization.zoh(h, n, Rand.toFloats(dt), 0, Rand.toFloats(a), 0, Rand.toFloats(b), 0, fA, 0, fB,
                0);
        double[] zA = new double[2 * h * n];
        double[] zB = new double[2 * h * n];
        DiagonalDiscretization.zoh(h, n, dt, 0, a, 0, b, 0, zA, 0, zB, 0);
        for (int i = 0; i < zA.length; i++) {
            // input rounding 2^-24 relative on Δ·a (|Δa| ≤ 50) moves e^{Δa} by ≤ 50·2^-23 relative
            assertEquals(zA[i], fA[i], 1e-5);
            assertEquals(zB[i], fB[i], 1e-5 * Math.max(1, Math.abs(zB[i])));
        }
    }

    @Test
    void badArgumentsNameTheArgument() {
        double[] a = {-1, 0};
        double[] b = {1, 0};
        double[] o = new double[2];
        KrylovTest.expect("dt", () -> DiagonalDiscretization.zoh(1, 1, new double[] {0}, 0, a, 0, b, 0, o, 0, o, 0));
        KrylovTest.expect("dt", () -> DiagonalDiscretization.bilinear(1, 1, new double[] {Double.NaN}, 0, a, 0, b,
                0, o, 0, o, 0));
        KrylovTest.expect("dt", () -> DiagonalDiscretization.zoh(1, 1, new float[] {-1}, 0, new float[2], 0,
                new float[2], 0, new float[2], 0, new float[2], 0));
        KrylovTest.expect("a", () -> DiagonalDiscretization.bilinear(1, 1, new double[] {1}, 0,
                new double[] {2, 0}, 0, b, 0, o, 0, o, 0));
        KrylovTest.expect("b", () -> DiagonalDiscretization.zoh(1, 1, new double[] {1}, 0, a, 0,
                new double[] {Double.NaN, 0}, 0, o, 0, o, 0));
        KrylovTest.expect("n", () -> DiagonalDiscretization.zoh(1, 0, new double[] {1}, 0, a, 0, b, 0, o, 0, o, 0));
        KrylovTest.expect("dA", () -> DiagonalDiscretization.zoh(1, 2, new double[] {1}, 0, new double[4], 0,
                new double[4], 0, o, 0, new double[4], 0));
    }
}
