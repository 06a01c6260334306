// GENERATED from blocks/src/main/java/ssm4j/blocks/mamba2/Mamba2F32.java by tools/GenerateTwins.java: do not edit
package ssm4j.blocks.mamba2;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.Parallel;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;

/**
 * The fp64 arithmetic of {@link Mamba2Block} (SPEC 12.6).
 * {@code Mamba2F64} is generated from this file by {@code tools/GenerateTwins.java}.
 * Arguments were checked by {@link Mamba2Block}. Layout: everything is time major (rows = time steps), which is
 * the SSD scan's (B,L,H,P) and (B,L,G,N) layout, so in_proj writes one (B·L, 2E+2GN+H) matrix and the convolution
 * writes x, B and C straight into the scan's arrays. Row-major (r,c) is column-major (c×r) for BLAS, hence the
 * argument order.
 */
final class Mamba2F64 {
    /** Time steps per GEMM chunk (fixed, so the arithmetic is the same for every thread count). */
    private static final int CHUNK = 256;
    private final Mamba2Sizes z;
    private final double[] inProj;   // (R, dm), R = 2E + 2GN + H
    private final double[] inBias;   // (R) or null
    private final double[] convW;    // (conv_dim, W)
    private final double[] convB;    // (conv_dim)
    private final double[] dtBias;   // (H)
    private final double[] aNeg;     // (H): A = −exp(A_log)
    private final double[] d;        // (H) or (E)
    private final double[] normW;    // (E) or null (rmsnorm=False)
    private final double[] outProj;  // (dm, E)
    private final double[] outBias;  // (dm) or null
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** Per-thread scratch, grown to the largest (B, L) seen. */
    private static final class Workspace {
        double[] zx = new double[0];
        double[] x = new double[0];
        double[] b = new double[0];
        double[] c = new double[0];
        double[] dt = new double[0];
        double[] gate = new double[0];
        double[] y = new double[0];
    }

    Mamba2F64(Mamba2Sizes sizes, double[][] p) {
        this.z = sizes;
        this.inProj = f(p[0]);
        this.inBias = f(p[1]);
        this.convW = f(p[2]);
        this.convB = f(p[3]);
        this.dtBias = f(p[4]);
        this.aNeg = f(p[5]);
        this.d = f(p[6]);
        this.normW = f(p[7]);
        this.outProj = f(p[8]);
        this.outBias = f(p[9]);
    }

    private static double[] f(double[] a) {
        if (a == null) {
            return null;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (double) a[i];
        }
        return out;
    }

    private static double silu(double v) {
        return v / (1.0 + (double) Math.exp(-v));
    }

    private static double[] grow(double[] a, long size) {
        return a.length >= size ? a : new double[Math.toIntExact(size)];
    }

    private void grow(Workspace ws, int rows) {
        ws.zx = grow(ws.zx, (long) rows * z.rows());
        ws.x = grow(ws.x, (long) rows * z.e());
        ws.b = grow(ws.b, (long) rows * z.gn());
        ws.c = grow(ws.c, (long) rows * z.gn());
        ws.dt = grow(ws.dt, (long) rows * z.h());
        ws.gate = grow(ws.gate, (long) rows * z.e());
        ws.y = grow(ws.y, (long) rows * z.e());
    }

