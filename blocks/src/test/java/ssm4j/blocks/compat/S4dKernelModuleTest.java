package ssm4j.blocks.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ssm4j.blocks.compat.KernelModuleChecks.column;
import static ssm4j.blocks.compat.KernelModuleChecks.golden;
import static ssm4j.blocks.compat.KernelModuleChecks.shifted;
import static ssm4j.blocks.compat.KernelModuleChecks.stateKernelF32;
import static ssm4j.blocks.compat.KernelModuleChecks.store;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;

/**
 * {@link S4dKernelModule} ({@code SSMKernelDiag}) against the golden {@code s4d_kernel_state} and
 * {@code s4d_recurrent} cases (the reference module's own outputs), on every backend, plus step-vs-convolution and
 * rate checks with independent formulas.
 */
class S4dKernelModuleTest {
    private static final String STATE = "s4d_state_diag-inv_zoh_H4_N32_L200";
    private static final String RECURRENT = "s4d_recurrent_diag-lin_zoh_H4_N16_L64";

    @BeforeEach
    void needGolden() {
        assumeTrue(Golden.dir() != null, "golden folder not found (-Dssm4j.golden)");
    }

    private static S4dKernelModule module(SsmKernel k, Map<String, Tensor> in, boolean f32) {
        Tensor c = f32 ? in.get("C").asF32() : in.get("C");
        return f32
                ? new S4dKernelModule(k, in.get("dt").asF32(), in.get("A").asF32(), in.get("B").asF32(), c, "zoh")
                : new S4dKernelModule(k, in.get("dt"), in.get("A"), in.get("B"), c, "zoh");
    }

    @Test
    void forwardWithStateAndForwardState() throws IOException {
        Map<String, Tensor> in = Golden.inputs(STATE);
        Tensor u = in.get("u");
        int l = u.dim(2);
        for (SsmKernel k : TestBackends.with("kernels")) {
            S4dKernelModule m = module(k, in, false);
            KernelResult r = m.forward(shifted(in.get("state")), 1.0, l);
            golden(STATE, "K", r.k(), k);
            golden(STATE, "K_state", r.kState(), k);
            assertArrayEquals(new int[] {2, 1, 4, l}, r.kState().shape());
            golden(STATE, "next_state", m.forwardState(shifted(u), in.get("state")), k);
            assertNull(m.forward(l).kState());
            golden(STATE, "K", m.forward(l).k(), k);

            S4dKernelModule m32 = module(k, in, true);
            stateKernelF32(m32, STATE, in.get("state"), l, k);
            golden(STATE, "next_state_f32", m32.forwardState(u.asF32(), in.get("state").asF32()), k);
        }
    }

    @Test
    void stepsFromDefaultStateMatchGoldenAndConvolution() throws IOException {
        Map<String, Tensor> in = Golden.inputs(RECURRENT);
        Tensor u = in.get("u");
        int b = u.dim(0);
        int h = u.dim(1);
        int l = u.dim(2);
        for (SsmKernel k : TestBackends.with("kernels")) {
            S4dKernelModule m = module(k, in, false);
            assertThrows(IllegalStateException.class, () -> m.step(column(u, 0), m.defaultState(b)));
            m.setupStep();
            Tensor state = m.defaultState(b);
            assertArrayEquals(new int[] {b, h, m.n(), 2}, state.shape());
            double[] ys = new double[b * m.channels() * h * l];
            for (int t = 0; t < l; t++) {
                Tensor before = state;
                double first = before.get(0);
                StepResult s = m.step(column(u, t), state);
                assertEquals(first, before.get(0), "step must not modify its state argument");
                assertArrayEquals(new int[] {b, 1, h}, s.y().shape());
                store(s.y(), t, l, ys);
                state = s.state();
            }
            golden(RECURRENT, "y", Tensor.wrap(ys, b, 1, h, l), k);
            golden(RECURRENT, "state", state, k);
            // L steps equal forward's convolution output; K here is fp64 with golden tolerance kAllowed
            Tensor kt = m.forward(l).k();
            golden(RECURRENT, "K", kt, k);
            KernelModuleChecks.stepsEqualConvolution(RECURRENT, ys, kt, u, m.n(), Math.ulp(1.0),
                    Golden.allowed(RECURRENT, "K"));
            // the state after L steps is forward_state from zero
            golden(RECURRENT, "state", m.forwardState(u, null), k);
        }
    }

