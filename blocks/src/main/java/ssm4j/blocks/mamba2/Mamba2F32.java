package ssm4j.blocks.mamba2;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.Parallel;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.MixerBlock;
import ssm4j.blocks.rows.GemmChunks;
import ssm4j.blocks.rows.BlockMathF32;
import ssm4j.blocks.rows.MixerWeightsF32;
import ssm4j.blocks.rows.Scratch;

/**
 * The fp32 arithmetic of {@link Mamba2Block} (SPEC 12.6).
 * {@code Mamba2F64} is generated from this file by {@code tools/GenerateTwins.java}.
 * Arguments were checked by {@link Mamba2Block}. Layout: everything is time major (rows = time steps), which is
 * the SSD scan's (B,L,H,P) and (B,L,G,N) layout, so in_proj writes one (B·L, 2E+2GN+H) matrix and the convolution
 * writes x, B and C straight into the scan's arrays. Row-major (r,c) is column-major (c×r) for BLAS, hence the
 * argument order.
 */
final class Mamba2F32 extends MixerWeightsF32 implements MixerBlock.Arithmetic<float[]> {
    private final Mamba2Sizes z;
    private final float[] dtBias;   // (H)
    private final float[] aNeg;     // (H): A = −exp(A_log)
    private final float[] d;        // (H) or (E)
    private final float[] normW;    // (E) or null (rmsnorm=False)
    /** Per-thread scratch slots, grown to the largest (B, L) seen by {@link #grow}; read back with size 0. */
    private enum Slot { ZX, X, B, C, DT, GATE, Y }

    private final ThreadLocal<Scratch> workspaces = Scratch.perThread(Slot.class);

    /** p: in_proj (R, dm), R = 2E + 2GN + H, and bias, conv1d (conv_dim, W) and bias, dt bias, A, D, norm, out_proj. */
    Mamba2F32(Mamba2Sizes sizes, double[][] p) {
        super(p);
        this.z = sizes;
        this.dtBias = BlockMathF32.copyOf(p[4]);
        this.aNeg = BlockMathF32.copyOf(p[5]);
        this.d = BlockMathF32.copyOf(p[6]);
        this.normW = BlockMathF32.copyOf(p[7]);
    }

    private void grow(Scratch ws, int rows) {
        ws.floats(Slot.ZX, (long) rows * z.rows());
        ws.floats(Slot.X, (long) rows * z.e());
        ws.floats(Slot.B, (long) rows * z.gn());
        ws.floats(Slot.C, (long) rows * z.gn());
        ws.floats(Slot.DT, (long) rows * z.h());
        ws.floats(Slot.GATE, (long) rows * z.e());
        ws.floats(Slot.Y, (long) rows * z.e());
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int len, float[] hidden, float[] out, float[] convState,
                        float[] ssmState) {
        Scratch ws = workspaces.get();
        int bl = batch * len;
        grow(ws, bl);
        Parallel par = Parallel.of(kernel.threads());
        int rows = z.rows();
        int dm = z.dm();
        float[] zx = ws.floats(Slot.ZX, 0);
        // zxbcdt (B·L, R) = h (B·L, dm) · in_proj.weightᵀ, in row chunks spread over threads (netlib is serial)
        GemmChunks.forEach(par, 1, bl, (blas, b, t0, m) -> {
            blas.sgemm("T", "N", rows, m, dm, 1f, inProj, 0, dm, hidden, t0 * dm, dm, 0f, zx, t0 * rows, rows);
            BlockMathF32.addBias(zx, t0, m, inBias);
        });
        convolve(par, batch, len, ws);
        if (convState != null) {
            // the last W pre-convolution xBC columns, oldest first, zero where the index is negative (12.6)
            int cd = z.convDim();
            int w = z.w();
            for (int b = 0; b < batch; b++) {
                for (int ch = 0; ch < cd; ch++) {
                    for (int k = 0; k < w; k++) {
                        int t = len - w + k;
                        convState[(b * cd + ch) * w + k] = t >= 0 ? zx[(b * len + t) * rows + z.e() + ch] : 0f;
                    }
                }
            }
        }
        SsdScanShape s = SsdScanShape.of(batch, len, z.h(), z.p(), z.g(), z.n(), z.cfg().chunkSize())
                .withDtSoftplus(true).withDtLimit(z.cfg().dtLimitLo(), z.cfg().dtLimitHi())
                .withDPerHeaddim(z.dPerHeaddim());
        finish(kernel, par, s, ws, bl, null, ssmState, out);
    }

    /** Causal depthwise conv + SiLU over the xBC columns of zxbcdt, split into the scan's x, B, C; dt and z copied. */
    private void convolve(Parallel par, int batch, int len, Scratch ws) {
        int rows = z.rows();
        int e = z.e();
        int cd = z.convDim();
        int w = z.w();
        float[] zx = ws.floats(Slot.ZX, 0);
        par.forRange(batch * len, (lo, hi) -> {
            for (int bt = lo; bt < hi; bt++) {
                int t = bt % len;
                int row = bt * rows;
                for (int ch = 0; ch < cd; ch++) {
                    float acc = convB[ch];
                    for (int k = Math.max(0, w - 1 - t); k < w; k++) {
                        acc += convW[ch * w + k] * zx[row + (k - w + 1) * rows + e + ch];
                    }
                    split(ws, bt, ch, BlockMathF32.silu(acc));
                }
                copyDtGate(ws, row, bt);
            }
        });
    }

