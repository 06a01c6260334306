package ssm4j.api.spi;

import ssm4j.api.SsdScanShape;

/**
 * The Mamba-2 SSD scan (SPEC 12) of one tier: arguments as {@link ssm4j.api.SsmKernel#ssdScan}, already validated
 * (nullable ones may be null). Each method defaults to the {@link #lower()} part.
 */
public interface SsdScanOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    SsdScanOps lower();

    /** fp32. */
    default void ssdScanK(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d,
                          float[] z, float[] dtBias, float[] initialStates, float[] y, float[] finalStates,
                          float[] chunkStates, float[] prevStates) {
        lower().ssdScanK(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
    }

    /** fp64. */
    default void ssdScanK(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d,
                          double[] z, double[] dtBias, double[] initialStates, double[] y, double[] finalStates,
                          double[] chunkStates, double[] prevStates) {
        lower().ssdScanK(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
    }
}
