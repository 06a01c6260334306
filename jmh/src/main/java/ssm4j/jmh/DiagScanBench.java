package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.api.DiagScanShape;

/**
 * Diagonal LTI scan (SPEC 8.4), fp32, complex, B = 1 (issue 6). {@code workload}: {@code W5} = H 256, N 32,
 * L 4096 (the anchor {@code scan_sol.c w5}: a = e^{dt(−0.5 + iπn)}, b = dt·normal, c = 2·normal so that the
 * factor 2·Re is folded in, u normal, dt log-uniform in [1e-3, 1e-1]); {@code W6} = H 4, N 16, L 2^20, one long
 * sequence (only a scan parallel over time uses two cores there).
 */
public class DiagScanBench extends TwoTierBench {
    @Param({"W5", "W6"})
    String workload;

    DiagScanShape s;
    float[] a;
    float[] b;
    float[] c;
    float[] u;
    float[] y;
    float[] state;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        boolean w5 = workload.equals("W5");
        int h = w5 ? 256 : 4;
        int n = w5 ? 32 : 16;
        int len = w5 ? 4096 : 1 << 20;
        s = new DiagScanShape(1, h, n, len, true);
        SplittableRandom r = new SplittableRandom(42);
        a = new float[2 * h * n];
        b = new float[2 * h * n];
        c = new float[2 * h * n];
        for (int i = 0; i < h; i++) {
            double dt = Inputs.logUniformDt(r);
            for (int j = 0; j < n; j++) {
                int e = 2 * (i * n + j);
                double mag = Math.exp(-0.5 * dt);
                a[e] = (float) (mag * Math.cos(Math.PI * j * dt));
                a[e + 1] = (float) (mag * Math.sin(Math.PI * j * dt));
                b[e] = (float) (Inputs.anchorNormal(r) * dt);
                b[e + 1] = (float) (Inputs.anchorNormal(r) * dt);
                c[e] = (float) (2 * Inputs.anchorNormal(r));
                c[e + 1] = (float) (2 * Inputs.anchorNormal(r));
            }
        }
        u = Inputs.anchorNormals(r, h * len);
        y = new float[h * len];
        state = new float[2 * h * n];
    }

    /** One full scan: y (1,H,L) and the final state. */
    @Benchmark
    public float[] scan() {
        kernel.diagScan(s, a, b, c, null, null, u, y, state);
        return y;
    }
}
