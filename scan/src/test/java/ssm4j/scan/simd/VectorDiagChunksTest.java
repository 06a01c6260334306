package ssm4j.scan.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssm4j.scan.ScanRef.EPS32;
import static ssm4j.scan.ScanRef.bound;
import static ssm4j.scan.ScanRef.d;
import static ssm4j.scan.ScanRef.f;
import static ssm4j.scan.ScanRef.maxErr;
import static ssm4j.scan.ScanRef.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.BcLayout;
import ssm4j.api.DiagScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.scan.ScanRef;

/**
 * The vector tier's time-chunked diagonal scan (8.3) for forced chunk counts and thread counts, and thread-count
 * independence of the channel-parallel selective scan.
 */
class VectorDiagChunksTest {
    @Test
    void anyChunkCountAndThreadCountMatchesTheDirectLoop() {
        SplittableRandom r = new SplittableRandom(21);
        for (boolean cplx : new boolean[] {false, true}) {
            for (int[] sz : new int[][] {{1, 1, 1, 97}, {1, 3, 7, 1000}, {2, 4, 16, 2049}, {1, 5, 33, 333}}) {
                DiagScanShape s = new DiagScanShape(sz[0], sz[1], sz[2], sz[3], cplx);
                double rho = 0.99;
                double[][] p = ScanRef.diagParams(r, s, rho);
                float[] a = f(p[0]), b = f(p[1]), c = f(p[2]);
                float[] dd = f(uniform(r, s.h(), -1, 1));
                float[] x0 = f(uniform(r, (int) s.stateSize(), -1, 1));
                float[] u = f(uniform(r, (int) s.seqSize(), -1, 1));
                ScanRef.Result ref = ScanRef.diag(s, d(a), d(b), d(c), d(dd), d(x0), d(u));
                // the fix-up adds one more product chain of the same memory: twice the sequential bound
                double tol = 2 * bound(EPS32, 1 / (1 - rho), s.n(), ref.scale() + 1);
                for (int chunks : new int[] {1, 2, 3, 5, 8, 64, s.length()}) {
                    for (int threads : new int[] {1, 2, 3}) {
                        float[] y = new float[(int) s.seqSize()];
                        float[] st = new float[(int) s.stateSize()];
                        VectorDiagScan.scan(Parallel.of(threads), s, chunks, a, b, c, dd, x0, u, y, st);
                        String what = s + " chunks=" + chunks + " threads=" + threads;
                        assertTrue(maxErr(y, ref.y()) <= tol, what + " y err " + maxErr(y, ref.y()) + " > " + tol);
                        assertTrue(maxErr(st, ref.state()) <= tol, what + " state err " + maxErr(st, ref.state()));
                    }
                }
            }
        }
    }

    @Test
    void selectiveScanIsBitwiseIndependentOfThreads() {
        SplittableRandom r = new SplittableRandom(4);
        SelectiveScanShape s = new SelectiveScanShape(2, 37, 16, 129, BcLayout.GROUPED, BcLayout.PER_TIME, 37, false,
                true);
        float[] u = f(uniform(r, (int) s.seqSize(), -1, 1));
        float[] delta = f(uniform(r, (int) s.seqSize(), -2, 1));
        float[] a = f(uniform(r, 37 * 16, -3, -0.5));
        float[] b = f(uniform(r, (int) s.bcSize(true), -1, 1));
        float[] c = f(uniform(r, (int) s.bcSize(false), -1, 1));
        float[] ref = null;
        float[] refState = null;
        for (int threads : new int[] {1, 2, 3, 5}) {
            float[] out = new float[(int) s.seqSize()];
            float[] last = new float[(int) s.stateSize()];
            VectorSelectiveScan.scan(Parallel.of(threads), s, u, delta, a, b, c, null, null, null, null, out, last);
            if (ref == null) {
                ref = out;
                refState = last;
            } else {
                assertArrayEquals(ref, out, "threads=" + threads);
                assertArrayEquals(refState, last, "threads=" + threads);
            }
        }
    }
}
