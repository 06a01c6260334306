package ssm4j.scan.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssm4j.scan.ScanRef.EPS32;
import static ssm4j.scan.ScanRef.bound;
import static ssm4j.scan.ScanRef.d;
import static ssm4j.scan.ScanRef.f;
import static ssm4j.scan.ScanRef.maxErr;
import static ssm4j.scan.ScanRef.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.DiagScanShape;
import ssm4j.api.Parallel;
import ssm4j.scan.ScanRef;

/**
 * The time-chunked diagonal scan at extreme input scales on 1, 2 and 3 threads (issue 14): the fix-up pass may
 * stop early only relative to the data, so the result must match the fp64 reference to rounding at every scale
 * and every thread count. An absolute cut-off (1e-30) dropped the correction of data near that scale.
 */
class VectorDiagScaleTest {
    @ParameterizedTest
    @ValueSource(doubles = {1e-30, 1e-34, 1.0, 1e+30})
    void resultMatchesTheReferenceAtEveryScaleAndThreadCount(double scale) {
        SplittableRandom r = new SplittableRandom(14);
        for (boolean cplx : new boolean[] {false, true}) {
            // few rows, long sequence: the chunked path with fix-ups on every thread count (the W6 shape, smaller)
            DiagScanShape s = new DiagScanShape(1, 3, 8, 6000, cplx);
            double rho = 0.99;
            double[][] p = ScanRef.diagParams(r, s, rho);
            float[] a = f(p[0]), b = f(p[1]), c = f(p[2]);
            float[] dd = f(uniform(r, s.h(), -1, 1));
            double[] x0d = uniform(r, (int) s.stateSize(), -1, 1);
            double[] ud = uniform(r, (int) s.seqSize(), -1, 1);
            for (int i = 0; i < x0d.length; i++) {
                x0d[i] *= scale;
            }
            for (int i = 0; i < ud.length; i++) {
                ud[i] *= scale;
            }
            float[] x0 = f(x0d);
            float[] u = f(ud);
            ScanRef.Result ref = ScanRef.diag(s, d(a), d(b), d(c), d(dd), d(x0), d(u));
            double tol = 2 * bound(EPS32, 1 / (1 - rho), s.n(), ref.scale());
            for (int threads : new int[] {1, 2, 3}) {
                assertTrue(VectorDiagScan.chunks(s, threads) > 1, "the shape must take the chunked path");
                float[] y = new float[(int) s.seqSize()];
                float[] st = new float[(int) s.stateSize()];
                VectorDiagScan.scan(Parallel.of(threads), s, a, b, c, dd, x0, u, y, st);
                String what = s + " scale=" + scale + " threads=" + threads;
                assertTrue(maxErr(y, ref.y()) <= tol, what + " y err " + maxErr(y, ref.y()) + " > " + tol);
                assertTrue(maxErr(st, ref.state()) <= tol, what + " state err " + maxErr(st, ref.state()));
            }
        }
    }
}
