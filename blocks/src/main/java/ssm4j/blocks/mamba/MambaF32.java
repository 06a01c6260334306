package ssm4j.blocks.mamba;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.BcLayout;
import ssm4j.api.Parallel;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.SsuShape;
import ssm4j.blocks.MixerBlock;
import ssm4j.blocks.rows.GemmChunks;
import ssm4j.blocks.rows.BlockMathF32;
import ssm4j.blocks.rows.MixerWeightsF32;
import ssm4j.blocks.rows.RowOps;
import ssm4j.blocks.rows.Scratch;

/**
 * The fp32 arithmetic of {@link MambaBlock} (SPEC 11.2); one source for both precisions (tools/GenerateTwins.java). Arguments
 * were checked by {@link MambaBlock}. Layout choice: every GEMM writes channel-major (rows = channels, time last),
 * which is exactly the selective scan's (B,D,L) and per-time (B,N,L) layouts, so nothing is transposed or copied
 * between the projections and the scan. Row-major (r,c) is column-major (c×r) for BLAS, hence the argument order.
 */
final class MambaF32 extends MixerWeightsF32 implements MixerBlock.Arithmetic<float[]> {
    private final int dm;
    private final int e;
    private final int n;
    private final int w;
    private final int r;
    private final float[] xProj;    // (R+2N, E)
    private final float[] dtW;      // (E, R)
    private final float[] dtB;      // (E)
    private final float[] aNeg;     // (E, N): A = −exp(A_log)
    private final float[] d;        // (E)
    /** Per-thread scratch slots, grown to the largest (B, L) seen. */
    private enum Slot { X, Z, U, DELTA, RR, BB, CC, Y }

    private final ThreadLocal<Scratch> workspaces = Scratch.perThread(Slot.class);

    /** p: in_proj (2E, dm) and bias, conv1d (E, W) and bias, x_proj, dt_proj, dt bias, A, D, out_proj and bias. */
    MambaF32(int dm, int e, int n, int w, int r, double[][] p) {
        super(p);
        this.dm = dm;
        this.e = e;
        this.n = n;
        this.w = w;
        this.r = r;
        this.xProj = BlockMathF32.copyOf(p[4]);
        this.dtW = BlockMathF32.copyOf(p[5]);
        this.dtB = BlockMathF32.copyOf(p[6]);
        this.aNeg = BlockMathF32.copyOf(p[7]);
        this.d = BlockMathF32.copyOf(p[8]);
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int len, float[] hidden, float[] out, float[] convState,
                        float[] ssmState) {
        forward(kernel, batch, len, hidden, out, convState, ssmState, null);
    }

    /** {@link #forward(SsmKernel, int, int, float[], float[], float[], float[])}, adding stage times when non-null. */
    void forward(SsmKernel kernel, int batch, int len, float[] hidden, float[] out, float[] convState,
                 float[] ssmState, long[] stageNanos) {
        long n0 = System.nanoTime();
        Scratch ws = workspaces.get();
        // + len slack: netlib's argument check wants a whole leading dimension after the last column a chunk's
        // GEMM touches (off + ld·cols <= length), although it reads and writes only the chunk's rows
        int seq = batch * e * len + len;
        float[] x = ws.floats(Slot.X, seq);
        float[] z = ws.floats(Slot.Z, seq);
        float[] u = ws.floats(Slot.U, seq);
        float[] delta = ws.floats(Slot.DELTA, seq);
        float[] rr = ws.floats(Slot.RR, batch * r * len + len);
        float[] bb = ws.floats(Slot.BB, batch * n * len + len);
        float[] cc = ws.floats(Slot.CC, batch * n * len + len);
        float[] y = ws.floats(Slot.Y, seq);
        Parallel par = Parallel.of(kernel.threads());
        GemmChunks.forEach(par, batch, len, (blas, b, t0, m) -> {
            int hOff = b * len * dm + t0 * dm;
            int sOff = b * e * len + t0;
            // [x; z] = in_proj.weight · h_t: x (E,L) = column-major (L×E) = h (L×dm) · Wx^T (dm×E)
            blas.sgemm("T", "N", m, e, dm, 1f, hidden, hOff, dm, inProj, 0, dm, 0f, x, sOff, len);
            blas.sgemm("T", "N", m, e, dm, 1f, hidden, hOff, dm, inProj, e * dm, dm, 0f, z, sOff, len);
            if (inBias != null) {
                addRowBias(x, sOff, inBias, 0, e, len, m);
                addRowBias(z, sOff, inBias, e, e, len, m);
            }
        });
        long n1 = System.nanoTime();
        // causal depthwise conv1d + SiLU (11.2), channel rows are independent
        RowOps rows = RowOps.of(kernel);
        par.forRange(batch * e, (lo, hi) -> {
            for (int row = lo; row < hi; row++) {
                int ch = row % e;
                rows.convSilu(x, u, row * len, len, convW, ch * w, w, convB[ch]);
            }
        });
        long n2 = System.nanoTime();
        GemmChunks.forEach(par, batch, len, (blas, b, t0, m) -> {
            int sOff = b * e * len + t0;
            int rOff = b * r * len + t0;
            int nOff = b * n * len + t0;
            // [r; B; C] = x_proj.weight · xc, each written (rows, L): B and C land in the scan's (B,N,L) layout
            blas.sgemm("N", "N", m, r, e, 1f, u, sOff, len, xProj, 0, e, 0f, rr, rOff, len);
            blas.sgemm("N", "N", m, n, e, 1f, u, sOff, len, xProj, r * e, e, 0f, bb, nOff, len);
            blas.sgemm("N", "N", m, n, e, 1f, u, sOff, len, xProj, (r + n) * e, e, 0f, cc, nOff, len);
            // δ before bias and softplus: dt_proj.weight · r; the scan adds dt_proj.bias, then softplus (7.2a)
            blas.sgemm("N", "N", m, e, r, 1f, rr, rOff, len, dtW, 0, r, 0f, delta, sOff, len);
        });
        long n3 = System.nanoTime();
        SelectiveScanShape s = new SelectiveScanShape(batch, e, n, len, BcLayout.PER_TIME, BcLayout.PER_TIME, 1,
                false, true);
        kernel.selectiveScan(s, u, delta, aNeg, bb, cc, d, z, dtB, null, y, ssmState);
        long n4 = System.nanoTime();
        GemmChunks.forEach(par, batch, len, (blas, b, t0, m) -> {
            // out (L,dm) = column-major (dm×L) = out_proj.weight (dm×E) · y (E×L)
            blas.sgemm("T", "T", dm, m, e, 1f, outProj, 0, e, y, b * e * len + t0, len, 0f, out, (b * len + t0) * dm,
                    dm);
            BlockMathF32.addBias(out, b * len + t0, m, outBias);
        });
        if (convState != null) {
            fillConvState(batch, len, hidden, convState);
        }
        if (stageNanos != null) {
            stageNanos[0] += (n1 - n0) + (n3 - n2) + (System.nanoTime() - n4); // projections (and cache copy)
            stageNanos[1] += n2 - n1;                                        // conv1d + SiLU
            stageNanos[2] += n4 - n3;                                        // selective scan
        }
    }

