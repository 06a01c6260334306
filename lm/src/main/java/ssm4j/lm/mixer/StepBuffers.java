package ssm4j.lm.mixer;

/**
 * Scratch of one decoding step, allocated once per generation so that a step allocates nothing. Owned by one
 * thread at a time.
 */
public final class StepBuffers {
    final float[] proj;
    final float[] conv;
    final float[] z;
    final float[] dt;
    final float[] dbl;
    final float[] b;
    final float[] c;
    final float[] y;

    StepBuffers(int batch, int projRows, int convRows, int inner, int dblRows, int bcSize) {
        proj = new float[batch * projRows];
        conv = new float[batch * convRows];
        z = new float[batch * inner];
        dt = new float[batch * inner];
        dbl = new float[batch * dblRows];
        b = new float[batch * bcSize];
        c = new float[batch * bcSize];
        y = new float[batch * inner];
    }
}
