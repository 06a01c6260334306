package ssm4j.scan.ref;

import ssm4j.api.DiagScanShape;
import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsuShape;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.ScanOps;

/**
 * The scalar tier of the recurrent mode (SPEC 7, 8): plain sequential Java, the oracle the vector tier is tested
 * against and the bottom of every scan chain (it overrides every method; it has no lower part). The fp32 selective
 * scan computes in float, as the Mamba reference does. Channel rows are split over
 * the threads of {@link Parallel}; each row is computed by the same code on any thread, so results do not depend
 * on the thread count. Thread-safe: holds no mutable state (per-thread scratch only).
 */
public final class ScalarScanOps extends Part<ScanOps> implements ScanOps {
    /** A scalar scan tier splitting rows over {@code parallel}'s threads. */
    public ScalarScanOps(Parallel parallel) {
        super(parallel, null);
    }

    @Override
    public void diagScanK(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                          float[] y, float[] stateOut) {
        ScalarDiagScanF32.scan(parallel, s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void diagScanK(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                          double[] y, double[] stateOut) {
        ScalarDiagScanF64.scan(parallel, s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void selectiveScanK(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                               float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        ScalarSelectiveScanF32.scan(parallel, s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    @Override
    public void selectiveScanK(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                               double[] d, double[] z, double[] deltaBias, double[] x0, double[] out,
                               double[] lastState) {
        ScalarSelectiveScanF64.scan(parallel, s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    @Override
    public void selectiveStateUpdateK(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                                      float[] c, float[] d, float[] z, float[] dtBias, float[] out) {
        ScalarStateUpdate.step(parallel, s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void selectiveStateUpdateK(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                                      double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        ScalarStateUpdate.step(parallel, s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void ssdScanK(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                         float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                         float[] prevStates) {
        ScalarSsdScan.scan(parallel, s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates,
                prevStates);
    }

    @Override
    public void ssdScanK(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d,
                         double[] z, double[] dtBias, double[] initialStates, double[] y, double[] finalStates,
                         double[] chunkStates, double[] prevStates) {
        ScalarSsdScan.scan(parallel, s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates,
                prevStates);
    }

    @Override
    public void logScanK(LogScanShape s, float[] logCoeffs, float[] logValues, float[] logH0, float[] logH, float[] h,
                         float[] lastLogH) {
        ScalarLogScan.scan(parallel, s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }

    @Override
    public void logScanK(LogScanShape s, double[] logCoeffs, double[] logValues, double[] logH0, double[] logH,
                         double[] h, double[] lastLogH) {
        ScalarLogScan.scan(parallel, s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }
}
