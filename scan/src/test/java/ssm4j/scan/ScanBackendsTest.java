package ssm4j.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssm4j.scan.ScanRef.EPS32;
import static ssm4j.scan.ScanRef.EPS64;
import static ssm4j.scan.ScanRef.bound;
import static ssm4j.scan.ScanRef.d;
import static ssm4j.scan.ScanRef.f;
import static ssm4j.scan.ScanRef.maxErr;
import static ssm4j.scan.ScanRef.uniform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.DiagScanShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.SsuShape;

/**
 * Every scan primitive of the scalar and vector tiers, through the validating facade, against the direct fp64
 * formulas of {@link ScanRef}, on awkward sizes, with NaN guard cells after every output that must survive.
 */
class ScanBackendsTest {
    static Stream<Arguments> backends() {
        List<Arguments> out = new ArrayList<>();
        for (String b : List.of("scalar", "vector")) {
            for (int t : new int[] {1, 2, 3}) {
                out.add(Arguments.of(b, t));
            }
        }
        return out.stream();
    }

    private static final int GUARD = 3;

    private static float[] guarded(int n) {
        float[] a = new float[n + GUARD];
        Arrays.fill(a, n, n + GUARD, Float.NaN);
        return a;
    }

    private static double[] guardedD(int n) {
        double[] a = new double[n + GUARD];
        Arrays.fill(a, n, n + GUARD, Double.NaN);
        return a;
    }

    private static void guardsIntact(float[] a, int n, String what) {
        for (int i = n; i < a.length; i++) {
            assertTrue(Float.isNaN(a[i]), what + ": guard cell " + i + " overwritten");
        }
    }

