package ssm4j.blocks;

import ssm4j.api.SsmKernel;

/** Test helper: decoding a whole prompt one token at a time through {@link MixerBlock#step}. */
public final class MixerDecode {
    private MixerDecode() {
    }

    /**
     * Feeds the L tokens of hidden {@code h} (B,L,d_model) one step at a time from the caches {@code conv} and
     * {@code ssm} (updated in place) and returns the outputs laid out as the forward's (B,L,d_model).
     */
    public static float[] decode(SsmKernel k, MixerBlock m, int batch, int len, float[] h, float[] conv,
                                 float[] ssm) {
        int dm = m.dModel();
        float[] steps = new float[h.length];
        float[] tok = new float[batch * dm];
        float[] o = new float[batch * dm];
        for (int t = 0; t < len; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(h, (b * len + t) * dm, tok, b * dm, dm);
            }
            m.step(k, batch, tok, conv, ssm, o);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(o, b * dm, steps, (b * len + t) * dm, dm);
            }
        }
        return steps;
    }
}
