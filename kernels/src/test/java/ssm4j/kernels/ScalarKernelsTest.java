package ssm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * The scalar tier against independent double formulas ({@link KernelRef}) on awkward sizes, with nonzero offsets,
 * NaN guards around the inputs (a read outside the range would poison the result) and sentinel guards around the
 * outputs (a write outside the range is caught); and bad arguments through the facade.
 *
 * <p>Tolerances, per element, relative to the element's "mass" Σ_n |term| (the sum of the magnitudes of what is
 * added up, which bounds the rounding of any summation order): fp64 Cauchy (n + 8)·4u (a few roundings per term
 * plus the accumulation), fp64 Vandermonde additionally l·(1 + |x|)·u because the scalar tier evaluates
 * e^{x·l} from the rounded product x·l; fp32 outputs add one float rounding (2^-24·mass, and 2^-149 absolute
 * where the result is subnormal). u = 2^-53.
 */
class ScalarKernelsTest {
    private static final double U = 0x1p-53;
    private static final double UF = 0x1p-24;
    private static final double SENTINEL = -7777.25;
    private static final int OFF = 3;
    private static final int GUARD = 5;

    private final SsmKernel scalar = Backends.byName("scalar", 1);

    @ParameterizedTest(name = "H={0} N={1} L={2}")
    @MethodSource("ssm4j.kernels.Shapes#arguments")
    void cauchyBothFormsMatchDirectFormula(int h, int n, int l) {
        KernelRef.CauchyInputs in = KernelRef.CauchyInputs.random(31L * h + 7L * n + l, h, n, l);
        for (boolean conj : new boolean[] {false, true}) {
            double[][] ref = conj ? KernelRef.cauchyConj(h, n, l, in.v(), in.w(), in.z())
                    : KernelRef.cauchy(h, n, l, in.v(), in.w(), in.z());
            int terms = conj ? 2 * n : n;
            double[][] outs = cauchyBoth(scalar, conj, h, n, l, in.v(), OFF, in.w(), OFF + 1, in.z(), OFF + 2);
            check("cauchy" + (conj ? "Conj" : "") + " fp64", outs[0], ref, (terms + 8) * 4 * U);
            check("cauchy" + (conj ? "Conj" : "") + " fp32", outs[1], ref, (terms + 8) * 4 * U + UF);
        }
    }

    /**
     * One Cauchy form on {@code k}, fp64 then fp32: inputs copied to the given offsets between NaN guards, output
     * at {@link #OFF} between sentinels. Returns {fp64 output, fp32 output widened}, both with their sentinels.
     */
    static double[][] cauchyBoth(SsmKernel k, boolean conj, int h, int n, int l, double[] v, int vOff, double[] w,
                                 int wOff, double[] z, int zOff) {
        double[] out = sentinel(2 * h * l);
        float[] of = sentinelF(2 * h * l);
        double[] vd = KernelRef.doubles(v, vOff, GUARD);
        double[] wd = KernelRef.doubles(w, wOff, GUARD);
        double[] zd = KernelRef.doubles(z, zOff, GUARD);
        float[] vf = KernelRef.floats(v, vOff, GUARD);
        float[] wf = KernelRef.floats(w, wOff, GUARD);
        float[] zf = KernelRef.floats(z, zOff, GUARD);
        if (conj) {
            k.cauchyConj(h, n, l, vd, vOff, wd, wOff, zd, zOff, out, OFF);
            k.cauchyConj(h, n, l, vf, vOff, wf, wOff, zf, zOff, of, OFF);
        } else {
            k.cauchy(h, n, l, vd, vOff, wd, wOff, zd, zOff, out, OFF);
            k.cauchy(h, n, l, vf, vOff, wf, wOff, zf, zOff, of, OFF);
        }
        return new double[][] {out, widen(of)};
    }