    private static void addRowBias(float[] a, int off, float[] bias, int bOff, int rows, int len, int m) {
        for (int i = 0; i < rows; i++) {
            float bv = bias[bOff + i];
            for (int t = 0; t < m; t++) {
                a[off + i * len + t] += bv;
            }
        }
    }

    /**
     * The last W pre-convolution inputs, oldest first, zero where the index is negative (11.2), computed by
     * {@link #projectTokens}, the projection {@link #step} uses: the window then holds the bits decoding would
     * have produced, so prefill-then-decode equals decode-only exactly. The forward's own x came from a GEMM over
     * the whole chunk, whose BLAS kernel sums the d_model products in another order than the per-step call
     * (OpenBLAS on AVX-512: rows of a 16-row block vs the GEMV path; issue 14), so a copy of it would differ from
     * the decoded window in the last bits.
     */
    private void fillConvState(int batch, int len, float[] hidden, float[] convState) {
        BLAS blas = BLAS.getInstance();
        float[] tok = new float[batch * dm];
        float[] xz = new float[batch * 2 * e];
        for (int k = 0; k < w; k++) {
            int t = len - w + k;
            if (t >= 0) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(hidden, (b * len + t) * dm, tok, b * dm, dm);
                }
                projectTokens(blas, batch, tok, xz);
            }
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < e; c++) {
                    float xv = xz[b * 2 * e + c] + (inBias == null ? 0f : inBias[c]);   // as step() adds it
                    convState[(b * e + c) * w + k] = t >= 0 ? xv : 0f;
                }
            }
        }
    }

    /** xz (B, 2E) = column-major (2E × B) = in_proj.weight (2E×dm) · h^T (dm×B), without the bias. */
    private void projectTokens(BLAS blas, int batch, float[] hidden, float[] xz) {
        blas.sgemm("T", "N", 2 * e, batch, dm, 1f, inProj, 0, dm, hidden, 0, dm, 0f, xz, 0, 2 * e);
    }

    @Override
    public void step(SsmKernel kernel, int batch, float[] hidden, float[] convState, float[] ssmState, float[] out) {
        Scratch ws = workspaces.get();
        int dbl = r + 2 * n;
        float[] xz = ws.floats(Slot.X, batch * 2 * e);
        float[] u = ws.floats(Slot.U, batch * e);
        float[] z = ws.floats(Slot.Z, batch * e);
        float[] delta = ws.floats(Slot.DELTA, batch * e);
        float[] rr = ws.floats(Slot.RR, batch * dbl);
        float[] bb = ws.floats(Slot.BB, batch * n);
        float[] cc = ws.floats(Slot.CC, batch * n);
        float[] y = ws.floats(Slot.Y, batch * e);
        BLAS blas = BLAS.getInstance();
        projectTokens(blas, batch, hidden, xz);
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < e; c++) {
                float xv = xz[b * 2 * e + c] + (inBias == null ? 0f : inBias[c]);
                float zv = xz[b * 2 * e + e + c] + (inBias == null ? 0f : inBias[e + c]);
                u[b * e + c] = BlockMathF32.convStep(convState, (b * e + c) * w, w, xv, convW, c * w, convB[c]);
                z[b * e + c] = zv;
            }
        }
        // [r; B; C] (B, R+2N) = x_proj.weight · xc
        blas.sgemm("T", "N", dbl, batch, e, 1f, xProj, 0, e, u, 0, e, 0f, rr, 0, dbl);
        // dt (B,E) = dt_proj.weight · r (bias and softplus are applied by the state update, 7.3)
        blas.sgemm("T", "N", e, batch, r, 1f, dtW, 0, r, rr, 0, dbl, 0f, delta, 0, e);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rr, b * dbl + r, bb, b * n, n);
            System.arraycopy(rr, b * dbl + r + n, cc, b * n, n);
        }
        kernel.selectiveStateUpdate(new SsuShape(batch, 1, e, n, 1, true), ssmState, u, delta, aNeg, bb, cc, d, z,
                dtB, y);
        blas.sgemm("T", "N", dm, batch, e, 1f, outProj, 0, e, y, 0, e, 0f, out, 0, dm);
        BlockMathF32.addBias(out, 0, batch, outBias);
    }
}
