package ssm4j.api.spi;

import ssm4j.api.SelectiveScanShape;

/**
 * The selective scan (Mamba S6, SPEC 7.1–7.2) of one tier: arguments as {@link ssm4j.api.SsmKernel#selectiveScan},
 * already validated (nullable ones may be null). Each method defaults to the {@link #lower()} part.
 */
public interface SelectiveScanOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    SelectiveScanOps lower();

    /** fp32 (internal compute in fp32, as the reference). */
    default void selectiveScanK(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                                float[] d, float[] z, float[] deltaBias, float[] x0, float[] out,
                                float[] lastState) {
        lower().selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    /** fp64. */
    default void selectiveScanK(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b,
                                double[] c, double[] d, double[] z, double[] deltaBias, double[] x0, double[] out,
                                double[] lastState) {
        lower().selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }
}
