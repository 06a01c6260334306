package ssm4j.api.spi;

import ssm4j.api.LogScanShape;

/**
 * The log-space scan of the minRNNs (SPEC 14.3) of one tier: arguments as {@link ssm4j.api.SsmKernel#logScan},
 * already validated (nullable ones may be null). Each method defaults to the {@link #lower()} part.
 */
public interface LogScanOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    LogScanOps lower();

    /** fp32. */
    default void logScanK(LogScanShape s, float[] logCoeffs, float[] logValues, float[] logH0, float[] logH,
                          float[] h, float[] lastLogH) {
        lower().logScanK(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }

    /** fp64. */
    default void logScanK(LogScanShape s, double[] logCoeffs, double[] logValues, double[] logH0, double[] logH,
                          double[] h, double[] lastLogH) {
        lower().logScanK(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }
}
