package ssm4j.scan.ref;

import ssm4j.api.DiagScanShape;
import ssm4j.api.Parallel;

/**
 * Scalar diagonal time-invariant scan (SPEC 8.4 / 1.3): per row (b, h) and state n,
 * {@code x_t = a∘x_{t−1} + b∘u_t} from {@code x_{−1} = x0} (or 0), {@code y_t = Re Σ_n c·x_t + d·u_t} (no
 * factor 2), fp32. The plain sequential loop, in float; rows are split over threads. Arguments are already
 * validated.
 */
final class ScalarDiagScanF32 {
    private ScalarDiagScanF32() {
    }

    /** The scan; see {@link ssm4j.api.SsmKernel#diagScan}. */
    static void scan(Parallel p, DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                     float[] y, float[] stateOut) {
        final int n = s.n();
        final int len = s.length();
        final int w = s.complex() ? 2 : 1;
        p.forRange(s.batch() * s.h(), (lo, hi) -> {
            float[] x = Scratch.floats(n * w);
            for (int r = lo; r < hi; r++) {
                int hh = r % s.h();
                int po = hh * n * w;                             // (H,N) parameter offset
                int so = r * n * w;                              // (B,H,N) state offset
                for (int i = 0; i < n * w; i++) {
                    x[i] = x0 == null ? 0f : x0[so + i];
                }
                float dd = d == null ? 0f : d[hh];
                for (int t = 0; t < len; t++) {
                    float ut = u[r * len + t];
                    float acc = 0f;
                    if (w == 1) {
                        for (int j = 0; j < n; j++) {
                            x[j] = a[po + j] * x[j] + b[po + j] * ut;
                            acc += c[po + j] * x[j];
                        }
                    } else {
                        for (int j = 0; j < n; j++) {
                            int q = po + 2 * j;
                            float xr = x[2 * j];
                            float xi = x[2 * j + 1];
                            float nr = a[q] * xr - a[q + 1] * xi + b[q] * ut;
                            float ni = a[q] * xi + a[q + 1] * xr + b[q + 1] * ut;
                            x[2 * j] = nr;
                            x[2 * j + 1] = ni;
                            acc += c[q] * nr - c[q + 1] * ni;       // Re(c·x)
                        }
                    }
                    y[r * len + t] = acc + dd * ut;
                }
                if (stateOut != null) {
                    System.arraycopy(x, 0, stateOut, so, n * w);
                }
            }
        });
    }
}
