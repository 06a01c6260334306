package ssm4j.scan.simd;

import ssm4j.api.DiagScanShape;
import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsuShape;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.ScanOps;

/**
 * The Vector API tier of the recurrent mode (SPEC 7, 8). Vectorised over channels with the state of a pole in a
 * register ({@link VectorSelectiveScan}, {@link VectorDiagScan}); a few long sequences are split over time by the
 * chunked scan of SPEC 8.3 ({@link VectorDiagScan}); the decoding step is vectorised over the state
 * ({@link VectorStateUpdate}). It overrides only the fp32 methods: every fp64 path, and the selective scan with
 * complex A (which would need a vector sin/cos), are the lower (scalar) part's. Loaded only when
 * {@code jdk.incubator.vector} is present. Thread-safe: per-thread workspaces only; steady-state calls allocate no
 * arrays.
 */
public final class VectorScanOps extends Part<ScanOps> implements ScanOps {
    /**
     * @param parallel how calls split their work over threads
     * @param lower    the scalar part, which computes what this one does not override
     */
    public VectorScanOps(Parallel parallel, ScanOps lower) {
        super(parallel, lower);
    }

    @Override
    public void diagScanK(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                          float[] y, float[] stateOut) {
        VectorDiagScan.scan(parallel, s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void selectiveScanK(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                               float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        if (s.complexA()) {
            lower().selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        } else {
            VectorSelectiveScan.scan(parallel, s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        }
    }

    @Override
    public void selectiveStateUpdateK(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                                      float[] c, float[] d, float[] z, float[] dtBias, float[] out) {
        VectorStateUpdate.step(parallel, s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void ssdScanK(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                         float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                         float[] prevStates) {
        VectorSsdScan.scan(parallel, s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates,
                prevStates);
    }

    @Override
    public void logScanK(LogScanShape s, float[] logCoeffs, float[] logValues, float[] logH0, float[] logH, float[] h,
                         float[] lastLogH) {
        VectorLogScan.scan(parallel, s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }
}
