package ssm4j.lm.mixer;

import java.util.Map;

import ssm4j.api.BcLayout;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsuShape;
import ssm4j.blocks.io.TensorView;
import ssm4j.blocks.rows.BlockMathF32;
import ssm4j.lm.LmConfig;
import ssm4j.lm.proj.Projector;
import ssm4j.lm.proj.WeightMatrix;

/**
 * The Mamba-1 mixer of SPEC 11.2 over checkpoint weights: the four projections stay in their stored dtype
 * ({@link WeightMatrix}), the small per-channel tensors are widened to float arrays. Prefill packs every
 * sequence's tokens along time so the projections are one GEMM and the selective scan one call with
 * {@code seqStarts}; decode runs the projections as GEMV and the scan as {@code selectiveStateUpdate}. Same
 * arithmetic as {@code ssm4j.blocks.mamba.MambaBlock} (which copies its weights to fp32 and fp64 arrays; here a
 * BF16 checkpoint stays BF16 in memory).
 */
public final class Mamba1Mixer extends Mixer {
    private final int r;
    private final WeightMatrix xProj;
    private final WeightMatrix dtProj;
    private final float[] dtB;
    private final float[] aNeg;
    private final float[] d;

    /** The mixer of layer weights under {@code prefix} (e.g. {@code backbone.layers.3.mixer.}). */
    public Mamba1Mixer(LmConfig c, Map<String, TensorView> t, String prefix) {
        super(c, t, prefix, 2 * c.dInner(), c.dInner());
        r = c.dtRank();
        xProj = WeightMatrix.of(t.get(prefix + "x_proj.weight"), r + 2 * n, e);
        dtProj = WeightMatrix.of(t.get(prefix + "dt_proj.weight"), e, r);
        dtB = t.get(prefix + "dt_proj.bias").toFloats();
        aNeg = t.get(prefix + "A_log").toFloats();
        for (int i = 0; i < aNeg.length; i++) {
            aNeg[i] = (float) -Math.exp(aNeg[i]); // A = −exp(A_log), in float32 as the reference
        }
        d = t.get(prefix + "D").toFloats();
    }

    @Override
    public StepBuffers newStepBuffers(int batch) {
        return new StepBuffers(batch, 2 * e, e, e, r + 2 * n, n);
    }

    @Override
    public void prefill(MixerRun run, int total, int[] starts, float[] in, float[] out, float[] conv, float[] ssm) {
        Projector p = run.projector();
        int seqs = starts.length - 1;
        float[] xz = new float[total * 2 * e];
        p.apply(inProj, total, in, 0, xz, 0);
        float[] xT = new float[e * total];
        float[] zT = new float[e * total];
        // channel-major (E, T): the scan's (B=1, D, L) layout, and one contiguous row per conv channel
        Rows.transpose(xz, 0, 2 * e, total, e, xT, 0);
        Rows.transpose(xz, e, 2 * e, total, e, zT, 0);
        if (inBias != null) {
            addRowBias(xT, inBias, 0, total);
            addRowBias(zT, inBias, e, total);
        }
        float[] u = new float[e * total];
        run.projector().parallel().forRange(e, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int s = 0; s < seqs; s++) {
                    run.rows().convSilu(xT, u, ch * total + starts[s], starts[s + 1] - starts[s], convW, ch * w, w,
                            convB[ch]);
                }
            }
        });
        float[] uRow = new float[total * e];
        Rows.transpose(u, 0, total, e, total, uRow, 0);
        int dbl = r + 2 * n;
        float[] xdbl = new float[total * dbl];
        p.apply(xProj, total, uRow, 0, xdbl, 0);
        float[] dt = uRow; // reuse: (T, E) = dt_proj.weight · r
        p.apply(dtProj, 0, e, total, xdbl, 0, dbl, dt, 0, e);
        float[] deltaT = new float[e * total];
        Rows.transpose(dt, 0, e, total, e, deltaT, 0);
        float[] bT = new float[n * total];
        float[] cT = new float[n * total];
        Rows.transpose(xdbl, r, dbl, total, n, bT, 0);
        Rows.transpose(xdbl, r + n, dbl, total, n, cT, 0);
        SelectiveScanShape shape = new SelectiveScanShape(1, e, n, total, BcLayout.PER_TIME, BcLayout.PER_TIME, 1,
                false, true, seqs > 1 ? starts : null);
        float[] yT = xz; // reuse (2·E·T ≥ E·T)
        run.kernel().selectiveScan(shape, u, deltaT, aNeg, bT, cT, d, zT, dtB, null, yT, ssm);
        float[] yRow = new float[total * e];
        Rows.transpose(yT, 0, total, e, total, yRow, 0);
        p.apply(outProj, total, yRow, 0, out, 0);
        BlockMathF32.addBias(out, 0, total, outBias);
        for (int s = 0; s < seqs; s++) {
            Rows.convCache(xT, e, total, starts[s], starts[s + 1] - starts[s], w, conv, s * e * w);
        }
    }

    private static void addRowBias(float[] aT, float[] bias, int bOff, int total) {
        for (int i = 0; i < aT.length / total; i++) {
            float bv = bias[bOff + i];
            for (int t = 0; t < total; t++) {
                aT[i * total + t] += bv;
            }
        }
    }

    @Override
    public void step(MixerRun run, int batch, float[] in, float[] conv, float[] ssm, float[] out, StepBuffers buf) {
        Projector p = run.projector();
        p.apply(inProj, batch, in, 0, buf.proj, 0);
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < e; c++) {
                float xv = buf.proj[b * 2 * e + c] + (inBias == null ? 0f : inBias[c]);
                buf.z[b * e + c] = buf.proj[b * 2 * e + e + c] + (inBias == null ? 0f : inBias[e + c]);
                buf.conv[b * e + c] = BlockMathF32.convStep(conv, (b * e + c) * w, w, xv, convW, c * w, convB[c]);
            }
        }
        int dbl = r + 2 * n;
        p.apply(xProj, batch, buf.conv, 0, buf.dbl, 0);
        // δ before bias and softplus; the state update adds dt_proj.bias, then softplus (7.3)
        p.apply(dtProj, 0, e, batch, buf.dbl, 0, dbl, buf.dt, 0, e);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(buf.dbl, b * dbl + r, buf.b, b * n, n);
            System.arraycopy(buf.dbl, b * dbl + r + n, buf.c, b * n, n);
        }
        run.kernel().selectiveStateUpdate(new SsuShape(batch, 1, e, n, 1, true), ssm, buf.conv, buf.dt, aNeg, buf.b,
                buf.c, d, buf.z, dtB, buf.y);
        p.apply(outProj, batch, buf.y, 0, out, 0);
        BlockMathF32.addBias(out, 0, batch, outBias);
    }
}