    @ParameterizedTest(name = "H={0} N={1} L={2}")
    @MethodSource("ssm4j.kernels.Shapes#arguments")
    void vandermondeAllFormsMatchRepeatedMultiplication(int h, int n, int l) {
        KernelRef.VandermondeInputs in = KernelRef.VandermondeInputs.random(17L * h + 5L * n + l, h, n, l);
        double[] q = KernelRef.exp(in.x());
        double[] qf = KernelRef.roundToFloat(q);
        double[][] ref = KernelRef.powers(h, n, l, in.v(), q);
        double[][] refF = KernelRef.powers(h, n, l, in.v(), qf);   // the powers form sees the float-rounded bases
        double[][] refT = KernelRef.transpose(h, n, l, in.u(), in.v(), q);
        double xmax = TestArrays.maxAbs(in.x());
        double rel = (n + 8 + l * (1 + xmax)) * 4 * U;

        // 2·Re form: real output, twice the real part of the complex sum
        double[] conjRef = new double[h * l];
        double[] conjMass = new double[h * l];
        for (int i = 0; i < h * l; i++) {
            conjRef[i] = 2 * ref[0][2 * i];
            conjMass[i] = 2 * ref[1][i];
        }
        double[] out = sentinel(h * l);
        scalar.vandermonde(h, n, l, KernelRef.doubles(in.v(), OFF, GUARD), OFF, KernelRef.doubles(in.x(), 1, GUARD), 1,
                out, OFF);
        checkReal("vandermonde fp64", out, conjRef, conjMass, rel);
        float[] of = sentinelF(h * l);
        scalar.vandermonde(h, n, l, KernelRef.floats(in.v(), OFF, GUARD), OFF, KernelRef.floats(in.x(), 1, GUARD), 1,
                of, OFF);
        checkReal("vandermonde fp32", widen(of), conjRef, conjMass, rel + UF);

        out = sentinel(2 * h * l);
        scalar.vandermondeComplex(h, n, l, KernelRef.doubles(in.v(), 0, GUARD), 0,
                KernelRef.doubles(in.x(), OFF, GUARD), OFF, out, OFF);
        check("vandermondeComplex fp64", out, ref, rel);
        of = sentinelF(2 * h * l);
        scalar.vandermondeComplex(h, n, l, KernelRef.floats(in.v(), 0, GUARD), 0, KernelRef.floats(in.x(), OFF, GUARD),
                OFF, of, OFF);
        check("vandermondeComplex fp32", widen(of), ref, rel + UF);

        // powers: the reference multiplies the same bases; the scalar tier uses the polar form |q|^l e^{i l arg q}
        out = sentinel(2 * h * l);
        scalar.vandermondePowers(h, n, l, KernelRef.doubles(in.v(), OFF, GUARD), OFF, KernelRef.doubles(q, 2, GUARD), 2,
                out, OFF);
        check("vandermondePowers fp64", out, ref, rel);
        of = sentinelF(2 * h * l);
        scalar.vandermondePowers(h, n, l, KernelRef.floats(in.v(), OFF, GUARD), OFF, KernelRef.floats(q, 2, GUARD), 2,
                of, OFF);
        check("vandermondePowers fp32", widen(of), refF, rel + UF);

        out = sentinel(2 * h * n);
        scalar.vandermondeTranspose(h, n, l, KernelRef.doubles(in.u(), 1, GUARD), 1,
                KernelRef.doubles(in.v(), OFF, GUARD), OFF, KernelRef.doubles(in.x(), 2, GUARD), 2, out, OFF);
        check("vandermondeTranspose fp64", out, refT, rel);
        of = sentinelF(2 * h * n);
        scalar.vandermondeTranspose(h, n, l, KernelRef.floats(in.u(), 1, GUARD), 1,
                KernelRef.floats(in.v(), OFF, GUARD), OFF, KernelRef.floats(in.x(), 2, GUARD), 2, of, OFF);
        check("vandermondeTranspose fp32", widen(of), refT, rel + UF);
    }

