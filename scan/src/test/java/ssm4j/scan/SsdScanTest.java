package ssm4j.scan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssm4j.scan.ScanRef.EPS32;
import static ssm4j.scan.ScanRef.EPS64;
import static ssm4j.scan.ScanRef.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;

/**
 * The Mamba-2 SSD scan (SPEC 12) on both tiers: the vector tier (chunked and sequential paths, time split)
 * against the scalar recurrence on awkward sizes; the SSD against the selective scan with A broadcast per head;
 * one call against two calls carrying the state; thread counts; packed sequences against separate calls; the
 * fp32 accuracy at L = 4096 (12.7.5); bad arguments named.
 */
class SsdScanTest {
    private static final SsmKernel SCALAR = Backends.byName("scalar", 1);

    /** max|got − ref| / max|ref| over every output present in both. */
    private static double err(SsdInputs.Out got, SsdInputs.Out ref) {
        return Math.max(Math.max(rel(got.y(), ref.y()), rel(got.fin(), ref.fin())),
                Math.max(rel(got.chunk(), ref.chunk()), rel(got.prev(), ref.prev())));
    }

    private static double rel(double[] got, double[] ref) {
        if (got == null || ref == null) {
            return 0;
        }
        double m = 0;
        double e = 0;
        for (int i = 0; i < ref.length; i++) {
            m = Math.max(m, Math.abs(ref[i]));
            e = Math.max(e, Math.abs(got[i] - ref[i]));
            if (Double.isNaN(got[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return e / Math.max(m, 1e-30);
    }

    /**
     * fp32 bound relative to the largest output: each output or state entry is a sum of at most Q + N rounded
     * products (12.4a + 12.4d, or 12.4b), plus the rounding of the decays and of the inputs to float; 4 ulp per
     * term is the usual worst-case constant for such sums.
     */
    private static double bound32(SsdScanShape s) {
        return 4 * EPS32 * (Math.min(s.chunkSize(), s.length()) + s.dstate() + s.headdim() + 16);
    }

    /** The awkward grid of the issue: L around Q, Q from 1 to 256 (also above L), G in {1, 2, H}, P, N. */
    static Stream<Arguments> awkward() {
        List<Arguments> out = new ArrayList<>();
        int[] qs = {1, 16, 64, 256};
        int[] ps = {1, 3, 64};
        int[] ns = {1, 16, 17, 128};
        int i = 0;
        for (int q : qs) {
            for (int l : new int[] {1, 2, q - 1, q, q + 1, 3 * q + 5}) {
                if (l < 1) {
                    continue;
                }
                int g = new int[] {1, 2, 4}[i % 3];
                int p = ps[i % 3 == 0 ? 2 : i % 2];
                int n = ns[i % 4];
                out.add(Arguments.of(l, q, g, p, n, i));
                i++;
            }
        }
        for (int p : ps) {
            for (int n : ns) {
                out.add(Arguments.of(37, 16, 2, p, n, i++));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "L={0} Q={1} G={2} P={3} N={4}")
    @MethodSource("awkward")
    void vectorMatchesScalar(int l, int q, int g, int p, int n, int seed) {
        int batch = 1 + seed % 2;
        SsdScanShape s = SsdScanShape.of(batch, l, 4, p, g, n, q).withDtSoftplus(seed % 3 != 1)
                .withDPerHeaddim(seed % 4 == 3);
        if (seed % 5 == 2) {
            s = s.withDtLimit(0.01, 0.4);
        }
        SsdInputs in = new SsdInputs(s, 1000 + seed, seed % 2 == 0);
        SsdInputs.Out ref = in.run(SCALAR, false, true);
        for (int threads : new int[] {1, 3}) {
            SsmKernel v = Backends.byName("vector", threads);
            double e = err(in.run(v, true, true), ref);
            assertTrue(e <= bound32(s), s + " threads=" + threads + ": fp32 error " + e + " > " + bound32(s));
            // without intermediates the short sequences take the sequential path: same results
            double e2 = err(in.run(v, true, false), ref);
            assertTrue(e2 <= bound32(s), s + " threads=" + threads + " (no intermediates): " + e2);
            double e64 = err(in.run(v, false, true), ref);
            assertTrue(e64 <= 1e3 * EPS64, s + ": fp64 " + e64);
        }
    }

    /** 12.2: the SSD is the selective scan with channel d = h·P + p, A[d,n] = A[h], δ_d = δ[h], grouped B, C. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void equalsSelectiveScanWithBroadcastA(String backend) {
        int bt = 2;
        int l = 45;
        int h = 4;
        int p = 3;
        int g = 2;
        int n = 17;
        SsdScanShape s = SsdScanShape.of(bt, l, h, p, g, n, 16).withDtSoftplus(true);
        SsdInputs in = new SsdInputs(s, 7, true);
        int dim = h * p;
        double[] u = new double[bt * dim * l];
        double[] delta = new double[bt * dim * l];
        double[] zz = new double[bt * dim * l];
        double[] bb = new double[bt * g * n * l];
        double[] cc = new double[bt * g * n * l];
        double[] aa = new double[dim * n];
        double[] dd = new double[dim];
        double[] bias = new double[dim];
        for (int ch = 0; ch < dim; ch++) {
            Arrays.fill(aa, ch * n, ch * n + n, in.a[ch / p]);
            dd[ch] = in.d[ch / p];
            bias[ch] = in.dtBias[ch / p];
        }
        for (int b = 0; b < bt; b++) {
            for (int t = 0; t < l; t++) {
                for (int ch = 0; ch < dim; ch++) {
                    int src = (b * l + t) * dim + ch;
                    int dst = (b * dim + ch) * l + t;
                    u[dst] = in.x[src];
                    zz[dst] = in.z[src];
                    delta[dst] = in.dt[(b * l + t) * h + ch / p];
                }
                for (int k = 0; k < g * n; k++) {
                    bb[(b * g * n + k) * l + t] = in.b[(b * l + t) * g * n + k];
                    cc[(b * g * n + k) * l + t] = in.c[(b * l + t) * g * n + k];
                }
            }
        }
        SelectiveScanShape ss = new SelectiveScanShape(bt, dim, n, l, BcLayout.GROUPED, BcLayout.GROUPED, g, false,
                true);
        SsmKernel k = Backends.byName(backend, 2);
        double[] out = new double[bt * dim * l];
        double[] last = new double[bt * dim * n];
        k.selectiveScan(ss, u, delta, aa, bb, cc, dd, zz, bias, null, out, last);
        double[] y = new double[(int) s.seqSize()];
        double[] fin = new double[(int) s.stateSize()];
        k.ssdScan(s, in.x, in.dt, in.a, in.b, in.c, in.d, in.z, in.dtBias, null, y, fin, null, null);
        double[] yT = new double[y.length];
        for (int b = 0; b < bt; b++) {
            for (int t = 0; t < l; t++) {
                for (int ch = 0; ch < dim; ch++) {
                    yT[(b * dim + ch) * l + t] = y[(b * l + t) * dim + ch];
                }
            }
        }
        assertTrue(rel(yT, out) <= 1e3 * EPS64, "y vs selective scan: " + rel(yT, out));
        assertTrue(rel(fin, last) <= 1e3 * EPS64, "final state vs last_state: " + rel(fin, last));
        // and in fp32, both through their fp32 kernels
        float[] out32 = new float[out.length];
        k.selectiveScan(ss, f(u), f(delta), f(aa), f(bb), f(cc), f(dd), f(zz), f(bias), null, out32, null);
        float[] y32 = new float[y.length];
        k.ssdScan(s, f(in.x), f(in.dt), f(in.a), f(in.b), f(in.c), f(in.d), f(in.z), f(in.dtBias), null, y32, null,
                null, null);
        for (int b = 0; b < bt; b++) {
            for (int t = 0; t < l; t++) {
                for (int ch = 0; ch < dim; ch++) {
                    yT[(b * dim + ch) * l + t] = y32[(b * l + t) * dim + ch];
                }
            }
        }
        assertTrue(rel(yT, ScanRef.d(out32)) <= 2 * bound32(s), "fp32 y vs selective scan");
    }

    static Stream<String> tiers() {
        return Stream.of("scalar", "vector");
    }

    /** Splitting the sequence anywhere and carrying the state gives the one-call result. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void twoCallsCarryTheState(String backend) {
        SsmKernel k = Backends.byName(backend, 2);
        int l = 150;
        SsdScanShape s = SsdScanShape.of(2, l, 6, 5, 3, 16, 32).withDtSoftplus(true);
        SsdInputs in = new SsdInputs(s, 11, true);
        float[] yAll = new float[(int) s.seqSize()];
        float[] finAll = new float[(int) s.stateSize()];
        k.ssdScan(s, f(in.x), f(in.dt), f(in.a), f(in.b), f(in.c), f(in.d), f(in.z), f(in.dtBias), f(in.init), yAll,
                finAll, null, null);
        for (int cut : new int[] {1, 31, 32, 77, 149}) {
            float[] state = f(in.init);
            float[] y = new float[yAll.length];
            int[] from = {0, cut};
            int[] to = {cut, l};
            for (int part = 0; part < 2; part++) {
                int len = to[part] - from[part];
                SsdScanShape sp = s.withLength(len);
                float[] yp = new float[(int) sp.seqSize()];
                // the state is updated in place (initialStates == finalStates)
                k.ssdScan(sp, slice(in.x, from[part], len, l, 6 * 5), slice(in.dt, from[part], len, l, 6),
                        f(in.a), slice(in.b, from[part], len, l, 3 * 16), slice(in.c, from[part], len, l, 3 * 16),
                        f(in.d), slice(in.z, from[part], len, l, 6 * 5), f(in.dtBias), state, yp, state, null, null);
                for (int b = 0; b < 2; b++) {
                    System.arraycopy(yp, b * len * 30, y, (b * l + from[part]) * 30, len * 30);
                }
            }
            double bound = bound32(s);
            assertTrue(rel(ScanRef.d(y), ScanRef.d(yAll)) <= bound, "cut " + cut + " y");
            assertTrue(rel(ScanRef.d(state), ScanRef.d(finAll)) <= bound, "cut " + cut + " state");
        }
    }

    /** Rows [from, from+len) of every batch row of a (B, L, width) array, as float. */
    private static float[] slice(double[] a, int from, int len, int l, int width) {
        int bt = a.length / (l * width);
        float[] o = new float[bt * len * width];
        for (int b = 0; b < bt; b++) {
            for (int i = 0; i < len * width; i++) {
                o[b * len * width + i] = (float) a[(b * l + from) * width + i];
            }
        }
        return o;
    }

    /** 1, 2 and 3 threads agree to rounding, including the time split (one head: items < threads). */
    @Test
    void threadCountsAgree() {
        for (int heads : new int[] {1, 12}) {
            SsdScanShape s = SsdScanShape.of(1, 700, heads, 16, 1, 32, 16).withDtSoftplus(true);
            SsdInputs in = new SsdInputs(s, 21, true);
            SsdInputs.Out one = in.run(Backends.byName("vector", 1), true, true);
            SsdInputs.Out ref = in.run(SCALAR, false, true);
            for (int t : new int[] {2, 3}) {
                SsdInputs.Out got = in.run(Backends.byName("vector", t), true, true);
                assertTrue(err(got, one) <= bound32(s), "H=" + heads + " threads " + t + " vs 1: " + err(got, one));
                assertTrue(err(got, ref) <= bound32(s), "H=" + heads + " threads " + t + " vs scalar");
            }
        }
    }

    /** A packed batch (seqStarts) equals each sequence run alone with its own initial state. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tiers")
    void packedSequencesEqualSeparateCalls(String backend) {
        SsmKernel k = Backends.byName(backend, 2);
        int[] starts = {0, 5, 90, 91, 200};
        int l = 200;
        int h = 4;
        int p = 8;
        int gn = 2 * 16;
        SsdScanShape s = SsdScanShape.of(1, l, h, p, 2, 16, 32).withDtSoftplus(true).withSeqStarts(starts);
        SsdInputs in = new SsdInputs(s, 31, true);
        float[] y = new float[(int) s.seqSize()];
        float[] fin = new float[(int) s.stateSize()];
        k.ssdScan(s, f(in.x), f(in.dt), f(in.a), f(in.b), f(in.c), f(in.d), f(in.z), f(in.dtBias), f(in.init), y,
                fin, null, null);
        int ns = h * p * 16;
        for (int i = 0; i + 1 < starts.length; i++) {
            int len = starts[i + 1] - starts[i];
            SsdScanShape one = SsdScanShape.of(1, len, h, p, 2, 16, 32).withDtSoftplus(true);
            float[] yi = new float[(int) one.seqSize()];
            float[] fi = new float[ns];
            float[] init = Arrays.copyOfRange(f(in.init), i * ns, (i + 1) * ns);
            k.ssdScan(one, slice(in.x, starts[i], len, l, h * p), slice(in.dt, starts[i], len, l, h), f(in.a),
                    slice(in.b, starts[i], len, l, gn), slice(in.c, starts[i], len, l, gn), f(in.d),
                    slice(in.z, starts[i], len, l, h * p), f(in.dtBias), init, yi, fi, null, null);
            // to rounding: a packed call with a short sequence may take the other (sequential) path
            double bound = bound32(s);
            assertTrue(rel(ScanRef.d(Arrays.copyOfRange(y, starts[i] * h * p, starts[i + 1] * h * p)),
                    ScanRef.d(yi)) <= bound, "sequence " + i + " y");
            assertTrue(rel(ScanRef.d(Arrays.copyOfRange(fin, i * ns, (i + 1) * ns)), ScanRef.d(fi)) <= bound,
                    "sequence " + i + " state");
        }
    }

    /** 12.7.5: at L = 4096 with Q = 256 and strong decay, fp32 stays within the golden fp32 tolerance (1e-5). */
    @Test
    void fp32AccuracyAtLongLength() {
        SsdScanShape s = SsdScanShape.of(1, 4096, 4, 16, 1, 32, 256).withDtSoftplus(true);
        SsdInputs in = new SsdInputs(s, 41, true);
        SsdInputs.Out ref = in.run(SCALAR, false, true);
        double e = err(in.run(Backends.byName("vector", 2), true, true), ref);
        assertTrue(e <= 1e-5, "fp32 error at L=4096: " + e);
    }

    /** Bad arguments are rejected by the facade with a message naming them. */
    @Test
    void badArgumentsAreNamed() {
        SsmKernel k = Backends.byName("vector", 1);
        SsdScanShape s = SsdScanShape.of(1, 8, 2, 4, 1, 4, 4);
        SsdInputs in = new SsdInputs(s, 1, false);
        float[] x = f(in.x);
        float[] dt = f(in.dt);
        float[] a = f(in.a);
        float[] b = f(in.b);
        float[] c = f(in.c);
        float[] y = new float[x.length];
        named("x", () -> k.ssdScan(s, new float[3], dt, a, b, c, null, null, null, null, y, null, null, null));
        named("dt", () -> k.ssdScan(s, x, new float[1], a, b, c, null, null, null, null, y, null, null, null));
        named("A", () -> k.ssdScan(s, x, dt, new float[1], b, c, null, null, null, null, y, null, null, null));
        named("A", () -> k.ssdScan(s, x, dt, new float[] {Float.NaN, 1}, b, c, null, null, null, null, y, null,
                null, null));
        named("B", () -> k.ssdScan(s, x, dt, a, new float[2], c, null, null, null, null, y, null, null, null));
        named("C", () -> k.ssdScan(s, x, dt, a, b, null, null, null, null, null, y, null, null, null));
        named("D", () -> k.ssdScan(s, x, dt, a, b, c, new float[1], null, null, null, y, null, null, null));
        named("z", () -> k.ssdScan(s, x, dt, a, b, c, null, new float[1], null, null, y, null, null, null));
        named("dtBias", () -> k.ssdScan(s, x, dt, a, b, c, null, null, new float[1], null, y, null, null, null));
        named("initialStates", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, new float[1], y, null, null,
                null));
        named("y", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, null, new float[1], null, null, null));
        named("y", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, null, x, null, null, null));
        named("finalStates", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, null, y, new float[1], null,
                null));
        named("chunkStates", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, null, y, null, new float[1],
                null));
        named("prevStates", () -> k.ssdScan(s, x, dt, a, b, c, null, null, null, null, y, null, null,
                new float[1]));
        float[] negative = dt.clone();
        negative[3] = -0.5f;
        named("dt", () -> k.ssdScan(s, x, negative, a, b, c, null, null, null, null, y, null, null, null));
        named("shape", () -> k.ssdScan(null, x, dt, a, b, c, null, null, null, null, y, null, null, null));
        named("groups", () -> SsdScanShape.of(1, 8, 3, 4, 2, 4, 4));
        named("chunkSize", () -> SsdScanShape.of(1, 8, 2, 4, 1, 4, 0));
        named("dtLimit", () -> s.withDtLimit(0.5, 0.1));
        named("seqStarts", () -> s.withSeqStarts(new int[] {0, 4, 4, 8}));
        SsdScanShape packed = s.withSeqStarts(new int[] {0, 3, 8});
        named("chunkStates", () -> k.ssdScan(packed, x, dt, a, b, c, null, null, null, null, y, null,
                new float[(int) packed.chunkStateSize()], null));
    }

    private static void named(String name, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name + ":"), "message should name '" + name + "': " + e.getMessage());
    }
}
