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
 * {@link S4KernelModule} ({@code SSMKernelDPLR}) against the golden {@code s4_dplr_kernel_state} and
 * {@code s4_dplr_recurrent} cases (the reference module's own outputs), on every backend, plus step-vs-convolution,
 * the rate restriction and argument checks.
 */
class S4KernelModuleTest {
    private static final String STATE = "s4_state_legs_H4_N64_L256";
    private static final String RECURRENT = "s4_recurrent_legs_H3_N16_L64";

    @BeforeEach
    void needGolden() {
        assumeTrue(Golden.dir() != null, "golden folder not found (-Dssm4j.golden)");
    }

    /** The module as the reference builds it: C_orig, C̃ attuned to l_max = L on first use (3.3a). */
    private static S4KernelModule module(SsmKernel k, Map<String, Tensor> in, int lMax, boolean f32) {
        if (f32) {
            return new S4KernelModule(k, in.get("dt").asF32(), in.get("Lambda").asF32(), in.get("P").asF32(),
                    in.get("B").asF32(), in.get("C_orig").asF32(), lMax);
        }
        return new S4KernelModule(k, in.get("dt"), in.get("Lambda"), in.get("P"), in.get("B"), in.get("C_orig"),
                lMax);
    }

    @Test
    void forwardWithStateAndForwardState() throws IOException {
        Map<String, Tensor> in = Golden.inputs(STATE);
        Tensor u = in.get("u");
        int l = u.dim(2);
        for (SsmKernel k : TestBackends.with("kernels")) {
            S4KernelModule m = module(k, in, l, false);
            KernelResult r = m.forward(shifted(in.get("state")), 1.0);      // L=None → l_kernel = l_max
            assertArrayEquals(new int[] {1, 4, l}, r.k().shape());
            golden(STATE, "K", r.k(), k);
            golden(STATE, "K_state", r.kState(), k);
            assertArrayEquals(new int[] {2, 1, 4, l}, r.kState().shape());
            golden(STATE, "next_state", m.forwardState(shifted(u), in.get("state")), k);
            assertNull(m.forward(l).kState());
            golden(STATE, "K", m.forward(l).k(), k);

            S4KernelModule m32 = module(k, in, l, true);
            stateKernelF32(m32, STATE, in.get("state"), l, k);
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
            S4KernelModule m = module(k, in, l, false);
            assertThrows(IllegalStateException.class, () -> m.step(column(u, 0), m.defaultState(b)));
            assertArrayEquals(new int[] {b, h, 2 * m.n(), 2}, m.defaultState(b).shape());   // dense by default
            Tensor kt = m.forward(l).k();
            golden(RECURRENT, "K", kt, k);
            for (String mode : new String[] {"linear", "dense", "diagonal"}) {
                m.setupStep(mode);
                Tensor state = m.defaultState(b);
                assertArrayEquals(new int[] {b, h, mode.equals("linear") ? m.n() : 2 * m.n(), 2}, state.shape());
                double[] ys = new double[b * m.channels() * h * l];
                for (int t = 0; t < l; t++) {
                    StepResult s = m.step(column(u, t), state);
                    assertArrayEquals(new int[] {b, 1, h}, s.y().shape());
                    store(s.y(), t, l, ys);
                    state = s.state();
                }
                golden(RECURRENT, "y_" + mode, Tensor.wrap(ys, b, 1, h, l), k);
                if (mode.equals("linear")) {
                    golden(RECURRENT, "state_linear", state, k);
                    // forward_state from zero is the same stored-half state (3.5c)
                    golden(RECURRENT, "state_linear", m.forwardState(u, null), k);
                }
                if (mode.equals("diagonal")) {
                    continue;   // eigen-basis of a far-from-normal dA: only the golden 1e-6 holds (S4DiagonalStep)
                }
                // L steps equal forward's convolution output (K from Cauchy + iFFT, golden tolerance kAllowed)
                KernelModuleChecks.stepsEqualConvolution(RECURRENT + " " + mode, ys, kt, u, 2 * m.n(),
                        Math.ulp(1.0), Golden.allowed(RECURRENT, "K"));
            }
            m.setupStep();      // the reference default mode is dense
            assertEquals(2 * m.n(), m.defaultState(1).dim(2));
        }
    }

    @Test
    void onlyRateOneIsSupported() throws IOException {
        Map<String, Tensor> in = Golden.inputs(RECURRENT);
        S4KernelModule m = module(Backends.byName("scalar", 1), in, 64, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(null, 2.0, 32));
        assertTrue(e.getMessage().startsWith("rate: only 1.0 is supported"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.forward(null, 0.5)).getMessage()
                .startsWith("rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.forward(null, Double.NaN, 8)).getMessage()
                .startsWith("rate"));
    }

    @Test
    void badArgumentsNameTheArgument() throws IOException {
        Map<String, Tensor> in = Golden.inputs(RECURRENT);
        SsmKernel k = Backends.byName("scalar", 1);
        S4KernelModule noMax = module(k, in, 0, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> noMax.forward(null, 1.0)).getMessage()
                .startsWith("L"));
        assertThrows(IllegalStateException.class, noMax::setupStep);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> noMax.setupStep("quadratic")).getMessage()
                .startsWith("mode"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> noMax.forward(Tensor.zerosF64(2, noMax.h(), 2 * noMax.n(), 2), 1.0, 8)).getMessage()
                .startsWith("state"));
        S4KernelModule m = module(k, in, 64, false);
        m.setupStep("linear");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.step(Tensor.zerosF64(2, m.h()), Tensor.zerosF64(2, m.h(), 2 * m.n(), 2))).getMessage()
                .startsWith("state"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new S4KernelModule(k, in.get("dt"),
                in.get("Lambda"), in.get("P"), in.get("B").reshape(in.get("B").dim(1), in.get("B").dim(0), 2),
                in.get("C_orig"), 64)).getMessage().startsWith("B"));
    }
}