    @Test
    void badArgumentsAreRejectedNamingTheArgument() {
        float[] v = new float[2 * 3 * 4];
        float[] w = new float[2 * 3 * 4];
        float[] z = new float[2 * 5];
        float[] out = new float[2 * 3 * 5];
        expect("l", () -> scalar.cauchy(3, 4, 0, v, 0, w, 0, z, 0, out, 0));
        expect("h", () -> scalar.cauchyConj(0, 4, 5, v, 0, w, 0, z, 0, out, 0));
        expect("n", () -> scalar.cauchyConj(3, -1, 5, v, 0, w, 0, z, 0, out, 0));
        expect("out", () -> scalar.cauchy(3, 4, 5, v, 0, w, 0, z, 0, out, 1));
        expect("v", () -> scalar.cauchy(3, 4, 5, v, 2, w, 0, z, 0, out, 0));
        expect("z", () -> scalar.cauchyConj(3, 4, 6, v, 0, w, 0, z, 0, new float[2 * 3 * 6], 0));
        expect("w", () -> scalar.cauchy(3, 4, 5, v, 0, w, -1, z, 0, out, 0));
        float[] wn = w.clone();
        wn[7] = Float.NaN;
        expect("w", () -> scalar.cauchyConj(3, 4, 5, v, 0, wn, 0, z, 0, out, 0));
        double[] zd = new double[2 * 5];
        zd[3] = Double.POSITIVE_INFINITY;
        expect("z", () -> scalar.cauchy(3, 4, 5, new double[24], 0, new double[24], 0, zd, 0, new double[30], 0));
        float[] xn = w.clone();
        xn[0] = Float.NaN;
        expect("x", () -> scalar.vandermonde(3, 4, 5, v, 0, xn, 0, new float[15], 0));
        expect("out", () -> scalar.vandermonde(3, 4, 5, v, 0, w, 0, new float[14], 0));
        expect("out", () -> scalar.vandermondeComplex(3, 4, 5, v, 0, w, 0, new float[15], 0));
        expect("q", () -> scalar.vandermondePowers(3, 4, 5, v, 0, xn, 0, new float[30], 0));
        expect("u", () -> scalar.vandermondeTranspose(3, 4, 5, new float[14], 0, v, 0, w, 0, new float[24], 0));
        expect("out", () -> scalar.vandermondeTranspose(3, 4, 5, new float[15], 0, v, 0, w, 0, new float[23], 0));
        expect("l", () -> scalar.vandermondeTranspose(3, 4, 0, new float[15], 0, v, 0, w, 0, new float[24], 0));
        expect("v", () -> scalar.vandermonde(3, 4, 5, null, 0, w, 0, new float[15], 0));
    }

    private static void expect(String arg, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(arg + ":"), () -> "message should name '" + arg + "': " + e.getMessage());
    }

    static double[] sentinel(int count) {
        double[] a = new double[OFF + count + GUARD];
        java.util.Arrays.fill(a, SENTINEL);
        return a;
    }

    static float[] sentinelF(int count) {
        float[] a = new float[OFF + count + GUARD];
        java.util.Arrays.fill(a, (float) SENTINEL);
        return a;
    }

    static double[] widen(float[] f) {
        return Precision.widen("got", f);
    }

    /** Complex output at OFF vs ref[0] (complex) within rel·ref[1] (mass) per element; guards intact. */
    static void check(String what, double[] got, double[][] ref, double rel) {
        check(what, got, ref, rel, floor(what));
    }

    /** As {@link #check(String, double[], double[][], double)} with an absolute floor {@code abs} per element. */
    static void check(String what, double[] got, double[][] ref, double rel, double abs) {
        double[] k = ref[0];
        double[] mass = ref[1];
        guards(what, got, k.length);
        for (int i = 0; i < mass.length; i++) {
            double err = Math.hypot(got[OFF + 2 * i] - k[2 * i], got[OFF + 2 * i + 1] - k[2 * i + 1]);
            double tol = rel * mass[i] + abs;
            if (!(err <= tol)) {
                throw new AssertionError(what + ": element " + i + " error " + err + " > " + tol + " (mass "
                        + mass[i] + ")");
            }
        }
    }

    /** Real output at OFF vs ref within rel·mass per element; guards intact. */
    static void checkReal(String what, double[] got, double[] ref, double[] mass, double rel) {
        checkReal(what, got, ref, mass, rel, floor(what));
    }

    /** As {@link #checkReal(String, double[], double[], double[], double)} with an absolute floor {@code abs}. */
    static void checkReal(String what, double[] got, double[] ref, double[] mass, double rel, double abs) {
        guards(what, got, ref.length);
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(got[OFF + i] - ref[i]);
            double tol = rel * mass[i] + abs;
            if (!(err <= tol)) {
                throw new AssertionError(what + ": element " + i + " error " + err + " > " + tol);
            }
        }
    }

    /** Absolute floor: a float output below the normal range is rounded to a multiple of 2^-149. */
    private static double floor(String what) {
        return what.contains("fp32") ? Float.MIN_VALUE : Double.MIN_VALUE;
    }

    private static void guards(String what, double[] got, int count) {
        for (int i = 0; i < OFF; i++) {
            assertEquals(SENTINEL, got[i], what + ": guard before the output was written");
        }
        for (int i = OFF + count; i < got.length; i++) {
            assertEquals(SENTINEL, got[i], what + ": guard after the output was written");
        }
    }
}
