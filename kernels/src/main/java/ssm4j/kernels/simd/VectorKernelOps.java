package ssm4j.kernels.simd;

import ssm4j.api.Parallel;
import ssm4j.api.simd.Species;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.Unavailable;

/**
 * The Vector API tier of the Cauchy and Vandermonde kernels (SPEC 3.1, 4.1), fp32 and fp64, with the species of
 * {@link Species}. Each call splits its H channels over the {@link Parallel} given at construction; a
 * channel is computed by the same code whatever block it lands in, so results are identical for any thread
 * count. Scratch (z planes, pole tables, power anchors, accumulators) lives in a per-thread {@link Workspace}
 * that grows to the largest shape seen and is then reused: a call allocates nothing on one thread (on several,
 * only what {@link Parallel} needs to hand out the blocks).
 *
 * <p>Loaded by name by the registry only when {@code jdk.incubator.vector} is in the boot layer. Thread-safe:
 * concurrent calls use different workspaces.
 */
public final class VectorKernelOps extends Part<KernelOps> implements KernelOps {
    private static final ThreadLocal<Workspace> WS = ThreadLocal.withInitial(Workspace::new);

    /**
     * @param parallel how calls split their channels over threads
     * @param lower    the scalar part (every method is overridden here; kept as the chain's fallback)
     * @throws Unavailable if the preferred species has a single lane (no SIMD to use)
     */
    public VectorKernelOps(Parallel parallel, KernelOps lower) {
        super(parallel, lower);
        if (Species.F.length() < 2 || Species.D.length() < 2) {
            throw new Unavailable("the vector species has one lane (" + Species.F
                    + "): no SIMD on this JVM/CPU");
        }
    }

    private boolean inline(int h) {
        return parallel.threads() == 1 || h == 1;
    }

    // ------------------------------------------------------------------ Cauchy (3.1)

    @Override
    public void cauchyK(boolean conj, int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                        int zOff, float[] out, int outOff) {
        Workspace ws = WS.get();
        float[] zp = ws.floats((conj ? 4 : 2) * VectorCauchyF32.padded(l));
        VectorCauchyF32.splitZ(l, z, zOff, zp, conj);
        if (inline(h)) {
            cauchy(conj, 0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> cauchy(conj, a, b, n, l, v, vOff, w, wOff, zp, out, outOff, WS.get()));
        }
    }

    @Override
    public void cauchyK(boolean conj, int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                        int zOff, double[] out, int outOff) {
        Workspace ws = WS.get();
        double[] zp = ws.doubles((conj ? 4 : 2) * VectorCauchyF64.padded(l));
        VectorCauchyF64.splitZ(l, z, zOff, zp, conj);
        if (inline(h)) {
            cauchy(conj, 0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> cauchy(conj, a, b, n, l, v, vOff, w, wOff, zp, out, outOff, WS.get()));
        }
    }

    /** Channels {@code [h0, h1)} of (3.1b) or (3.1a), from the planar z table {@code zp}. */
    private static void cauchy(boolean conj, int h0, int h1, int n, int l, float[] v, int vOff, float[] w, int wOff,
                               float[] zp, float[] out, int outOff, Workspace ws) {
        if (conj) {
            VectorCauchyF32.conj(h0, h1, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            VectorCauchyF32.plain(h0, h1, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        }
    }

    /** The fp64 overload of the one above. */
    private static void cauchy(boolean conj, int h0, int h1, int n, int l, double[] v, int vOff, double[] w,
                               int wOff, double[] zp, double[] out, int outOff, Workspace ws) {
        if (conj) {
            VectorCauchyF64.conj(h0, h1, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            VectorCauchyF64.plain(h0, h1, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        }
    }

    // ------------------------------------------------------------------ Vandermonde (4.1)

    @Override
    public void vandermondeK(Form form, int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                             int outOff) {
        if (inline(h)) {
            vandermonde(form, 0, h, n, l, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> vandermonde(form, a, b, n, l, v, vOff, x, xOff, out, outOff, WS.get()));
        }
    }

    @Override
    public void vandermondeK(Form form, int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                             double[] out, int outOff) {
        if (inline(h)) {
            vandermonde(form, 0, h, n, l, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> vandermonde(form, a, b, n, l, v, vOff, x, xOff, out, outOff, WS.get()));
        }
    }

    /** Channels {@code [h0, h1)} of (4.1a) in {@code form}: the complex and powers forms share one kernel. */
    private static void vandermonde(Form form, int h0, int h1, int n, int l, float[] v, int vOff, float[] x,
                                    int xOff, float[] out, int outOff, Workspace ws) {
        if (form == Form.TWO_RE) {
            VectorVandermondeF32.conj(h0, h1, n, l, v, vOff, x, xOff, out, outOff, ws);
        } else {
            VectorVandermondeF32.complex(h0, h1, n, l, v, vOff, x, xOff, form == Form.COMPLEX, out, outOff, ws);
        }
    }

    /** The fp64 overload of the one above. */
    private static void vandermonde(Form form, int h0, int h1, int n, int l, double[] v, int vOff, double[] x,
                                    int xOff, double[] out, int outOff, Workspace ws) {
        if (form == Form.TWO_RE) {
            VectorVandermondeF64.conj(h0, h1, n, l, v, vOff, x, xOff, out, outOff, ws);
        } else {
            VectorVandermondeF64.complex(h0, h1, n, l, v, vOff, x, xOff, form == Form.COMPLEX, out, outOff, ws);
        }
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                      int xOff, float[] out, int outOff) {
        if (inline(h)) {
            VectorVandermondeF32.transpose(0, h, n, l, u, uOff, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF32.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff,
                    out, outOff, WS.get()));
        }
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                      int xOff, double[] out, int outOff) {
        if (inline(h)) {
            VectorVandermondeF64.transpose(0, h, n, l, u, uOff, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF64.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff,
                    out, outOff, WS.get()));
        }
    }

    @Override
    public String toString() {
        return "vector kernels (" + Species.BITS + "-bit, " + parallel.threads()
                + " threads, Cauchy unroll " + VectorCauchyF32.UNROLL + ")";
    }
}
