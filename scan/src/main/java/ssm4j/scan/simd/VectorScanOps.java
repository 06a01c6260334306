package ssm4j.scan.simd;

import ssm4j.api.DiagScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsuShape;
import ssm4j.api.spi.ScanOps;
import ssm4j.scan.ref.ScalarScanOps;

/**
 * The Vector API tier of the recurrent mode (SPEC 7, 8). Vectorised over channels with the state of a pole in a
 * register ({@link VectorSelectiveScan}, {@link VectorDiagScan}); a few long sequences are split over time by the
 * chunked scan of SPEC 8.3 ({@link VectorDiagScan}); the decoding step is vectorised over the state
 * ({@link VectorStateUpdate}). The selective scan with complex A (which would need a vector sin/cos) and every
 * fp64 path run the scalar tier's code. Loaded only when {@code jdk.incubator.vector}
 * is present. Thread-safe: per-thread workspaces only; steady-state calls allocate no arrays.
 */
public final class VectorScanOps implements ScanOps {
    private final Parallel parallel;
    private final ScalarScanOps scalar;

    /** A vector scan tier splitting work over {@code parallel}'s threads. */
    public VectorScanOps(Parallel parallel) {
        this.parallel = parallel;
        this.scalar = new ScalarScanOps(parallel);
    }

    @Override
    public void diagScanK(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                          float[] y, float[] stateOut) {
        VectorDiagScan.scan(parallel, s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void diagScanK(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                          double[] y, double[] stateOut) {
        scalar.diagScanK(s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void selectiveScanK(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                               float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        if (s.complexA()) {
            scalar.selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        } else {
            VectorSelectiveScan.scan(parallel, s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        }
    }

    @Override
    public void selectiveScanK(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                               double[] d, double[] z, double[] deltaBias, double[] x0, double[] out,
                               double[] lastState) {
        scalar.selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    @Override
    public void selectiveStateUpdateK(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                                      float[] c, float[] d, float[] z, float[] dtBias, float[] out) {
        VectorStateUpdate.step(parallel, s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void selectiveStateUpdateK(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                                      double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        scalar.selectiveStateUpdateK(s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void ssdScanK(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                         float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                         float[] prevStates) {
        VectorSsdScan.scan(parallel, s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates,
                prevStates);
    }

    @Override
    public void ssdScanK(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d,
                         double[] z, double[] dtBias, double[] initialStates, double[] y, double[] finalStates,
                         double[] chunkStates, double[] prevStates) {
        scalar.ssdScanK(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates,
                prevStates);
    }
}
