package ssm4j.scan.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.scan.ref.ScalarLogScan;

/**
 * The vector log-space scan against the scalar (double) oracle on awkward sizes, its independence of the split
 * (channel blocks, time chunks, threads: bitwise, see the class comment of {@link VectorLogScan}), the call
 * patterns (one call = L one-step calls = two calls), and its fp32 accuracy on a SPEC 14.7 {@code wide}-like
 * sequence against the reference's float32 error.
 */
class VectorLogScanTest {
    private static final int[][] SIZES = {
        {1, 1, 1}, {1, 2, 3}, {2, 7, 17}, {1, 33, 1}, {3, 100, 40}, {1, 2049, 5}, {2, 1500, 33}, {1, 600, 64},
    };

    /** minGRU-like gates (kind "gru") or coefficients of both signs (kind "growth"), as the golden kinds. */
    private static float[][] inputs(SplittableRandom r, LogScanShape s, boolean growth) {
        float[] la = new float[s.seqSize()];
        float[] lb = new float[s.seqSize()];
        for (int i = 0; i < la.length; i++) {
            if (growth) {
                la[i] = (float) (0.3 * r.nextGaussian() + 0.01 * ((i % s.dim()) - s.dim() / 2.0) / s.dim());
                lb[i] = (float) r.nextGaussian();
            } else {
                double k = 1.5 * r.nextGaussian() - 1 + 2 * ((i % s.dim()) % 3 - 1);
                la[i] = (float) -ScalarLogScan.logAddExp(0, k);       // −softplus(k)
                lb[i] = (float) (-ScalarLogScan.logAddExp(0, -k) + Math.log(r.nextDouble() + 0.5));
            }
        }
        float[] h0 = new float[s.stateSize()];
        for (int i = 0; i < h0.length; i++) {
            h0[i] = i % 5 == 4 ? Float.NEGATIVE_INFINITY : (float) r.nextGaussian();
        }
        return new float[][] {la, lb, h0};
    }

