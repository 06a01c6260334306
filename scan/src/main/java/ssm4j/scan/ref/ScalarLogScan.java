package ssm4j.scan.ref;

import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;

/**
 * Scalar log-space scan (SPEC 14.2), the oracle of the vector tier: per channel, sequentially over time,
 * {@code log h_t = logaddexp(log a_t + log h_{t−1}, log b_t)}, always in double (an fp32 call rounds only its
 * outputs), so it is as accurate as a double implementation of the recurrence can be. Channels (b, d) are split
 * over the threads; each is computed by the same code on any thread, so results do not depend on the thread
 * count. One code path serves float[] and double[] arrays (element access by type test: this tier is the
 * reference, not the fast path). Thread-safe, stateless.
 */
public final class ScalarLogScan {
    private ScalarLogScan() {
    }

    /**
     * {@code logaddexp(x, y) = log(e^x + e^y)}: −∞ when both are −∞ (a zero plus a zero), NaN when either is NaN,
     * else {@code max + log1p(e^{−|x−y|})}, which neither over- nor underflows.
     */
    public static double logAddExp(double x, double y) {
        double m = Math.max(x, y);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + Math.log1p(Math.exp(-Math.abs(x - y)));
    }

    /** The scan (arguments as {@link ssm4j.api.SsmKernel#logScan}, already validated); float[] or double[]. */
    public static void scan(Parallel p, LogScanShape s, Object logCoeffs, Object logValues, Object logH0,
                            Object logH, Object h, Object lastLogH) {
        int dim = s.dim();
        int len = s.length();
        p.forRange(s.batch() * dim, (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int b = row / dim;
                int d = row % dim;
                double state = logH0 == null ? Double.NEGATIVE_INFINITY : get(logH0, row);
                for (int t = 0; t < len; t++) {
                    int i = (b * len + t) * dim + d;
                    state = logAddExp(get(logCoeffs, i) + state, get(logValues, i));
                    if (logH != null) {
                        set(logH, i, state);
                    }
                    if (h != null) {
                        set(h, i, Math.exp(state));
                    }
                }
                if (lastLogH != null) {
                    set(lastLogH, row, state);
                }
            }
        });
    }

    private static double get(Object a, int i) {
        return a instanceof float[] f ? f[i] : ((double[]) a)[i];
    }

    private static void set(Object a, int i, double v) {
        if (a instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) a)[i] = v;
        }
    }
}
