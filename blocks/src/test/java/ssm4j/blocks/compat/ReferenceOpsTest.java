package ssm4j.blocks.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Golden;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.TestBackends;

/**
 * Every facade operation against the golden cases of the primitive it mirrors (the reference's own outputs), on
 * every backend, so the argument order, defaults, shapes and layout detection are checked end to end.
 */
class ReferenceOpsTest {
    @BeforeEach
    void needGolden() {
        assumeTrue(Golden.dir() != null, "golden folder not found (-Dssm4j.golden)");
    }

    private static void check(String cas, String out, Tensor got, SsmKernel k) throws IOException {
        double[] g = got.toDoubles();
        double err = Golden.maxDiff(g, Golden.output(cas, out));
        assertTrue(err <= Golden.allowed(cas, out), cas + " " + out + " on " + k.describe() + ": error " + err
                + " allowed " + Golden.allowed(cas, out));
    }

    /** A copy of {@code t} placed at offset 5 of a larger array: the facade must honour offsets. */
    private static Tensor shifted(Tensor t) {
        double[] a = new double[(int) t.size() + 9];
        System.arraycopy(t.toDoubles(), 0, a, 5, (int) t.size());
        return Tensor.of(a, 5, t.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cauchy_plain_H3_N7_L33", "cauchy_conj_H3_N5_L17_random", "cauchy_conj_H4_N8_L100_s4nodes"})
    void cauchyMult(String cas) throws IOException {
        Map<String, Tensor> in = Golden.inputs(cas);
        boolean conj = cas.startsWith("cauchy_conj");
        for (SsmKernel k : TestBackends.with("kernels")) {
            ReferenceOps ops = new ReferenceOps(k);
            Tensor v = shifted(in.get("v"));
            check(cas, "k", ops.cauchyMult(v, in.get("z"), in.get("w"), conj), k);
            check(cas, "k_f32", ops.cauchyMult(v.asF32(), in.get("z"), in.get("w"), conj), k);
            if (conj) {
                check(cas, "k", ops.cauchyMult(v, in.get("z"), in.get("w")), k); // default symmetric=True
            }
        }
    }

    @Test
    void vandermondeFamily() throws IOException {
        String cas = "vandermonde_H4_N16_L64";
        Map<String, Tensor> in = Golden.inputs(cas);
        int l = in.get("u").dim(-1);
        for (SsmKernel k : TestBackends.with("kernels")) {
            ReferenceOps ops = new ReferenceOps(k);
            check(cas, "k_conj", ops.logVandermonde(shifted(in.get("v")), in.get("x"), l), k);
            check(cas, "k_conj_f32", ops.logVandermonde(in.get("v").asF32(), in.get("x"), l, true), k);
            check(cas, "k_complex", ops.logVandermonde(in.get("v"), in.get("x"), l, false), k);
            check(cas, "kT", ops.logVandermondeTranspose(shifted(in.get("u")), in.get("v"), in.get("x"), l), k);
            check(cas, "kT_f32", ops.logVandermondeTranspose(in.get("u").asF32(), in.get("v"), in.get("x"), l), k);
        }
    }

    @Test
    void s4dStandaloneKernel() throws IOException {
        String cas = "s4d_standalone_H8_N64_L1000";
        Map<String, Tensor> in = Golden.inputs(cas);
        for (SsmKernel k : TestBackends.with("kernels")) {
            ReferenceOps ops = new ReferenceOps(k);
            check(cas, "K", ops.s4dKernel(in.get("log_dt"), in.get("C"), in.get("log_A_real"), in.get("A_imag"),
                    1000), k);
            check(cas, "K_f32", ops.s4dKernel(in.get("log_dt"), in.get("C").asF32(), in.get("log_A_real"),
                    in.get("A_imag"), 1000), k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fftconv_s4d_L300", "fftconv_bidir_L300", "fftconv_short_kernel_L300"})
    void fftConv(String cas) throws IOException {
        Map<String, Tensor> in = Golden.inputs(cas);
        boolean bidir = cas.contains("bidir");
        for (SsmKernel k : TestBackends.with("conv")) {
            ReferenceOps ops = new ReferenceOps(k);
            check(cas, "y", ops.fftConv(shifted(in.get("x")), in.get("k"), in.get("D"), bidir), k);
            check(cas, "y_f32", ops.fftConv(in.get("x").asF32(), in.get("k"), in.get("D"), bidir), k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sscan_fixedBC_plain", "sscan_varBC_full", "sscan_varBC_groups2", "sscan_varB_fixedC",
        "sscan_complex_varBC", "sscan_complex_fixedBC"})
    void selectiveScanFn(String cas) throws IOException {
        Map<String, Tensor> in = Golden.inputs(cas);
        boolean softplus = !cas.equals("sscan_complex_fixedBC") && !cas.equals("sscan_fixedBC_plain");
        boolean last = !cas.equals("sscan_fixedBC_plain");
        for (SsmKernel k : TestBackends.with("scan")) {
            ReferenceOps ops = new ReferenceOps(k);
            for (boolean fp64 : new boolean[] {false, true}) {
                Tensor u = fp64 ? in.get("u").asF64() : in.get("u").asF32();
                ReferenceOps.ScanResult r = last || softplus
                        ? ops.selectiveScanFn(u, in.get("delta"), in.get("A"), in.get("B"), in.get("C"),
                        in.get("D"), in.get("z"), in.get("delta_bias"), softplus, last)
                        : ops.selectiveScanFn(u, in.get("delta"), in.get("A"), in.get("B"), in.get("C"));
                check(cas, "out", r.out(), k);
                if (last) {
                    check(cas, "last_state", r.lastState(), k);
                } else {
                    assertNull(r.lastState());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssu_basic_f32", "ssu_plain_f32", "ssu_heads_groups_f32", "ssu_basic_f64"})
    void selectiveStateUpdateUpdatesTheCallersStateInPlace(String cas) throws IOException {
        boolean plain = cas.equals("ssu_plain_f32");
        for (SsmKernel k : TestBackends.with("scan")) {
            Map<String, Tensor> in = Golden.inputs(cas);
            ReferenceOps ops = new ReferenceOps(k);
            Tensor state = in.get("state");
            Object array = state.isDouble() ? state.doubles() : state.floats();
            Tensor out = plain
                    ? ops.selectiveStateUpdate(state, in.get("x"), in.get("dt"), in.get("A"), in.get("B"), in.get("C"))
                    : ops.selectiveStateUpdate(state, in.get("x"), in.get("dt"), in.get("A"), in.get("B"),
                    in.get("C"), in.get("D"), in.get("z"), in.get("dt_bias"), true);
            check(cas, "out", out, k);
            check(cas, "state_out", state, k);
            assertSame(array, state.isDouble() ? state.doubles() : state.floats());
        }
    }

    @Test
    void stateAtAnOffsetIsWrittenBack() throws IOException {
        Map<String, Tensor> in = Golden.inputs("ssu_basic_f64");
        Tensor st = in.get("state");
        double[] big = new double[(int) st.size() + 4];
        big[0] = big[1] = big[big.length - 1] = big[big.length - 2] = -7; // guard cells
        System.arraycopy(st.doubles(), 0, big, 2, (int) st.size());
        Tensor shiftedState = Tensor.of(big, 2, st.shape());
        new ReferenceOps(Backends.byName("scalar", 1)).selectiveStateUpdate(shiftedState, in.get("x"), in.get("dt"),
                in.get("A"), in.get("B"), in.get("C"), in.get("D"), in.get("z"), in.get("dt_bias"), true);
        check("ssu_basic_f64", "state_out", shiftedState, Backends.byName("scalar", 1));
        assertArrayEquals(new double[] {-7, -7}, new double[] {big[0], big[1]});
        assertEquals(-7, big[big.length - 1]);
        assertEquals(-7, big[big.length - 2]);
    }

    @Test
    void badShapesNameTheArgument() {
        ReferenceOps ops = new ReferenceOps(Backends.byName("scalar", 1));
        Tensor v = Tensor.zerosF64(2, 3, 2);
        Tensor z = Tensor.zerosF64(4, 2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ops.cauchyMult(v, z, Tensor.zerosF64(2, 4, 2))).getMessage().startsWith("w:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ops.cauchyMult(Tensor.zerosF64(2, 3), z, v)).getMessage().startsWith("v:"));
        Tensor u = Tensor.zerosF32(1, 4, 5);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ops.selectiveScanFn(u, u, Tensor.zerosF32(4, 2), Tensor.zerosF32(1, 2, 6),
                        Tensor.zerosF32(4, 2))).getMessage().startsWith("B:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ops.fftConv(u, Tensor.zerosF32(1, 3, 5), null)).getMessage().startsWith("k:"));
    }
}
