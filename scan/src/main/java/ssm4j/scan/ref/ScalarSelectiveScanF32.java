package ssm4j.scan.ref;

import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;

/**
 * Scalar selective scan (Mamba S6, SPEC 7.1–7.2), fp32: the plain sequential loop of the reference, one channel
 * row (b, d) at a time, rows split over threads (each row is computed by the same code whatever thread runs it,
 * so the result does not depend on the thread count). It computes in float, as the reference's fp32 path does.
 * Arguments are already validated by the facade.
 */
final class ScalarSelectiveScanF32 {
    private ScalarSelectiveScanF32() {
    }

    /** Scan of all rows; see {@link ssm4j.api.SsmKernel#selectiveScan}. */
    static void scan(Parallel p, SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                     float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        int[] starts = s.seqStarts();
        p.forRange(s.batch() * s.dim(), (lo, hi) -> {
            float[] h = Scratch.floats(2 * s.dstate());
            for (int r = lo; r < hi; r++) {
                row(s, starts, r, h, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
            }
        });
    }

    /** Row r = b·D + d, all its sequences (one, or the packed ones of {@code starts}), state in {@code h}. */
    private static void row(SelectiveScanShape s, int[] starts, int r, float[] h, float[] u, float[] delta,
                            float[] a, float[] bm, float[] cm, float[] dv, float[] z, float[] deltaBias, float[] x0,
                            float[] out, float[] lastState) {
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
        final float bias = deltaBias == null ? 0f : deltaBias[di];
        final int seqBase = r * len;
        final int nseq = starts == null ? 1 : starts.length - 1;
        for (int k = 0; k < nseq; k++) {
            int t0 = starts == null ? 0 : starts[k];
            int t1 = starts == null ? len : starts[k + 1];
            int stateOff = ((starts == null ? bi : k) * dim + di) * n * w;
            for (int i = 0; i < n * w; i++) {
                h[i] = x0 == null ? 0f : x0[stateOff + i];    // x_{-1} = x0 or 0 (7.2b, 8.3 reset)
            }
            for (int t = t0; t < t1; t++) {
                float dt = delta[seqBase + t] + bias;         // bias before softplus (7.2a)
                if (s.deltaSoftplus()) {
                    dt = ScalarMath.softplus(dt);
                }
                float ut = u[seqBase + t];
                float y = 0f;
                if (!cplx) {
                    for (int j = 0; j < n; j++) {
                        // (7.2b): ZOH for A, Euler δ·B·u for the input
                        float at = (float) Math.exp(dt * a[aOff + j]);
                        h[j] = at * h[j] + dt * bm[bOff + j * bN + t * bT] * ut;
                        y += h[j] * cm[cOff + j * cN + t * cT];   // (7.2c)
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        float mag = (float) Math.exp(dt * a[aOff + 2 * j]);
                        float ph = dt * a[aOff + 2 * j + 1];
                        float ar = mag * (float) Math.cos(ph);
                        float ai = mag * (float) Math.sin(ph);
                        int bx = bOff + j * bN + t * bT;
                        float du = dt * ut;
                        float hr = h[2 * j];
                        float hi = h[2 * j + 1];
                        float nr = ar * hr - ai * hi + du * bm[bx];
                        float ni = ar * hi + ai * hr + du * bm[bx + 1];
                        h[2 * j] = nr;
                        h[2 * j + 1] = ni;
                        int cx = cOff + j * cN + t * cT;
                        y += nr * cm[cx] - ni * cm[cx + 1];      // Re(x·C), no conjugation
                    }
                    y *= 2f;                                     // 2·Re for complex A (7.2c)
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
