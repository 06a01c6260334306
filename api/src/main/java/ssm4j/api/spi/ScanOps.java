package ssm4j.api.spi;

import ssm4j.api.DiagScanShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsuShape;

/**
 * Recurrent mode of one tier (SPEC 7, 8): arguments as the same-named {@link ssm4j.api.SsmKernel} methods,
 * already validated (nullable arguments may be null).
 */
public interface ScanOps {
    /** Diagonal LTI scan, fp32. */
    void diagScanK(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u, float[] y,
                   float[] stateOut);

    /** Diagonal LTI scan, fp64. */
    void diagScanK(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                   double[] y, double[] stateOut);

    /** Selective scan, fp32 internal compute (as the reference). */
    void selectiveScanK(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c, float[] d,
                        float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState);

    /** Selective scan, fp64. */
    void selectiveScanK(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                        double[] d, double[] z, double[] deltaBias, double[] x0, double[] out, double[] lastState);

    /** One decoding step, fp32. */
    void selectiveStateUpdateK(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                               float[] d, float[] z, float[] dtBias, float[] out);

    /** One decoding step, fp64. */
    void selectiveStateUpdateK(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                               double[] c, double[] d, double[] z, double[] dtBias, double[] out);

    /** Mamba-2 SSD scan, fp32 (SPEC 12). */
    void ssdScanK(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                  float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                  float[] prevStates);

    /** Mamba-2 SSD scan, fp64. */
    void ssdScanK(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d,
                  double[] z, double[] dtBias, double[] initialStates, double[] y, double[] finalStates,
                  double[] chunkStates, double[] prevStates);
}