    private static void guardsIntact(double[] a, int n, String what) {
        for (int i = n; i < a.length; i++) {
            assertTrue(Double.isNaN(a[i]), what + ": guard cell " + i + " overwritten");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void diagScanAwkwardSizes(String backend, int threads) {
        SsmKernel k = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(11);
        double rho = 0.98;                       // memory 1/(1 − 0.98) = 50 steps
        for (int n : new int[] {1, 2, 3, 7, 16, 17, 33}) {
            for (int len : new int[] {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4097}) {
                for (int h : new int[] {1, 3}) {
                    for (boolean cplx : new boolean[] {false, true}) {
                        int nb = r.nextInt(2) + 1;
                        DiagScanShape s = new DiagScanShape(nb, h, n, len, cplx);
                        double[][] p = ScanRef.diagParams(r, s, rho);
                        double[] dd = r.nextBoolean() ? uniform(r, h, -1, 1) : null;
                        double[] x0 = r.nextBoolean() ? uniform(r, (int) s.stateSize(), -1, 1) : null;
                        double[] u = uniform(r, (int) s.seqSize(), -1, 1);
                        // fp32: the reference sees the rounded inputs
                        float[] af = f(p[0]), bf = f(p[1]), cf = f(p[2]), df = f(dd), xf = f(x0), uf = f(u);
                        ScanRef.Result ref = ScanRef.diag(s, d(af), d(bf), d(cf), d(df), d(xf), d(uf));
                        int ny = (int) s.seqSize();
                        int ns = (int) s.stateSize();
                        float[] y = guarded(ny);
                        float[] st = guarded(ns);
                        k.diagScan(s, af, bf, cf, df, xf, uf, y, st);
                        String what = backend + "/" + threads + " " + s;
                        double tol = bound(EPS32, 1 / (1 - rho), n, ref.scale() + 1);
                        assertTrue(maxErr(y, ref.y()) <= tol, what + " y err " + maxErr(y, ref.y()) + " > " + tol);
                        assertTrue(maxErr(st, ref.state()) <= tol, what + " state err " + maxErr(st, ref.state()));
                        guardsIntact(y, ny, what + " y");
                        guardsIntact(st, ns, what + " state");
                        // fp64
                        ScanRef.Result r64 = ScanRef.diag(s, p[0], p[1], p[2], dd, x0, u);
                        double[] y64 = guardedD(ny);
                        double[] st64 = guardedD(ns);
                        k.diagScan(s, p[0], p[1], p[2], dd, x0, u, y64, st64);
                        double tol64 = bound(EPS64, 1 / (1 - rho), n, r64.scale() + 1);
                        assertTrue(maxErr(y64, r64.y()) <= tol64, what + " fp64 y err " + maxErr(y64, r64.y()));
                        assertTrue(maxErr(st64, r64.state()) <= tol64, what + " fp64 state");
                        guardsIntact(y64, ny, what + " fp64 y");
                        guardsIntact(st64, ns, what + " fp64 state");
                    }
                }
            }
        }
    }

    /** One random selective-scan configuration; every option drawn. */
    record SelCase(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                   double[] dv, double[] z, double[] bias, double[] x0, double memory) {
        static SelCase random(SplittableRandom r, int nb, int dim, int n, int len, BcLayout bl, BcLayout cl,
                              int groups, boolean cplx, boolean softplus, int[] starts) {
            SelectiveScanShape s = new SelectiveScanShape(nb, dim, n, len, bl, cl, groups, cplx, softplus, starts);
            int sz = (int) s.seqSize();
            // δ in [0.05, 0.6] after softplus/bias; Re A in [−4, −1]: |e^{δA}| ≤ e^{−0.05}, memory ≤ 21 steps
            double[] bias = r.nextBoolean() ? uniform(r, dim, -0.2, 0.2) : null;
            double[] delta = new double[sz];
            for (int i = 0; i < sz; i++) {
                double target = 0.25 + 0.35 * r.nextDouble();
                double raw = softplus ? Math.log(Math.expm1(target)) : target;
                delta[i] = raw - (bias == null ? 0 : bias[(i / len) % dim]);
            }
            double[] a = new double[dim * n * (cplx ? 2 : 1)];
            for (int i = 0; i < dim * n; i++) {
                if (cplx) {
                    a[2 * i] = -1 - 3 * r.nextDouble();
                    a[2 * i + 1] = 4 * (2 * r.nextDouble() - 1);
                } else {
                    a[i] = -1 - 3 * r.nextDouble();
                }
            }
            return new SelCase(s, uniform(r, sz, -1, 1), delta, a, uniform(r, (int) s.bcSize(true), -1, 1),
                    uniform(r, (int) s.bcSize(false), -1, 1), r.nextBoolean() ? uniform(r, dim, -1, 1) : null,
                    r.nextBoolean() ? uniform(r, sz, -3, 3) : null, bias,
                    r.nextBoolean() ? uniform(r, (int) s.stateSize(), -1, 1) : null, 1 / (1 - Math.exp(-0.05)));
        }
    }

    private static void checkSelective(SsmKernel k, SelCase c, String what) {
        SelectiveScanShape s = c.s();
        int no = (int) s.seqSize();
        int ns = (int) s.stateSize();
        float[] uf = f(c.u()), df = f(c.delta()), af = f(c.a()), bf = f(c.b()), cf = f(c.c()), dvf = f(c.dv());
        float[] zf = f(c.z()), biasf = f(c.bias()), xf = f(c.x0());
        ScanRef.Result ref = ScanRef.selective(s, d(uf), d(df), d(af), d(bf), d(cf), d(dvf), d(zf), d(biasf), d(xf));
        float[] out = guarded(no);
        float[] last = guarded(ns);
        k.selectiveScan(s, uf, df, af, bf, cf, dvf, zf, biasf, xf, out, last);
        double tol = bound(EPS32, c.memory(), s.dstate(), ref.scale() + 1);
        assertTrue(maxErr(out, ref.y()) <= tol, what + " out err " + maxErr(out, ref.y()) + " > " + tol);
        assertTrue(maxErr(last, ref.state()) <= tol, what + " lastState err " + maxErr(last, ref.state()));
        guardsIntact(out, no, what + " out");
        guardsIntact(last, ns, what + " lastState");
        ScanRef.Result r64 = ScanRef.selective(s, c.u(), c.delta(), c.a(), c.b(), c.c(), c.dv(), c.z(), c.bias(),
                c.x0());
        double[] out64 = guardedD(no);
        double[] last64 = guardedD(ns);
        k.selectiveScan(s, c.u(), c.delta(), c.a(), c.b(), c.c(), c.dv(), c.z(), c.bias(), c.x0(), out64, last64);
        double tol64 = bound(EPS64, c.memory(), s.dstate(), r64.scale() + 1);
        assertTrue(maxErr(out64, r64.y()) <= tol64, what + " fp64 out err " + maxErr(out64, r64.y()));
        assertTrue(maxErr(last64, r64.state()) <= tol64, what + " fp64 lastState");
        guardsIntact(out64, no, what + " fp64 out");
        guardsIntact(last64, ns, what + " fp64 lastState");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void selectiveScanEveryOption(String backend, int threads) {
        SsmKernel k = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(7 + threads);
        int[] dims = {1, 3, 13, 24};
        int[] ns = {1, 2, 3, 7, 16, 17};
        int[] lens = {1, 2, 3, 17, 64, 65, 300};
        BcLayout[] lays = BcLayout.values();
        for (int it = 0; it < 160; it++) {
            int dim = dims[r.nextInt(dims.length)];
            int groups = dim % 3 == 0 ? 3 : dim % 2 == 0 ? 2 : 1;
            BcLayout bl = lays[it % 3];
            BcLayout cl = lays[(it / 3) % 3];
            SelCase c = SelCase.random(r, 1 + r.nextInt(2), dim, ns[r.nextInt(ns.length)],
                    lens[r.nextInt(lens.length)], bl, cl, bl == BcLayout.GROUPED || cl == BcLayout.GROUPED ? groups : 1,
                    it % 7 == 3, (it & 8) != 0, null);
            checkSelective(k, c, backend + "/" + threads + " #" + it + " " + c.s());
        }
    }

    /** Packed variable-length batch (8.3 reset) = running every sequence alone with its own x0. */
    @ParameterizedTest
    @MethodSource("backends")
    void packedSequencesEqualSeparateRuns(String backend, int threads) {
        SsmKernel k = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(5);
        int[] starts = {0, 1, 18, 50, 115};
        int dim = 11;
        int n = 5;
        int len = starts[starts.length - 1];
        SelCase c = SelCase.random(r, 1, dim, n, len, BcLayout.PER_TIME, BcLayout.GROUPED, 1, false, true, starts);
        SelectiveScanShape s = c.s();
        float[] out = new float[len * dim];
        float[] last = new float[(starts.length - 1) * dim * n];
        float[] x0 = c.x0() == null ? f(uniform(r, (int) s.stateSize(), -1, 1)) : f(c.x0());
        k.selectiveScan(s, f(c.u()), f(c.delta()), f(c.a()), f(c.b()), f(c.c()), f(c.dv()), f(c.z()),
                f(c.bias()), x0, out, last);
        for (int q = 0; q + 1 < starts.length; q++) {
            int t0 = starts[q];
            int l1 = starts[q + 1] - t0;
            SelectiveScanShape one = new SelectiveScanShape(1, dim, n, l1, BcLayout.PER_TIME, BcLayout.GROUPED, 1,
                    false, true);
            float[] uu = sliceRows(f(c.u()), dim, len, t0, l1);
            float[] dl = sliceRows(f(c.delta()), dim, len, t0, l1);
            float[] zz = c.z() == null ? null : sliceRows(f(c.z()), dim, len, t0, l1);
            float[] bb = sliceRows(f(c.b()), n, len, t0, l1);
            float[] cc = sliceRows(f(c.c()), n, len, t0, l1);
            float[] o1 = new float[dim * l1];
            float[] s1 = new float[dim * n];
            k.selectiveScan(one, uu, dl, f(c.a()), bb, cc, f(c.dv()), zz, f(c.bias()),
                    Arrays.copyOfRange(x0, q * dim * n, (q + 1) * dim * n), o1, s1);
            // the same code on the same numbers: equal to the last bit
            assertArrayEquals(o1, sliceRows(out, dim, len, t0, l1), backend + " sequence " + q + " out");
            assertArrayEquals(s1, Arrays.copyOfRange(last, q * dim * n, (q + 1) * dim * n),
                    backend + " sequence " + q + " state");
        }
    }

    /** rows × len → rows × l1 starting at t0. */
    static float[] sliceRows(float[] a, int rows, int len, int t0, int l1) {
        float[] o = new float[rows * l1];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * len + t0, o, i * l1, l1);
        }
        return o;
    }

    /** scan(L1) then scan(L2) from the carried state = scan(L1 + L2), selective and diagonal. */
    @ParameterizedTest
    @MethodSource("backends")
    void carriedStateSplitsTheSequence(String backend, int threads) {
        SsmKernel k = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(3);
        int dim = 9;
        int n = 16;
        int l1 = 37;
        int l2 = 60;
        int len = l1 + l2;
        SelCase c = SelCase.random(r, 2, dim, n, len, BcLayout.PER_TIME, BcLayout.PER_TIME, 1, false, true, null);
        SelectiveScanShape s = c.s();
        float[] out = new float[(int) s.seqSize()];
        float[] last = new float[(int) s.stateSize()];
        float[] x0 = f(uniform(r, (int) s.stateSize(), -1, 1));
        k.selectiveScan(s, f(c.u()), f(c.delta()), f(c.a()), f(c.b()), f(c.c()), f(c.dv()), f(c.z()),
                f(c.bias()), x0, out, last);
        float[] carried = new float[(int) s.stateSize()];
        float[] outSplit = new float[(int) s.seqSize()];
        int[][] parts = {{0, l1}, {l1, l2}};
        float[] state = x0;
        for (int[] part : parts) {
            SelectiveScanShape sp = new SelectiveScanShape(2, dim, n, part[1], BcLayout.PER_TIME, BcLayout.PER_TIME,
                    1, false, true);
            float[] o = new float[2 * dim * part[1]];
            k.selectiveScan(sp, sliceRows(f(c.u()), 2 * dim, len, part[0], part[1]),
                    sliceRows(f(c.delta()), 2 * dim, len, part[0], part[1]), f(c.a()),
                    sliceRows(f(c.b()), 2 * n, len, part[0], part[1]),
                    sliceRows(f(c.c()), 2 * n, len, part[0], part[1]),
                    f(c.dv()), c.z() == null ? null : sliceRows(f(c.z()), 2 * dim, len, part[0], part[1]),
                    f(c.bias()), state, o, carried);
            for (int row = 0; row < 2 * dim; row++) {
                System.arraycopy(o, row * part[1], outSplit, row * len + part[0], part[1]);
            }
            state = carried.clone();
        }
        // each step is computed by identical code from identical inputs: bitwise equal
        assertArrayEquals(out, outSplit, backend + " split out");
        assertArrayEquals(last, state, backend + " split state");

        // diagonal: split at l1, within the rounding of the chunked evaluation (8.3) when the vector tier chunks
        DiagScanShape ds = new DiagScanShape(1, 2, 7, 5000, true);
        double[][] p = ScanRef.diagParams(r, ds, 0.99);
        float[] u = f(uniform(r, (int) ds.seqSize(), -1, 1));
        float[] y = new float[(int) ds.seqSize()];
        float[] st = new float[(int) ds.stateSize()];
        k.diagScan(ds, f(p[0]), f(p[1]), f(p[2]), null, null, u, y, st);
        int m1 = 2100;
        DiagScanShape d1 = new DiagScanShape(1, 2, 7, m1, true);
        DiagScanShape d2 = new DiagScanShape(1, 2, 7, 5000 - m1, true);
        float[] y1 = new float[2 * m1];
        float[] y2 = new float[2 * (5000 - m1)];
        float[] s1 = new float[(int) ds.stateSize()];
        float[] s2 = new float[(int) ds.stateSize()];
        k.diagScan(d1, f(p[0]), f(p[1]), f(p[2]), null, null, sliceRows(u, 2, 5000, 0, m1), y1, s1);
        k.diagScan(d2, f(p[0]), f(p[1]), f(p[2]), null, s1, sliceRows(u, 2, 5000, m1, 5000 - m1), y2, s2);
        ScanRef.Result ref = ScanRef.diag(ds, d(f(p[0])), d(f(p[1])), d(f(p[2])), null, null, d(u));
        double tol = bound(EPS32, 100, 7, ref.scale() + 1);
        double err = Math.max(maxErr(sliceRows(y, 2, 5000, 0, m1), Arrays.copyOf(d(y1), 2 * m1)),
                maxErr(sliceRows(y, 2, 5000, m1, 5000 - m1), d(y2)));
        assertTrue(err <= 2 * tol, backend + " diag split err " + err + " > " + 2 * tol);
        assertTrue(maxErr(st, d(s2)) <= 2 * tol, backend + " diag split state");
    }

    /** L decoding steps from a zero state = one scan of length L (7.3), fp32 and fp64; heads and groups. */
    @ParameterizedTest
    @MethodSource("backends")
    void stateUpdateStepsEqualOneScan(String backend, int threads) {
        SsmKernel k = Backends.byName(backend, threads);
        SplittableRandom r = new SplittableRandom(9);
        for (int n : new int[] {1, 3, 16, 17}) {
            int dim = 13;
            int nb = 2;
            int len = 23;
            SelCase c = SelCase.random(r, nb, dim, n, len, BcLayout.PER_TIME, BcLayout.PER_TIME, 1, false,
                    n != 3, null);
            SelectiveScanShape s = c.s();
            double[] out = new double[(int) s.seqSize()];
            double[] last = new double[(int) s.stateSize()];
            k.selectiveScan(s, c.u(), c.delta(), c.a(), c.b(), c.c(), c.dv(), c.z(), c.bias(), null, out, last);
            SsuShape ss = new SsuShape(nb, 1, dim, n, 1, s.deltaSoftplus());
            double[] state = new double[(int) ss.stateSize()];
            float[] state32 = new float[(int) ss.stateSize()];
            double[] o = new double[nb * dim];
            float[] o32 = new float[nb * dim];
            double maxOut = 0;
            double err32 = 0;
            for (int t = 0; t < len; t++) {
                double[] x = col(c.u(), nb * dim, len, t);
                double[] dt = col(c.delta(), nb * dim, len, t);
                double[] z = c.z() == null ? null : col(c.z(), nb * dim, len, t);
                double[] bt = col(c.b(), nb * n, len, t);
                double[] ct = col(c.c(), nb * n, len, t);
                k.selectiveStateUpdate(ss, state, x, dt, c.a(), bt, ct, c.dv(), z, c.bias(), o);
                k.selectiveStateUpdate(ss, state32, f(x), f(dt), f(c.a()), f(bt), f(ct), f(c.dv()), f(z),
                        f(c.bias()), o32);
                for (int i = 0; i < nb * dim; i++) {
                    double ref = out[i * len + t];
                    maxOut = Math.max(maxOut, Math.abs(ref));
                    // fp64 steps against the fp64 scan: the same operations in the same order
                    assertTrue(Math.abs(o[i] - ref) <= 64 * EPS64 * (Math.abs(ref) + 1), backend + " fp64 step " + t);
                    err32 = Math.max(err32, Math.abs(o32[i] - ref));
                }
            }
            assertTrue(maxErr(state, last) <= 64 * EPS64 * 10, backend + " fp64 state");
            double tol = bound(EPS32, c.memory(), n, maxOut + 1);
            assertTrue(err32 <= tol, backend + " fp32 steps err " + err32 + " > " + tol);
        }
        // heads and groups: direct formula of (7.3) per (b, head, d)
        SsuShape hs = new SsuShape(2, 4, 5, 7, 2, true);
        int rows = (int) hs.rowSize();
        double[] state = uniform(r, (int) hs.stateSize(), -1, 1);
        double[] x = uniform(r, rows, -1, 1);
        double[] dt = uniform(r, rows, -1, 1);
        double[] a = uniform(r, 4 * 5 * 7, -3, -0.5);
        double[] b = uniform(r, 2 * 2 * 7, -1, 1);
        double[] cc = uniform(r, 2 * 2 * 7, -1, 1);
        double[] dd = uniform(r, 20, -1, 1);
        double[] z = uniform(r, rows, -2, 2);
        double[] bias = uniform(r, 20, -0.5, 0.5);
        double[] expState = state.clone();
        double[] expOut = new double[rows];
        for (int bi = 0; bi < 2; bi++) {
            for (int h = 0; h < 4; h++) {
                int g = h / 2;
                for (int di = 0; di < 5; di++) {
                    int row = (bi * 4 + h) * 5 + di;
                    double step = ScanRef.softplus(dt[row] + bias[h * 5 + di]);
                    double y = 0;
                    for (int j = 0; j < 7; j++) {
                        int si = row * 7 + j;
                        expState[si] = Math.exp(step * a[(h * 5 + di) * 7 + j]) * expState[si]
                                + step * b[(bi * 2 + g) * 7 + j] * x[row];
                        y += expState[si] * cc[(bi * 2 + g) * 7 + j];
                    }
                    expOut[row] = (y + dd[h * 5 + di] * x[row]) * z[row] / (1 + Math.exp(-z[row]));
                }
            }
        }
        double[] out = new double[rows + GUARD];
        Arrays.fill(out, rows, rows + GUARD, Double.NaN);
        k.selectiveStateUpdate(hs, state, x, dt, a, b, cc, dd, z, bias, out);
        assertTrue(maxErr(out, expOut) <= 1e-14, backend + " heads/groups out");
        assertTrue(maxErr(state, expState) <= 1e-14, backend + " heads/groups state");
        guardsIntact(out, rows, backend + " ssu out");
    }

    static double[] col(double[] a, int rows, int len, int t) {
        double[] o = new double[rows];
        for (int i = 0; i < rows; i++) {
            o[i] = a[i * len + t];
        }
        return o;
    }
}