    private static double[] wide(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void matchesTheDoubleOracleOnAwkwardSizes() {
        SplittableRandom r = new SplittableRandom(5);
        for (int[] sz : SIZES) {
            for (boolean growth : new boolean[] {false, true}) {
                LogScanShape s = new LogScanShape(sz[0], sz[1], sz[2]);
                float[][] in = inputs(r, s, growth);
                for (float[] h0 : new float[][] {null, in[2]}) {
                    double[] ref = new double[s.seqSize()];
                    double[] refLast = new double[s.stateSize()];
                    ScalarLogScan.scan(Parallel.of(1), s, wide(in[0]), wide(in[1]), h0 == null ? null : wide(h0), ref,
                            null, refLast);
                    float[] logH = new float[s.seqSize()];
                    float[] h = new float[s.seqSize()];
                    float[] last = new float[s.stateSize()];
                    VectorLogScan.scan(Parallel.of(1), s, in[0], in[1], h0, logH, h, last);
                    double maxLog = 0;
                    for (double v : ref) {
                        maxLog = Math.max(maxLog, Math.abs(v));
                    }
                    // per-step rounding of log h (≤ 2 ulp: |log h|·1.2e-7) adds up like a random walk over the
                    // steps a channel remembers (all L for growth): 4 standard deviations of that walk
                    double tol = 4 * 1.2e-7 * (1 + maxLog) * Math.sqrt(s.length());
                    String what = s + (growth ? " growth" : " gru") + (h0 == null ? "" : " h0");
                    for (int i = 0; i < ref.length; i++) {
                        assertTrue(Math.abs(logH[i] - ref[i]) <= tol, what + " logH[" + i + "] " + logH[i] + " vs "
                                + ref[i] + " tol " + tol);
                        double hr = Math.exp(ref[i]);
                        // h = e^{log h}: the log's error is h's relative error, plus exp's 4 ulp
                        assertTrue(Math.abs(h[i] - hr) <= (tol + 5e-7) * hr + 1e-44, what + " h[" + i + "]");
                    }
                    for (int i = 0; i < refLast.length; i++) {
                        assertTrue(Math.abs(last[i] - refLast[i]) <= tol, what + " last");
                    }
                }
            }
        }
    }

    @Test
    void anyBlockChunkAndThreadCountGivesTheSameBits() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] sz : SIZES) {
            LogScanShape s = new LogScanShape(sz[0], sz[1], sz[2]);
            float[][] in = inputs(r, s, sz[1] % 2 == 0);
            // a stretch of a = 1 (log a = 0) in one channel: the carry never decays, pass (ii) re-runs whole chunks
            for (int t = 0; t < s.length(); t++) {
                in[0][t * s.dim()] = 0f;
            }
            float[] want = new float[s.seqSize()];
            float[] wantH = new float[s.seqSize()];
            float[] wantLast = new float[s.stateSize()];
            VectorLogScan.scan(Parallel.of(1), s, 1, 1, in[0], in[1], in[2], want, wantH, wantLast);
            for (int blocks : new int[] {1, 2, 3}) {
                for (int chunks : new int[] {1, 2, 3, 7, s.length()}) {
                    for (int threads : new int[] {1, 2, 3}) {
                        float[] got = new float[s.seqSize()];
                        float[] gotH = new float[s.seqSize()];
                        float[] last = new float[s.stateSize()];
                        VectorLogScan.scan(Parallel.of(threads), s, blocks, chunks, in[0], in[1], in[2], got, gotH,
                                last);
                        String what = s + " blocks=" + blocks + " chunks=" + chunks + " threads=" + threads;
                        assertArrayEquals(want, got, what + " logH");
                        assertArrayEquals(wantH, gotH, what + " h");
                        assertArrayEquals(wantLast, last, what + " last");
                    }
                }
            }
        }
    }

    @Test
    void oneCallEqualsOneStepCallsAndTwoCalls() {
        SplittableRandom r = new SplittableRandom(3);
        LogScanShape s = new LogScanShape(2, 37, 19);
        float[][] in = inputs(r, s, false);
        float[] want = new float[s.seqSize()];
        VectorLogScan.scan(Parallel.of(2), s, in[0], in[1], in[2], want, null, null);
        // L one-step calls
        LogScanShape one = new LogScanShape(2, 1, 19);
        float[] state = in[2].clone();
        float[] a1 = new float[one.seqSize()];
        float[] b1 = new float[one.seqSize()];
        float[] o1 = new float[one.seqSize()];
        for (int t = 0; t < s.length(); t++) {
            for (int b = 0; b < 2; b++) {
                System.arraycopy(in[0], (b * 37 + t) * 19, a1, b * 19, 19);
                System.arraycopy(in[1], (b * 37 + t) * 19, b1, b * 19, 19);
            }
            VectorLogScan.scan(Parallel.of(1), one, a1, b1, state, o1, null, state);
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 19; d++) {
                    assertTrue(o1[b * 19 + d] == want[(b * 37 + t) * 19 + d], "step " + t);
                }
            }
        }
        // two calls split at every T
        for (int split = 1; split < s.length(); split += 5) {
            LogScanShape p1 = new LogScanShape(2, split, 19);
            LogScanShape p2 = new LogScanShape(2, 37 - split, 19);
            float[][] first = slice(in, 0, split);
            float[][] second = slice(in, split, 37);
            float[] mid = new float[s.stateSize()];
            VectorLogScan.scan(Parallel.of(2), p1, first[0], first[1], in[2], new float[p1.seqSize()], null, mid);
            float[] out2 = new float[p2.seqSize()];
            VectorLogScan.scan(Parallel.of(2), p2, second[0], second[1], mid, out2, null, null);
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < (37 - split) * 19; i++) {
                    assertTrue(out2[b * (37 - split) * 19 + i] == want[(b * 37 + split) * 19 + i], "split " + split);
                }
            }
        }
    }

    private static float[][] slice(float[][] in, int t0, int t1) {
        int n = t1 - t0;
        float[][] out = new float[2][2 * n * 19];
        for (int k = 0; k < 2; k++) {
            for (int b = 0; b < 2; b++) {
                System.arraycopy(in[k], (b * 37 + t0) * 19, out[k], b * n * 19, n * 19);
            }
        }
        return out;
    }

    /**
     * SPEC 14.7 {@code wide}: L = 4096, decay rates log-spaced 1e-3 … 6 per step, levels −130 … 20. The
     * reference's float32 is off by up to 7.4e-4 relative in h where h is a normal float (its running sum of
     * log a cancels); ours keeps the per-step rounding only.
     */
    @Test
    void wideCaseIsMoreAccurateThanTheReferenceFloat32() {
        SplittableRandom r = new SplittableRandom(17);
        int dim = 8;
        LogScanShape s = new LogScanShape(1, 4096, dim);
        float[] la = new float[s.seqSize()];
        float[] lb = new float[s.seqSize()];
        for (int t = 0; t < 4096; t++) {
            for (int d = 0; d < dim; d++) {
                double rate = 1e-3 * Math.pow(6000, (double) ((d * 3) % dim) / (dim - 1));
                double level = -130 + 150.0 * d / (dim - 1);
                la[t * dim + d] = (float) (-rate * Math.exp(0.3 * r.nextGaussian()));
                lb[t * dim + d] = (float) (level + 2 * r.nextGaussian());
            }
        }
        double[] ref = new double[s.seqSize()];
        ScalarLogScan.scan(Parallel.of(1), s, wide(la), wide(lb), null, ref, null, null);
        float[] got = new float[s.seqSize()];
        VectorLogScan.scan(Parallel.of(2), s, la, lb, null, got, null, null);
        double worstNormal = 0;
        for (int i = 0; i < ref.length; i++) {
            if (Math.exp(ref[i]) >= Float.MIN_NORMAL && Math.exp(ref[i]) <= Float.MAX_VALUE) {
                worstNormal = Math.max(worstNormal, Math.abs(got[i] - ref[i]));   // = relative error of h
            }
        }
        System.out.println("wide-like case: max relative error of h where normal " + worstNormal
                + " (reference float32 on the golden wide case: 7.44e-4)");
        assertTrue(worstNormal < 7.44e-4 / 4, "relative error of h " + worstNormal);
    }
}
