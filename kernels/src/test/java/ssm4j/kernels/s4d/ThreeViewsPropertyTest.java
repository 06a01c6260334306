package ssm4j.kernels.s4d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * Property (SPEC 1.1–1.4): on random stable diagonal systems the three views of one SSM agree — (a) the
 * continuous ODE {@code x' = Ax + Bu(t)}, {@code y = 2·Re(C x)}, solved finely by RK4 with the input held
 * constant over each step (the zero-order hold that ZOH discretises exactly), (b) the recurrence (1.3) of
 * {@link S4dRecurrence}, and (c) the convolution (1.4a) with the kernel of {@link S4dKernel} plus the
 * initial-state term (4.5a). Seeded; the seed is printed on failure.
 */
class ThreeViewsPropertyTest {
    private static final double EPS = Math.ulp(1.0);
    private static final int SUBSTEPS = 64;
    private static final SsmKernel SCALAR = Backends.byName("scalar", 1);

    @RepeatedTest(12)
    void odeRecurrenceAndConvolutionAgree(RepetitionInfo rep) {
        long seed = 0x5eedL + rep.getCurrentRepetition();
        SplittableRandom rnd = new SplittableRandom(seed);
        int h = 1 + rnd.nextInt(3);
        int n = new int[] {1, 2, 3, 7, 16}[rnd.nextInt(5)];
        int l = new int[] {1, 2, 17, 64, 200}[rnd.nextInt(5)];
        double[] dt = S4dTestSystems.dt(rnd, h);
        double[] a = S4dTestSystems.a(rnd, h * n, false);
        double[] b = S4dTestSystems.normal(rnd, 2 * h * n, false);
        double[] c = S4dTestSystems.normal(rnd, 2 * h * n, false);
        double[] s0 = S4dTestSystems.normal(rnd, 2 * h * n, false);
        double[] u = S4dTestSystems.normal(rnd, h * l, false);

        // (c) convolution with the generated kernel + the initial-state term
        S4dKernel k = S4dKernel.of(S4dDiscretization.ZOH, h, n, 1, dt, a, b, c);
        double[] kk = new double[h * l];
        k.kernel(SCALAR, l, kk, 0);
        double[] ks = new double[h * l];
        k.stateKernel(SCALAR, 1, s0, l, ks);
        double[] conv = new double[h * l];
        for (int i = 0; i < h; i++) {
            for (int t = 0; t < l; t++) {
                double acc = ks[i * l + t];
                for (int j = 0; j <= t; j++) {
                    acc += kk[i * l + j] * u[i * l + t - j];
                }
                conv[i * l + t] = acc;
            }
        }
        // (b) recurrence
        double[] st = s0.clone();
        double[] rec = new double[h * l];
        S4dRecurrence.of(k).steps(1, l, st, u, rec);
        // (a) ODE by RK4, per mode, x(0) = s0, y_t = 2·Re(C·x((t+1)·dt)), u_t held on (t·dt, (t+1)·dt]
        double[] ode = new double[h * l];
        double worstStep = 0;   // max |h_sub·a| over modes
        double mass = 0;        // max over channels of Σ_n |C_n|·max_t|x_n(t)|
        for (int i = 0; i < h; i++) {
            double hs = dt[i] / SUBSTEPS;
            double chanMass = 0;
            for (int j = 0; j < n; j++) {
                int o = 2 * (i * n + j);
                double ar = a[o];
                double ai = a[o + 1];
                worstStep = Math.max(worstStep, hs * Math.hypot(ar, ai));
                double xr = s0[o];
                double xi = s0[o + 1];
                double peak = Math.hypot(xr, xi);
                for (int t = 0; t < l; t++) {
                    double fr = b[o] * u[i * l + t];
                    double fi = b[o + 1] * u[i * l + t];
                    for (int m = 0; m < SUBSTEPS; m++) {
                        // x' = a·x + f (f constant): the four RK4 stages
                        double k1r = ar * xr - ai * xi + fr;
                        double k1i = ar * xi + ai * xr + fi;
                        double yr = xr + 0.5 * hs * k1r;
                        double yi = xi + 0.5 * hs * k1i;
                        double k2r = ar * yr - ai * yi + fr;
                        double k2i = ar * yi + ai * yr + fi;
                        yr = xr + 0.5 * hs * k2r;
                        yi = xi + 0.5 * hs * k2i;
                        double k3r = ar * yr - ai * yi + fr;
                        double k3i = ar * yi + ai * yr + fi;
                        yr = xr + hs * k3r;
                        yi = xi + hs * k3i;
                        double k4r = ar * yr - ai * yi + fr;
                        double k4i = ar * yi + ai * yr + fi;
                        xr += hs / 6 * (k1r + 2 * k2r + 2 * k3r + k4r);
                        xi += hs / 6 * (k1i + 2 * k2i + 2 * k3i + k4i);
                    }
                    peak = Math.max(peak, Math.hypot(xr, xi));
                    ode[i * l + t] += 2 * (c[o] * xr - c[o + 1] * xi);
                }
                chanMass += Math.hypot(c[o], c[o + 1]) * (peak + Math.hypot(b[o], b[o + 1]) * 4 / Math.abs(ar));
            }
            mass = Math.max(mass, chanMass);
        }
        // Tolerances. RK4 on x' = ax + f is exact up to its truncated series: each substep multiplies the error
        // by ≤ 1 (stable, |h·a| ≤ 0.01) and adds ≤ (h|a|)^5/120 of the state scale (plus ε rounding), so after
        // L·SUBSTEPS substeps the ODE view is within 2·mass·L·SUBSTEPS·((h|a|)^5/120 + 4ε) of the exact
        // solution, which the ZOH recurrence equals; the recurrence and the convolution each add ≲ 64ε·(L+2e3)
        // of the same scale (S4dKernelTest's bounds).
        double odeTol = 2 * mass * l * SUBSTEPS * (Math.pow(worstStep, 5) / 120 + 4 * EPS);
        double numTol = 2 * mass * 64 * EPS * (l + 2e3) * n;
        for (int i = 0; i < h * l; i++) {
            assertEquals(rec[i], conv[i], numTol, "recurrence vs convolution, seed=" + seed + " i=" + i);
            assertEquals(rec[i], ode[i], odeTol + numTol, "recurrence vs ODE, seed=" + seed + " i=" + i);
        }
    }
}