    /** Routes conv channel {@code ch} of time row {@code t} to the scan's x (E), B (GN) or C (GN) (12.6 step 3). */
    private void split(Scratch ws, int t, int ch, float v) {
        int e = z.e();
        int gn = z.gn();
        if (ch < e) {
            ws.floats(Slot.X, 0)[t * e + ch] = v;
        } else if (ch < e + gn) {
            ws.floats(Slot.B, 0)[t * gn + ch - e] = v;
        } else {
            ws.floats(Slot.C, 0)[t * gn + ch - e - gn] = v;
        }
    }

    /** Copies dt (H) and the gate z (E) of time row {@code t} (zxbcdt row offset {@code row}) to the workspace. */
    private void copyDtGate(Scratch ws, int row, int t) {
        System.arraycopy(ws.floats(Slot.ZX, 0), row + z.e() + z.convDim(), ws.floats(Slot.DT, 0), t * z.h(), z.h());
        System.arraycopy(ws.floats(Slot.ZX, 0), row, ws.floats(Slot.GATE, 0), t * z.e(), z.e());
    }

    /** The scan (z inside it only without the norm), the gated RMSNorm and out_proj, for B·L rows. */
    private void finish(SsmKernel kernel, Parallel par, SsdScanShape s, Scratch ws, int bl, float[] stateIn,
                        float[] stateOut, float[] out) {
        float[] gate = ws.floats(Slot.GATE, 0);
        float[] y = ws.floats(Slot.Y, 0);
        boolean norm = normW != null;
        kernel.ssdScan(s, ws.floats(Slot.X, 0), ws.floats(Slot.DT, 0), aNeg, ws.floats(Slot.B, 0),
                ws.floats(Slot.C, 0), d, norm ? null : gate, dtBias, stateIn, y, stateOut, null, null);
        int e = z.e();
        int dm = z.dm();
        if (norm) {
            int gs = e / z.g();
            double eps = z.cfg().normEps();
            boolean before = z.cfg().normBeforeGate();
            par.forRange(bl, (lo, hi) -> {
                for (int t = lo; t < hi; t++) {
                    for (int g0 = t * e; g0 < t * e + e; g0 += gs) {
                        float ss = 0f;
                        for (int i = g0; i < g0 + gs; i++) {
                            float u = before ? y[i] : y[i] * BlockMathF32.silu(gate[i]);
                            y[i] = u;
                            ss += u * u;
                        }
                        float r = (float) (1 / Math.sqrt(ss / gs + eps));
                        for (int i = g0; i < g0 + gs; i++) {
                            float v = y[i] * r * normW[i - t * e];
                            y[i] = before ? v * BlockMathF32.silu(gate[i]) : v;
                        }
                    }
                }
            });
        }
        GemmChunks.forEach(par, 1, bl, (blas, b, t0, m) -> {
            // out (rows, dm) = y (rows, E) · out_proj.weightᵀ
            blas.sgemm("T", "N", dm, m, e, 1f, outProj, 0, e, y, t0 * e, e, 0f, out, t0 * dm, dm);
            BlockMathF32.addBias(out, t0, m, outBias);
        });
    }

    @Override
    public void step(SsmKernel kernel, int batch, float[] hidden, float[] convState, float[] ssmState, float[] out) {
        Scratch ws = workspaces.get();
        grow(ws, batch);
        int rows = z.rows();
        int dm = z.dm();
        int e = z.e();
        int cd = z.convDim();
        int w = z.w();
        int h = z.h();
        float[] zx = ws.floats(Slot.ZX, 0);
        BLAS.getInstance().sgemm("T", "N", rows, batch, dm, 1f, inProj, 0, dm, hidden, 0, dm, 0f, zx, 0, rows);
        BlockMathF32.addBias(zx, 0, batch, inBias);
        for (int b = 0; b < batch; b++) {
            int row = b * rows;
            for (int ch = 0; ch < cd; ch++) {
                float v = BlockMathF32.convStep(convState, (b * cd + ch) * w, w, zx[row + e + ch], convW, ch * w,
                        convB[ch]);
                split(ws, b, ch, v);
            }
            copyDtGate(ws, row, b);
        }
        // one SSD step, state updated in place; the reference's step() applies no dt_limit (SPEC 12.7.1)
        SsdScanShape s = SsdScanShape.of(batch, 1, h, z.p(), z.g(), z.n(), z.cfg().chunkSize())
                .withDtSoftplus(true).withDPerHeaddim(z.dPerHeaddim());
        finish(kernel, Parallel.of(1), s, ws, batch, ssmState, ssmState, out);
    }
}