    /**
     * rate r: the reference's kernel at step dt·r, checked against the closed form of ZOH (4.2) written out here:
     * {@code K[h,l] = 2·Re Σ_n C·B·(e^{dt r A} − 1)/A·e^{dt r A l}}. Each of the N terms has relative error of a few
     * ε (exp, complex products), so the bound is 16·N·ε·Σ_n |term| per tap.
     */
    @Test
    void rateScalesTheStep() throws IOException {
        Map<String, Tensor> in = Golden.inputs(STATE);
        S4dKernelModule m = module(Backends.byName("scalar", 1), in, false);
        double rate = 0.5;
        int l = 37;
        Tensor kt = m.forward(null, rate, l).k();
        int h = m.h();
        int n = m.n();
        for (int i = 0; i < h; i++) {
            double dt = in.get("dt").get(i) * rate;
            for (int t = 0; t < l; t++) {
                double s = 0;
                double mag = 0;
                for (int j = 0; j < n; j++) {
                    long o = 2L * (i * n + j);
                    double ar = in.get("A").get(o);
                    double ai = in.get("A").get(o + 1);
                    double er = Math.exp(dt * ar) * Math.cos(dt * ai) - 1;
                    double ei = Math.exp(dt * ar) * Math.sin(dt * ai);
                    double den = ar * ar + ai * ai;
                    double qr = (er * ar + ei * ai) / den;                 // (e^{dtA} − 1)/A
                    double qi = (ei * ar - er * ai) / den;
                    double br = in.get("B").get(o);
                    double bi = in.get("B").get(o + 1);
                    double cr = in.get("C").get(o);
                    double ci = in.get("C").get(o + 1);
                    double vr = cr * br - ci * bi;
                    double vi = cr * bi + ci * br;
                    double wr = vr * qr - vi * qi;
                    double wi = vr * qi + vi * qr;
                    double pm = Math.exp(dt * ar * t);
                    double pr = pm * Math.cos(dt * ai * t);
                    double pi = pm * Math.sin(dt * ai * t);
                    s += 2 * (wr * pr - wi * pi);
                    mag += 2 * Math.hypot(wr, wi) * pm;
                }
                double err = Math.abs(kt.get((long) i * l + t) - s);
                assertTrue(err <= 16 * n * Math.ulp(1.0) * mag,
                        "rate " + rate + " h " + i + " l " + t + ": error " + err);
            }
        }
        // default L = round(l_max / rate)
        S4dKernelModule withMax = new S4dKernelModule(Backends.byName("scalar", 1), in.get("dt"), in.get("A"),
                in.get("B"), in.get("C"), "zoh", 100);
        assertEquals(200, withMax.forward(null, 0.5).k().dim(2));
        assertEquals(100, withMax.forward(null, 1.0).k().dim(2));
    }

