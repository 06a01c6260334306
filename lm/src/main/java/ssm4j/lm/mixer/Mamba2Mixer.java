package ssm4j.lm.mixer;

import java.util.Map;

import ssm4j.api.SsdScanShape;
import ssm4j.api.SsuShape;
import ssm4j.blocks.io.TensorView;
import ssm4j.blocks.rows.BlockMathF32;
import ssm4j.lm.LmConfig;
import ssm4j.lm.proj.Projector;

/**
 * The Mamba-2 mixer of SPEC 12.6 over checkpoint weights: in_proj split z | xBC | dt, causal conv + SiLU over
 * all of xBC, the SSD recurrence (12.2), the grouped gated RMSNorm (norm_before_gate=False), out_proj.
 *
 * <p>Prefill packs every prompt into one SSD scan ({@code SsmKernel.ssdScan}, the chunked algorithm of SPEC 12.4,
 * with {@code seqStarts}); decode is {@code selectiveStateUpdate} with H heads of P channels and G groups — the
 * reference's {@code step()}, A and dt_bias of each head broadcast over its P channels and N states. The state
 * (S, H, P, N) is the reference's {@code ssm_state}. Immutable and thread-safe.
 */
public final class Mamba2Mixer extends Mixer {
    private static final float NORM_EPS = 1e-5f;
    private final int g;
    private final int h;
    private final int hp;
    private final int cd;
    private final int rowsIn;
    private final float[] dtBiasE;
    private final float[] aNegE;
    private final float[] dE;
    private final float[] normW;
    private final float[] aNegH;
    private final float[] dtBiasH;
    private final float[] dRaw;
    private final boolean dHasHdim;
    private final int chunkSize;

    /** The mixer of layer weights under {@code prefix} (e.g. {@code backbone.layers.3.mixer.}). */
    public Mamba2Mixer(LmConfig c, Map<String, TensorView> t, String prefix) {
        super(c, t, prefix, c.inProjRows(), c.convDim());
        g = c.ngroups();
        h = c.nheads();
        hp = c.headdim();
        cd = c.convDim();
        rowsIn = c.inProjRows();
        float[] dtBias = t.get(prefix + "dt_bias").toFloats();
        float[] aLog = t.get(prefix + "A_log").toFloats();
        float[] dv = t.get(prefix + "D").toFloats();
        normW = t.get(prefix + "norm.weight").toFloats();
        dHasHdim = c.dHasHdim();
        chunkSize = c.chunkSize() > 0 ? c.chunkSize() : 256;
        dtBiasH = dtBias;
        dRaw = dv;
        aNegH = new float[h];
        for (int i = 0; i < h; i++) {
            aNegH[i] = (float) -Math.exp(aLog[i]); // A = −exp(A_log) in float32 (12.7.5)
        }
        // per-channel copies (channel e = head·P + p): the scan sees one channel per (head, headdim) pair
        dtBiasE = new float[e];
        aNegE = new float[e * n];
        dE = new float[e];
        for (int ch = 0; ch < e; ch++) {
            int head = ch / hp;
            dtBiasE[ch] = dtBias[head];
            dE[ch] = c.dHasHdim() ? dv[ch] : dv[head];
            float a = (float) -Math.exp(aLog[head]); // A = −exp(A_log) in float32 (12.7.5)
            for (int k = 0; k < n; k++) {
                aNegE[ch * n + k] = a;
            }
        }
    }

    @Override
    public StepBuffers newStepBuffers(int batch) {
        return new StepBuffers(batch, rowsIn, cd, e, 1, g * n);
    }

