package ssm4j.api.spi;

import ssm4j.api.DiagScanShape;

/**
 * The diagonal LTI scan of one tier (SPEC 8.4): arguments as {@link ssm4j.api.SsmKernel#diagScan}, already
 * validated (nullable ones may be null). Each method defaults to the {@link #lower()} part.
 */
public interface DiagScanOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    DiagScanOps lower();

    /** fp32. */
    default void diagScanK(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                           float[] y, float[] stateOut) {
        lower().diagScanK(s, a, b, c, d, x0, u, y, stateOut);
    }

    /** fp64. */
    default void diagScanK(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                           double[] y, double[] stateOut) {
        lower().diagScanK(s, a, b, c, d, x0, u, y, stateOut);
    }
}
