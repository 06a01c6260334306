package ssm4j.api.spi;

import ssm4j.api.SsuShape;

/**
 * One Mamba decoding step (SPEC 7.3) of one tier: arguments as {@link ssm4j.api.SsmKernel#selectiveStateUpdate},
 * already validated (nullable ones may be null). Each method defaults to the {@link #lower()} part.
 */
public interface StateUpdateOps {
    /** The next-lower tier's part, which computes what this one does not override ({@link Part#lower()}). */
    StateUpdateOps lower();

    /** fp32. */
    default void selectiveStateUpdateK(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                                       float[] c, float[] d, float[] z, float[] dtBias, float[] out) {
        lower().selectiveStateUpdateK(s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    /** fp64. */
    default void selectiveStateUpdateK(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                                       double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        lower().selectiveStateUpdateK(s, state, x, dt, a, b, c, d, z, dtBias, out);
    }
}