    @Override
    public void prefill(MixerRun run, int total, int[] starts, float[] in, float[] out, float[] conv, float[] ssm) {
        Projector p = run.projector();
        int seqs = starts.length - 1;
        float[] zx = new float[total * rowsIn];
        p.apply(inProj, total, in, 0, zx, 0);
        BlockMathF32.addBias(zx, 0, total, inBias);
        float[] xbcT = new float[cd * total];
        Rows.transpose(zx, e, rowsIn, total, cd, xbcT, 0);
        float[] xc = new float[cd * total];
        p.parallel().forRange(cd, (lo, hi) -> {
            for (int ch = lo; ch < hi; ch++) {
                for (int s = 0; s < seqs; s++) {
                    run.rows().convSilu(xbcT, xc, ch * total + starts[s], starts[s + 1] - starts[s], convW, ch * w,
                            w, convB[ch]);
                }
            }
        });
        // the SSD scan takes time-major (1, T, H, P) x, (1, T, G, N) B and C, (1, T, H) dt
        float[] xRow = new float[total * e];
        Rows.transpose(xc, 0, total, e, total, xRow, 0);
        float[] bRow = new float[total * g * n];
        float[] cRow = new float[total * g * n];
        Rows.transpose(xc, e * total, total, g * n, total, bRow, 0);
        Rows.transpose(xc, (e + g * n) * total, total, g * n, total, cRow, 0);
        float[] dt = new float[total * h];
        for (int t = 0; t < total; t++) {
            System.arraycopy(zx, t * rowsIn + e + cd, dt, t * h, h);
        }
        SsdScanShape shape = new SsdScanShape(1, total, h, hp, g, n, chunkSize, true, 0, Float.POSITIVE_INFINITY,
                dHasHdim, seqs > 1 ? starts : null);
        float[] u = new float[total * e];
        run.kernel().ssdScan(shape, xRow, dt, aNegH, bRow, cRow, dRaw, null, dtBiasH, null, u, ssm, null, null);
        for (int t = 0; t < total; t++) {
            gatedNorm(u, t * e, zx, t * rowsIn);
        }
        p.apply(outProj, total, u, 0, out, 0);
        BlockMathF32.addBias(out, 0, total, outBias);
        for (int s = 0; s < seqs; s++) {
            Rows.convCache(xbcT, cd, total, starts[s], starts[s + 1] - starts[s], w, conv, s * cd * w);
        }
    }

    /** {@code y ← rmsnorm_g(y ∘ silu(z))·norm.weight} over G groups of E/G channels (12.6 step 5). */
    private void gatedNorm(float[] y, int yOff, float[] z, int zOff) {
        int gs = e / g;
        for (int gi = 0; gi < g; gi++) {
            double ss = 0;
            int base = gi * gs;
            for (int k = 0; k < gs; k++) {
                float v = y[yOff + base + k] * BlockMathF32.silu(z[zOff + base + k]);
                y[yOff + base + k] = v;
                ss += (double) v * v;
            }
            float rstd = (float) (1 / Math.sqrt(ss / gs + NORM_EPS));
            for (int k = 0; k < gs; k++) {
                y[yOff + base + k] = y[yOff + base + k] * rstd * normW[base + k];
            }
        }
    }

    @Override
    public void step(MixerRun run, int batch, float[] in, float[] conv, float[] ssm, float[] out, StepBuffers buf) {
        Projector p = run.projector();
        p.apply(inProj, batch, in, 0, buf.proj, 0);
        for (int b = 0; b < batch; b++) {
            int row = b * rowsIn;
            BlockMathF32.addBias(buf.proj, b, 1, inBias);
            for (int c = 0; c < cd; c++) {
                float v = BlockMathF32.convStep(conv, (b * cd + c) * w, w, buf.proj[row + e + c], convW, c * w,
                        convB[c]);
                if (c < e) {
                    buf.y[b * e + c] = v; // x (B, H, P)
                } else if (c < e + g * n) {
                    buf.b[b * g * n + c - e] = v;
                } else {
                    buf.c[b * g * n + c - e - g * n] = v;
                }
            }
            for (int ch = 0; ch < e; ch++) {
                buf.dt[b * e + ch] = buf.proj[row + e + cd + ch / hp];
            }
        }
        // x lives in buf.y; the update writes its output to buf.z (the gate is applied by the norm below)
        run.kernel().selectiveStateUpdate(new SsuShape(batch, h, hp, n, g, true), ssm, buf.y, buf.dt, aNegE, buf.b,
                buf.c, dE, null, dtBiasE, buf.z);
        for (int b = 0; b < batch; b++) {
            gatedNorm(buf.z, b * e, buf.proj, b * rowsIn);
        }
        p.apply(outProj, batch, buf.z, 0, out, 0);
        BlockMathF32.addBias(out, 0, batch, outBias);
    }
}
