package ssm4j.scan.ref;

import static ssm4j.scan.ref.Widening.narrow;
import static ssm4j.scan.ref.Widening.widen;

import ssm4j.api.Parallel;
import ssm4j.api.SsdScanShape;

/**
 * The oracle of the Mamba-2 SSD scan: the plain recurrence of SPEC 12.2, one time step after the other, in double
 * for both precisions (the fp32 entry widens its inputs and rounds its outputs once, so it is at least as accurate
 * as the reference's float32 run). The chunked algorithm's intermediates (12.4) are produced by the same
 * recurrence: {@code prevStates[c]} is the state entering chunk c, {@code chunkStates[c]} a second state that
 * restarts from zero at every chunk start; a last chunk shorter than Q simply ends early, which is exactly the
 * padding rule of 12.4 (δ = 0 on padded steps). Work is split over (sequence, head) pairs; each pair is computed
 * by the same code on any thread, so results do not depend on the thread count. Arguments are already validated.
 */
final class ScalarSsdScan {
    private ScalarSsdScan() {
    }

    /** fp32 entry: widen, run {@link #scan(Parallel, SsdScanShape, double[], double[], double[], double[], double[], double[], double[], double[], double[], double[], double[], double[], double[])}, round. */
    static void scan(Parallel p, SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d,
                     float[] z, float[] dtBias, float[] init, float[] y, float[] fin, float[] chunkStates,
                     float[] prevStates) {
        double[] yd = new double[(int) s.seqSize()];
        double[] fd = fin == null ? null : new double[(int) s.stateSize()];
        double[] cd = chunkStates == null ? null : new double[(int) s.chunkStateSize()];
        double[] pd = prevStates == null ? null : new double[(int) s.chunkStateSize()];
        scan(p, s, widen(x), widen(dt), widen(a), widen(b), widen(c), widen(d), widen(z), widen(dtBias), widen(init),
                yd, fd, cd, pd);
        narrow(yd, y);
        narrow(fd, fin);
        narrow(cd, chunkStates);
        narrow(pd, prevStates);
    }

    /** fp64 recurrence; see {@link ssm4j.api.SsmKernel#ssdScan}. */
    static void scan(Parallel p, SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c,
                     double[] d, double[] z, double[] dtBias, double[] init, double[] y, double[] fin,
                     double[] chunkStates, double[] prevStates) {
        final int heads = s.heads();
        final int pd = s.headdim();
        final int n = s.dstate();
        final int groups = s.groups();
        final int perGroup = heads / groups;
        final int q = s.chunkSize();
        final int nc = s.chunks();
        final boolean chunks = chunkStates != null || prevStates != null;
        p.forRange(s.sequences() * heads, (lo, hi) -> {
            double[] state = new double[pd * n];
            double[] local = chunks ? new double[pd * n] : null;
            for (int item = lo; item < hi; item++) {
                int seq = item / heads;
                int h = item % heads;
                int g = h / perGroup;
                int so = (seq * heads + h) * pd * n;               // (S,H,P,N) state offset
                if (init != null) {
                    System.arraycopy(init, so, state, 0, pd * n);
                } else {
                    java.util.Arrays.fill(state, 0);
                }
                int t0 = s.sequenceStart(seq);
                int len = s.sequenceLength(seq);
                for (int l = 0; l < len; l++) {
                    int t = t0 + l;                                // flattened (B·L) time index
                    // chunk bookkeeping: t0 = b·L is a chunk start, so l % q is the local index (12.4)
                    int bi = t / s.length();
                    int cIdx = (l / q);
                    int co = ((bi * nc + cIdx) * heads + h) * pd * n; // (B,nc,H,P,N) offset
                    if (chunks && l % q == 0) {
                        if (prevStates != null) {
                            System.arraycopy(state, 0, prevStates, co, pd * n);
                        }
                        java.util.Arrays.fill(local, 0);
                    }
                    double delta = step(s, dt[t * heads + h], dtBias == null ? 0 : dtBias[h]);
                    double decay = Math.exp(delta * a[h]);
                    int bo = (t * groups + g) * n;
                    int xo = (t * heads + h) * pd;
                    for (int pi = 0; pi < pd; pi++) {
                        double dx = delta * x[xo + pi];
                        double acc = 0;
                        int r = pi * n;
                        for (int j = 0; j < n; j++) {
                            double v = decay * state[r + j] + dx * b[bo + j];
                            state[r + j] = v;
                            acc += v * c[bo + j];
                            if (chunks) {
                                local[r + j] = decay * local[r + j] + dx * b[bo + j];
                            }
                        }
                        if (d != null) {
                            acc += x[xo + pi] * (s.dPerHeaddim() ? d[h * pd + pi] : d[h]);
                        }
                        if (z != null) {
                            acc *= ScalarMath.silu(z[xo + pi]);
                        }
                        y[xo + pi] = acc;
                    }
                    if (chunkStates != null && (l % q == q - 1 || l == len - 1)) {
                        System.arraycopy(local, 0, chunkStates, co, pd * n);
                    }
                }
                if (fin != null) {
                    System.arraycopy(state, 0, fin, so, pd * n);
                }
            }
        });
    }

    /** The step of (12.2a): bias, then softplus, then the clamp (only when a limit other than (0, ∞) is set). */
    static double step(SsdScanShape s, double dt, double bias) {
        double v = dt + bias;
        if (s.dtSoftplus()) {
            v = ScalarMath.softplus(v);
        }
        if (s.hasDtLimit()) {
            v = Math.min(Math.max(v, s.dtLimitLo()), s.dtLimitHi());
        }
        return v;
    }
}
