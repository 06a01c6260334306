package ssm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * The vector tier against the scalar tier (the oracle, fp64) on awkward sizes, all eight primitive variants, fp32
 * and fp64, with nonzero offsets and guard cells; and identical results for 1, 2 and 3 threads.
 *
 * <p>Tolerances, per element, from the arithmetic of the vector kernels (u = 2^-24 in fp32, 2^-53 in fp64):
 * <ul>
 *   <li>plain Cauchy: each term has ~6 roundings, amplified by (|z| + |w|)/|z − w| through the subtraction, then n
 *       accumulations: (n + 16)·u·Σ_n |term|·(1 + (|z|+|w|)/|z−w|);</li>
 *   <li>pair Cauchy (one division): the shared denominator z² + pz + q and numerator az + b lose
 *       (|z|²+|pz|+|q|)/|den| and (|az|+|b|)/|num| to cancellation: (2n + 16)·u·{@link KernelRef#pairCondition};</li>
 *   <li>Vandermonde (4.1a): table entries rounded once, a multiply, an FMA and n accumulations:
 *       (n + 10)·u·Σ_n |v q^l| (fp64 adds the tables' double recurrence, (l/8 + 40)·u, and the scalar oracle's own
 *       l·(1 + |x|)·4u from evaluating e^{x·l});</li>
 *   <li>transpose (4.1b): a blocked sum over l of at most l/16 + 64 + log2(VL) sequential additions per lane:
 *       (l/8 + 80)·u·Σ_l |u_l v q^l|.</li>
 * </ul>
 * fp32 Vandermonde also allows 4(n + 10)·2^-149 absolute: table entries of decaying powers go subnormal, where
 * rounding is absolute.
 */
class VectorKernelsTest {
    private static final double U = 0x1p-53;
    private static final double UF = 0x1p-24;
    private static final int OFF = 3;
    private static final int GUARD = 5;

    private final SsmKernel scalar = Backends.byName("scalar", 1);
    private final SsmKernel vector = Backends.byName("vector", 2);

    @ParameterizedTest(name = "H={0} N={1} L={2}")
    @MethodSource("ssm4j.kernels.Shapes#arguments")
    void cauchyMatchesScalar(int h, int n, int l) {
        KernelRef.CauchyInputs in = KernelRef.CauchyInputs.random(101L * h + 11L * n + l, h, n, l);
        for (boolean conj : new boolean[] {false, true}) {
            double[] ref = new double[2 * h * l];
            double[] cond = conj ? KernelRef.pairCondition(h, n, l, in.v(), in.w(), in.z())
                    : plainCondition(h, n, l, in.v(), in.w(), in.z());
            if (conj) {
                scalar.cauchyConj(h, n, l, in.v(), 0, in.w(), 0, in.z(), 0, ref, 0);
            } else {
                scalar.cauchy(h, n, l, in.v(), 0, in.w(), 0, in.z(), 0, ref, 0);
            }
            double[][] expect = {ref, cond};
            int terms = conj ? 2 * n : n;
            String name = conj ? "cauchyConj" : "cauchy";

            double[][] outs = ScalarKernelsTest.cauchyBoth(vector, conj, h, n, l, in.v(), OFF, in.w(), 1, in.z(), 2);
            ScalarKernelsTest.check(name + " vector fp64", outs[0], expect, (terms + 16) * U);
            ScalarKernelsTest.check(name + " vector fp32", outs[1], expect, (terms + 16) * UF);
        }
    }

    @ParameterizedTest(name = "H={0} N={1} L={2}")
    @MethodSource("ssm4j.kernels.Shapes#arguments")
    void vandermondeMatchesScalar(int h, int n, int l) {
        KernelRef.VandermondeInputs in = KernelRef.VandermondeInputs.random(53L * h + 3L * n + l, h, n, l);
        double[] qf = KernelRef.roundToFloat(KernelRef.exp(in.x()));
        double xmax = TestArrays.maxAbs(in.x());
        double[] mass = KernelRef.powers(h, n, l, in.v(), KernelRef.exp(in.x()))[1];
        double[] massQ = KernelRef.powers(h, n, l, in.v(), qf)[1];
        double[] massT = KernelRef.transpose(h, n, l, in.u(), in.v(), KernelRef.exp(in.x()))[1];
        double rel32 = (n + 10) * UF;
        double rel64 = (n + l / 8.0 + 50 + l * (1 + xmax) * 4) * U;
        double relT32 = (l / 8.0 + 80) * UF;
        double relT64 = (l / 8.0 + 80 + l * (1 + xmax) * 4) * U;
        // fp32 tables of decaying powers reach the subnormal range, where a rounding is absolute (2^-150), not
        // relative: each of the n terms then carries a few such errors
        double abs32 = 4 * (n + 10) * Float.MIN_VALUE;

        double[] ref = new double[h * l];
        scalar.vandermonde(h, n, l, in.v(), 0, in.x(), 0, ref, 0);
        double[] mass2 = new double[h * l];
        for (int i = 0; i < mass2.length; i++) {
            mass2[i] = 2 * mass[i];
        }
        double[] out = ScalarKernelsTest.sentinel(h * l);
        vector.vandermonde(h, n, l, KernelRef.doubles(in.v(), 1, GUARD), 1, KernelRef.doubles(in.x(), OFF, GUARD), OFF,
                out, OFF);
        ScalarKernelsTest.checkReal("vandermonde vector fp64", out, ref, mass2, rel64);
        float[] of = ScalarKernelsTest.sentinelF(h * l);
        vector.vandermonde(h, n, l, KernelRef.floats(in.v(), 1, GUARD), 1, KernelRef.floats(in.x(), OFF, GUARD), OFF,
                of, OFF);
        ScalarKernelsTest.checkReal("vandermonde vector fp32", ScalarKernelsTest.widen(of), ref, mass2, rel32,
                abs32);

        double[] refC = new double[2 * h * l];
        scalar.vandermondeComplex(h, n, l, in.v(), 0, in.x(), 0, refC, 0);
        out = ScalarKernelsTest.sentinel(2 * h * l);
        vector.vandermondeComplex(h, n, l, KernelRef.doubles(in.v(), OFF, GUARD), OFF,
                KernelRef.doubles(in.x(), 2, GUARD), 2, out, OFF);
        ScalarKernelsTest.check("vandermondeComplex vector fp64", out, new double[][] {refC, mass}, rel64);
        of = ScalarKernelsTest.sentinelF(2 * h * l);
        vector.vandermondeComplex(h, n, l, KernelRef.floats(in.v(), OFF, GUARD), OFF,
                KernelRef.floats(in.x(), 2, GUARD), 2, of, OFF);
        ScalarKernelsTest.check("vandermondeComplex vector fp32", ScalarKernelsTest.widen(of),
                new double[][] {refC, mass}, rel32, abs32);

        double[] refP = new double[2 * h * l];
        scalar.vandermondePowers(h, n, l, in.v(), 0, qf, 0, refP, 0);
        out = ScalarKernelsTest.sentinel(2 * h * l);
        vector.vandermondePowers(h, n, l, KernelRef.doubles(in.v(), 2, GUARD), 2, KernelRef.doubles(qf, OFF, GUARD),
                OFF, out, OFF);
        ScalarKernelsTest.check("vandermondePowers vector fp64", out, new double[][] {refP, massQ}, rel64);
        of = ScalarKernelsTest.sentinelF(2 * h * l);
        vector.vandermondePowers(h, n, l, KernelRef.floats(in.v(), 2, GUARD), 2, KernelRef.floats(qf, OFF, GUARD), OFF,
                of, OFF);
        ScalarKernelsTest.check("vandermondePowers vector fp32", ScalarKernelsTest.widen(of),
                new double[][] {refP, massQ}, rel32, abs32);

        double[] refT = new double[2 * h * n];
        scalar.vandermondeTranspose(h, n, l, in.u(), 0, in.v(), 0, in.x(), 0, refT, 0);
        out = ScalarKernelsTest.sentinel(2 * h * n);
        vector.vandermondeTranspose(h, n, l, KernelRef.doubles(in.u(), 1, GUARD), 1,
                KernelRef.doubles(in.v(), 2, GUARD), 2, KernelRef.doubles(in.x(), OFF, GUARD), OFF, out, OFF);
        ScalarKernelsTest.check("vandermondeTranspose vector fp64", out, new double[][] {refT, massT}, relT64);
        of = ScalarKernelsTest.sentinelF(2 * h * n);
        vector.vandermondeTranspose(h, n, l, KernelRef.floats(in.u(), 1, GUARD), 1, KernelRef.floats(in.v(), 2, GUARD),
                2, KernelRef.floats(in.x(), OFF, GUARD), OFF, of, OFF);
        ScalarKernelsTest.check("vandermondeTranspose vector fp32", ScalarKernelsTest.widen(of),
                new double[][] {refT, massT}, relT32, abs32);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int h = 7;
        int n = 17;
        int l = 1000;
        SplittableRandom r = new SplittableRandom(5);
        float[] v = KernelRef.floats(KernelRef.normal(r, 2 * h * n), 0, 0);
        float[] w = KernelRef.floats(KernelRef.normal(r, 2 * h * n), 0, 0);
        float[] z = KernelRef.floats(KernelRef.normal(r, 2 * l), 0, 0);
        float[] x = KernelRef.floats(KernelRef.s4dLin(r, h, n), 0, 0);
        float[] u = KernelRef.floats(KernelRef.normal(r, h * l), 0, 0);
        double[] vd = KernelRef.normal(r, 2 * h * n);
        double[] xd = KernelRef.s4dLin(r, h, n);
        float[][] first = null;
        double[][] firstD = null;
        for (int threads = 1; threads <= 3; threads++) {
            SsmKernel k = Backends.byName("vector", threads);
            float[][] got = {new float[2 * h * l], new float[2 * h * l], new float[h * l], new float[2 * h * l],
                new float[2 * h * l], new float[2 * h * n]};
            k.cauchy(h, n, l, v, 0, w, 0, z, 0, got[0], 0);
            k.cauchyConj(h, n, l, v, 0, w, 0, z, 0, got[1], 0);
            k.vandermonde(h, n, l, v, 0, x, 0, got[2], 0);
            k.vandermondeComplex(h, n, l, v, 0, x, 0, got[3], 0);
            k.vandermondePowers(h, n, l, v, 0, w, 0, got[4], 0);
            k.vandermondeTranspose(h, n, l, u, 0, v, 0, x, 0, got[5], 0);
            double[][] gotD = {new double[2 * h * l], new double[h * l], new double[2 * h * n]};
            k.cauchyConj(h, n, l, vd, 0, xd, 0, widen(z), 0, gotD[0], 0);
            k.vandermonde(h, n, l, vd, 0, xd, 0, gotD[1], 0);
            k.vandermondeTranspose(h, n, l, widen(u), 0, vd, 0, xd, 0, gotD[2], 0);
            if (first == null) {
                first = got;
                firstD = gotD;
            } else {
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(first[i], got[i], "fp32 output " + i + " with " + threads + " threads");
                }
                for (int i = 0; i < gotD.length; i++) {
                    assertArrayEquals(firstD[i], gotD[i], "fp64 output " + i + " with " + threads + " threads");
                }
            }
        }
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Σ_n |v/(z−w)|·(1 + (|z| + |w|)/|z − w|) per element: the subtraction z − w is the ill-conditioned step. */
    private static double[] plainCondition(int h, int n, int l, double[] v, double[] w, double[] z) {
        double[] out = new double[h * l];
        for (int c = 0; c < h; c++) {
            for (int t = 0; t < l; t++) {
                for (int j = 0; j < n; j++) {
                    int e = 2 * (c * n + j);
                    double d = Math.hypot(z[2 * t] - w[e], z[2 * t + 1] - w[e + 1]);
                    double term = Math.hypot(v[e], v[e + 1]) / d;
                    out[c * l + t] += term * (1 + (Math.hypot(z[2 * t], z[2 * t + 1]) + Math.hypot(w[e], w[e + 1])) / d);
                }
            }
        }
        return out;
    }
}