    @Test
    void badArgumentsNameTheArgument() throws IOException {
        Map<String, Tensor> in = Golden.inputs(STATE);
        S4dKernelModule m = module(Backends.byName("scalar", 1), in, false);
        for (double r : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(null, r, 8));
            assertTrue(e.getMessage().startsWith("rate"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.forward(0)).getMessage().startsWith("L"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.forward(null, 1.0)).getMessage()
                .startsWith("L"));
        Tensor badState = Tensor.zerosF64(2, m.h(), m.n() + 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.forward(badState, 1.0, 8)).getMessage()
                .startsWith("state"));
        m.setupStep();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.step(Tensor.zerosF64(2, m.h()), m.defaultState(3))).getMessage().startsWith("state"));
        Tensor nanU = Tensor.zerosF64(2, m.h());
        nanU.doubles()[1] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.step(nanU, m.defaultState(2)))
                .getMessage().startsWith("u"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new S4dKernelModule(
                Backends.byName("scalar", 1), in.get("dt"), in.get("A"), in.get("B"), in.get("C"), "foh"))
                .getMessage().startsWith("disc"));
    }

    /**
     * Awkward sizes with random parameters and a two-axis batch shape (2,3): L steps from {@code defaultState(2, 3)}
     * equal forward's convolution, and the final state equals {@code forwardState}. K comes from the Vandermonde
     * sum of N terms {@code 2·v_n·e^{x_n l}}, each with relative error ≲ (l·|x_n| + 8)·ε (exp of a product, complex
     * products), so kAllowed = 2·(L·max|x| + 8)·ε·N·max|v_n|; the state check sums the same L decaying
     * terms in two orders: (L + 8)·ε·Σ_l |B̄||u_l| ≤ (L + 8)·ε·L·max|B̄|·max|u| bounds it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1,1,1", "1,2,2", "3,7,17", "1,3,33", "3,16,65"})
    void awkwardSizesStepsEqualConvolution(int h, int n, int l) {
        java.util.Random rnd = new java.util.Random(31L * h + 7L * n + l);
        double[] dt = new double[h];
        double[] a = new double[2 * h * n];
        double[] bb = new double[2 * h * n];
        double[] c = new double[2 * h * n];
        for (int i = 0; i < h; i++) {
            dt[i] = 0.01 + 0.1 * rnd.nextDouble();
        }
        for (int j = 0; j < 2 * h * n; j += 2) {
            a[j] = -0.05 - rnd.nextDouble();
            a[j + 1] = 10 * rnd.nextGaussian();
            bb[j] = rnd.nextGaussian();
            bb[j + 1] = rnd.nextGaussian();
            c[j] = rnd.nextGaussian();
            c[j + 1] = rnd.nextGaussian();
        }
        double[] u = new double[6 * h * l];
        for (int j = 0; j < u.length; j++) {
            u[j] = rnd.nextGaussian();
        }
        Tensor ut = Tensor.wrap(u, 2, 3, h, l);
        for (SsmKernel k : TestBackends.with("kernels")) {
            S4dKernelModule m = new S4dKernelModule(k, Tensor.wrap(dt, h), Tensor.wrap(a, h, n, 2),
                    Tensor.wrap(bb, h, n, 2), Tensor.wrap(c, 1, h, n, 2), "zoh");
            m.setupStep();
            Tensor state = m.defaultState(2, 3);
            assertArrayEquals(new int[] {2, 3, h, n, 2}, state.shape());
            double[] ys = new double[6 * h * l];
            for (int t = 0; t < l; t++) {
                double[] col = new double[6 * h];
                for (int i = 0; i < col.length; i++) {
                    col[i] = u[i * l + t];
                }
                StepResult s = m.step(Tensor.wrap(col, 2, 3, h), state);
                assertArrayEquals(new int[] {2, 3, 1, h}, s.y().shape());
                store(s.y(), t, l, ys);
                state = s.state();
            }
            Tensor kt = m.forward(l).k();
            double[] dB = m.kernelClass().dB();
            double maxX = 0;
            double maxV = 0;
            double maxB = 0;
            for (int j = 0; j < h * n; j++) {
                double ar = a[2 * j] * dt[j / n];
                double ai = a[2 * j + 1] * dt[j / n];
                maxX = Math.max(maxX, Math.hypot(ar, ai));
                maxV = Math.max(maxV, Math.hypot(c[2 * j], c[2 * j + 1]) * Math.hypot(dB[2 * j], dB[2 * j + 1]));
                maxB = Math.max(maxB, Math.hypot(dB[2 * j], dB[2 * j + 1]));
            }
            double eps = Math.ulp(1.0);
            double kAllowed = 2 * (l * maxX + 8) * eps * n * maxV;
            KernelModuleChecks.stepsEqualConvolution("S4D H" + h + " N" + n + " L" + l, ys, kt,
                    ut.reshape(6, h, l), n, eps, kAllowed);
            Tensor next = m.forwardState(ut, null);
            assertArrayEquals(new int[] {2, 3, h, n, 2}, next.shape());
            double err = Golden.maxDiff(next.toDoubles(), state.toDoubles());
            double bound = (l + 8) * eps * l * maxB * Golden.maxAbs(u);
            assertTrue(err <= bound, "state after steps vs forward_state: " + err + " > " + bound);
        }
    }
}