    /** Full forward over (B,L,dm); fills the caches from the prompt when they are non-null. */
    void forward(SsmKernel kernel, int batch, int len, double[] hidden, double[] out, double[] convState,
                 double[] ssmState) {
        Workspace ws = workspaces.get();
        int bl = batch * len;
        grow(ws, bl);
        Parallel par = Parallel.of(kernel.threads());
        int chunks = (bl + CHUNK - 1) / CHUNK;
        int rows = z.rows();
        int dm = z.dm();
        double[] zx = ws.zx;
        // zxbcdt (B·L, R) = h (B·L, dm) · in_proj.weightᵀ, in row chunks spread over threads (netlib is serial)
        par.forRange(chunks, (lo, hi) -> {
            BLAS blas = BLAS.getInstance();
            for (int ci = lo; ci < hi; ci++) {
                int t0 = ci * CHUNK;
                int m = Math.min(CHUNK, bl - t0);
                blas.dgemm("T", "N", rows, m, dm, 1.0, inProj, 0, dm, hidden, t0 * dm, dm, 0.0, zx, t0 * rows, rows);
                addBias(zx, t0, m, inBias);
            }
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
                        convState[(b * cd + ch) * w + k] = t >= 0 ? zx[(b * len + t) * rows + z.e() + ch] : 0.0;
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
    private void convolve(Parallel par, int batch, int len, Workspace ws) {
        int rows = z.rows();
        int e = z.e();
        int gn = z.gn();
        int cd = z.convDim();
        int w = z.w();
        int h = z.h();
        double[] zx = ws.zx;
        par.forRange(batch * len, (lo, hi) -> {
            for (int bt = lo; bt < hi; bt++) {
                int t = bt % len;
                int row = bt * rows;
                for (int ch = 0; ch < cd; ch++) {
                    double acc = convB[ch];
                    for (int k = Math.max(0, w - 1 - t); k < w; k++) {
                        acc += convW[ch * w + k] * zx[row + (k - w + 1) * rows + e + ch];
                    }
                    split(ws, bt, ch, silu(acc));
                }
                copyDtGate(ws, row, bt);
            }
        });
    }

    /** Adds {@code bias} (one row's width; nothing when null) to rows [t0, t0+m) of a row-major matrix. */
    private static void addBias(double[] a, int t0, int m, double[] bias) {
        if (bias == null) {
            return;
        }
        int w = bias.length;
        for (int t = t0; t < t0 + m; t++) {
            for (int j = 0; j < w; j++) {
                a[t * w + j] += bias[j];
            }
        }
    }

    /** Routes conv channel {@code ch} of time row {@code t} to the scan's x (E), B (GN) or C (GN) (12.6 step 3). */
    private void split(Workspace ws, int t, int ch, double v) {
        int e = z.e();
        int gn = z.gn();
        if (ch < e) {
            ws.x[t * e + ch] = v;
        } else if (ch < e + gn) {
            ws.b[t * gn + ch - e] = v;
        } else {
            ws.c[t * gn + ch - e - gn] = v;
        }
    }

    /** Copies dt (H) and the gate z (E) of time row {@code t} (zxbcdt row offset {@code row}) to the workspace. */
    private void copyDtGate(Workspace ws, int row, int t) {
        System.arraycopy(ws.zx, row + z.e() + z.convDim(), ws.dt, t * z.h(), z.h());
        System.arraycopy(ws.zx, row, ws.gate, t * z.e(), z.e());
    }

    /** The scan (z inside it only without the norm), the gated RMSNorm and out_proj, for B·L rows. */
    private void finish(SsmKernel kernel, Parallel par, SsdScanShape s, Workspace ws, int bl, double[] stateIn,
                        double[] stateOut, double[] out) {
        double[] gate = ws.gate;
        double[] y = ws.y;
        boolean norm = normW != null;
        kernel.ssdScan(s, ws.x, ws.dt, aNeg, ws.b, ws.c, d, norm ? null : gate, dtBias, stateIn, y, stateOut,
                null, null);
        int e = z.e();
        int dm = z.dm();
        if (norm) {
            int gs = e / z.g();
            double eps = z.cfg().normEps();
            boolean before = z.cfg().normBeforeGate();
            par.forRange(bl, (lo, hi) -> {
                for (int t = lo; t < hi; t++) {
                    for (int g0 = t * e; g0 < t * e + e; g0 += gs) {
                        double ss = 0.0;
                        for (int i = g0; i < g0 + gs; i++) {
                            double u = before ? y[i] : y[i] * silu(gate[i]);
                            y[i] = u;
                            ss += u * u;
                        }
                        double r = (double) (1 / Math.sqrt(ss / gs + eps));
                        for (int i = g0; i < g0 + gs; i++) {
                            double v = y[i] * r * normW[i - t * e];
                            y[i] = before ? v * silu(gate[i]) : v;
                        }
                    }
                }
            });
        }
        int chunks = (bl + CHUNK - 1) / CHUNK;
        par.forRange(chunks, (lo, hi) -> {
            BLAS blas = BLAS.getInstance();
            for (int ci = lo; ci < hi; ci++) {
                int t0 = ci * CHUNK;
                int m = Math.min(CHUNK, bl - t0);
                // out (rows, dm) = y (rows, E) · out_proj.weightᵀ
                blas.dgemm("T", "N", dm, m, e, 1.0, outProj, 0, e, y, t0 * e, e, 0.0, out, t0 * dm, dm);
                addBias(out, t0, m, outBias);
            }
        });
    }

    /** One decoding step for every batch row: hidden (B,dm) → out (B,dm), caches updated in place. */
    void step(SsmKernel kernel, int batch, double[] hidden, double[] convState, double[] ssmState, double[] out) {
        Workspace ws = workspaces.get();
        grow(ws, batch);
        int rows = z.rows();
        int dm = z.dm();
        int e = z.e();
        int gn = z.gn();
        int cd = z.convDim();
        int w = z.w();
        int h = z.h();
        double[] zx = ws.zx;
        BLAS.getInstance().dgemm("T", "N", rows, batch, dm, 1.0, inProj, 0, dm, hidden, 0, dm, 0.0, zx, 0, rows);
        addBias(zx, 0, batch, inBias);
        for (int b = 0; b < batch; b++) {
            int row = b * rows;
            for (int ch = 0; ch < cd; ch++) {
                int so = (b * cd + ch) * w;
                // roll the window left by one and append xBC_t (the reference's torch.roll + assignment)
                System.arraycopy(convState, so + 1, convState, so, w - 1);
                convState[so + w - 1] = zx[row + e + ch];
                double acc = convB[ch];
                for (int k = 0; k < w; k++) {
                    acc += convState[so + k] * convW[ch * w + k];
                }
                split(ws, b, ch, silu(acc));
            }
            copyDtGate(ws, row, b);
        }
        // one SSD step, state updated in place; the reference's step() applies no dt_limit (SPEC 12.7.1)
        SsdScanShape s = SsdScanShape.of(batch, 1, h, z.p(), z.g(), z.n(), z.cfg().chunkSize())
                .withDtSoftplus(true).withDPerHeaddim(z.dPerHeaddim());
        finish(kernel, Parallel.of(1), s, ws, batch, ssmState, ssmState, out);
    }
}
