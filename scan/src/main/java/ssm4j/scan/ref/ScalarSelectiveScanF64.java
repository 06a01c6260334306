// GENERATED from scan/src/main/java/ssm4j/scan/ref/ScalarSelectiveScanF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.scan.ref;

import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;

/**
 * Scalar selective scan (Mamba S6, SPEC 7.1–7.2), fp64: the plain sequential loop of the reference, one channel
 * row (b, d) at a time, rows split over threads (each row is computed by the same code whatever thread runs it,
 * so the result does not depend on the thread count). It computes in double, as the reference's fp64 path does.
 * Arguments are already validated by the facade.
 */
final class ScalarSelectiveScanF64 {
    private ScalarSelectiveScanF64() {
    }

    /** Scan of all rows; see {@link ssm4j.api.SsmKernel#selectiveScan}. */
    static void scan(Parallel p, SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                     double[] d, double[] z, double[] deltaBias, double[] x0, double[] out, double[] lastState) {
        int[] starts = s.seqStarts();
        p.forRange(s.batch() * s.dim(), (lo, hi) -> {
            double[] h = Scratch.doubles(2 * s.dstate());
            for (int r = lo; r < hi; r++) {
                row(s, starts, r, h, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
            }
        });
    }

    /** Row r = b·D + d, all its sequences (one, or the packed ones of {@code starts}), state in {@code h}. */
    private static void row(SelectiveScanShape s, int[] starts, int r, double[] h, double[] u, double[] delta,
                            double[] a, double[] bm, double[] cm, double[] dv, double[] z, double[] deltaBias, double[] x0,
                            double[] out, double[] lastState) {
        final int dim = s.dim();
        final int n = s.dstate();
        final int len = s.length();
        final int bi = r / dim;
        final int di = r % dim;
        final boolean cplx = s.complexA();
        final int w = cplx ? 2 : 1;
        final int bOff = (int) BcStrides.bcOffset(s, s.bLayout(), bi, di);
        final int bN = BcStrides.bcStrideN(s, s.bLayout());
        final int bT = BcStrides.bcStrideT(s, s.bLayout());
        final int cOff = (int) BcStrides.bcOffset(s, s.cLayout(), bi, di);
        final int cN = BcStrides.bcStrideN(s, s.cLayout());
        final int cT = BcStrides.bcStrideT(s, s.cLayout());
        final int aOff = di * n * w;
        final double bias = deltaBias == null ? 0.0 : deltaBias[di];
        final int seqBase = r * len;
        final int nseq = starts == null ? 1 : starts.length - 1;
        for (int k = 0; k < nseq; k++) {
            int t0 = starts == null ? 0 : starts[k];
            int t1 = starts == null ? len : starts[k + 1];
            int stateOff = ((starts == null ? bi : k) * dim + di) * n * w;
            for (int i = 0; i < n * w; i++) {
                h[i] = x0 == null ? 0.0 : x0[stateOff + i];    // x_{-1} = x0 or 0 (7.2b, 8.3 reset)
            }
            for (int t = t0; t < t1; t++) {
                double dt = delta[seqBase + t] + bias;         // bias before softplus (7.2a)
                if (s.deltaSoftplus()) {
                    dt = ScalarMath.softplus(dt);
                }
                double ut = u[seqBase + t];
                double y = 0.0;
                if (!cplx) {
                    for (int j = 0; j < n; j++) {
                        // (7.2b): ZOH for A, Euler δ·B·u for the input
                        double at = (double) Math.exp(dt * a[aOff + j]);
                        h[j] = at * h[j] + dt * bm[bOff + j * bN + t * bT] * ut;
                        y += h[j] * cm[cOff + j * cN + t * cT];   // (7.2c)
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        double mag = (double) Math.exp(dt * a[aOff + 2 * j]);
                        double ph = dt * a[aOff + 2 * j + 1];
                        double ar = mag * (double) Math.cos(ph);
                        double ai = mag * (double) Math.sin(ph);
                        int bx = bOff + j * bN + t * bT;
                        double du = dt * ut;
                        double hr = h[2 * j];
                        double hi = h[2 * j + 1];
                        double nr = ar * hr - ai * hi + du * bm[bx];
                        double ni = ar * hi + ai * hr + du * bm[bx + 1];
                        h[2 * j] = nr;
                        h[2 * j + 1] = ni;
                        int cx = cOff + j * cN + t * cT;
                        y += nr * cm[cx] - ni * cm[cx + 1];      // Re(x·C), no conjugation
                    }
                    y *= 2.0;                                     // 2·Re for complex A (7.2c)
                }
                if (dv != null) {
                    y += dv[di] * ut;
                }
                if (z != null) {
                    y *= ScalarMath.silu(z[seqBase + t]);       // gate multiplies y + D·u (7.2d)
                }
                out[seqBase + t] = y;
            }
            if (lastState != null) {
                System.arraycopy(h, 0, lastState, stateOff, n * w);
            }
        }
    }
}
