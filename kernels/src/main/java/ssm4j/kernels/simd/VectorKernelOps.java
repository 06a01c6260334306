package ssm4j.kernels.simd;

import ssm4j.api.Parallel;
import ssm4j.api.simd.Species;
import ssm4j.api.spi.KernelOps;
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
public final class VectorKernelOps implements KernelOps {
    private static final ThreadLocal<Workspace> WS = ThreadLocal.withInitial(Workspace::new);

    private final Parallel parallel;

    /**
     * @param parallel how calls split their channels over threads
     * @throws Unavailable if the preferred species has a single lane (no SIMD to use)
     */
    public VectorKernelOps(Parallel parallel) {
        if (Species.F.length() < 2 || Species.D.length() < 2) {
            throw new Unavailable("the vector species has one lane (" + Species.F
                    + "): no SIMD on this JVM/CPU");
        }
        this.parallel = parallel;
    }

    private boolean inline(int h) {
        return parallel.threads() == 1 || h == 1;
    }

    // ------------------------------------------------------------------ Cauchy (3.1)

    @Override
    public void cauchyK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                        float[] out, int outOff) {
        Workspace ws = WS.get();
        float[] zp = ws.floats(2 * VectorCauchyF32.padded(l));
        VectorCauchyF32.splitZ(l, z, zOff, zp, false);
        if (inline(h)) {
            VectorCauchyF32.plain(0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> VectorCauchyF32.plain(a, b, n, l, v, vOff, w, wOff, zp, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void cauchyK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                        double[] out, int outOff) {
        Workspace ws = WS.get();
        double[] zp = ws.doubles(2 * VectorCauchyF64.padded(l));
        VectorCauchyF64.splitZ(l, z, zOff, zp, false);
        if (inline(h)) {
            VectorCauchyF64.plain(0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> VectorCauchyF64.plain(a, b, n, l, v, vOff, w, wOff, zp, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void cauchyConjK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                            float[] out, int outOff) {
        Workspace ws = WS.get();
        float[] zp = ws.floats(4 * VectorCauchyF32.padded(l));
        VectorCauchyF32.splitZ(l, z, zOff, zp, true);
        if (inline(h)) {
            VectorCauchyF32.conj(0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> VectorCauchyF32.conj(a, b, n, l, v, vOff, w, wOff, zp, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void cauchyConjK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                            double[] out, int outOff) {
        Workspace ws = WS.get();
        double[] zp = ws.doubles(4 * VectorCauchyF64.padded(l));
        VectorCauchyF64.splitZ(l, z, zOff, zp, true);
        if (inline(h)) {
            VectorCauchyF64.conj(0, h, n, l, v, vOff, w, wOff, zp, out, outOff, ws);
        } else {
            parallel.forRange(h, (a, b) -> VectorCauchyF64.conj(a, b, n, l, v, vOff, w, wOff, zp, out, outOff,
                    WS.get()));
        }
    }

    // ------------------------------------------------------------------ Vandermonde (4.1)

    @Override
    public void vandermondeK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                             int outOff) {
        if (inline(h)) {
            VectorVandermondeF32.conj(0, h, n, l, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF32.conj(a, b, n, l, v, vOff, x, xOff, out, outOff, WS.get()));
        }
    }

    @Override
    public void vandermondeComplexK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                                    int outOff) {
        if (inline(h)) {
            VectorVandermondeF32.complex(0, h, n, l, v, vOff, x, xOff, true, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF32.complex(a, b, n, l, v, vOff, x, xOff, true, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void vandermondePowersK(int h, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out,
                                   int outOff) {
        if (inline(h)) {
            VectorVandermondeF32.complex(0, h, n, l, v, vOff, q, qOff, false, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF32.complex(a, b, n, l, v, vOff, q, qOff, false, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                      int xOff, float[] out, int outOff) {
        if (inline(h)) {
            VectorVandermondeF32.transpose(0, h, n, l, u, uOff, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF32.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void vandermondeK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                             int outOff) {
        if (inline(h)) {
            VectorVandermondeF64.conj(0, h, n, l, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF64.conj(a, b, n, l, v, vOff, x, xOff, out, outOff, WS.get()));
        }
    }

    @Override
    public void vandermondeComplexK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                                    int outOff) {
        if (inline(h)) {
            VectorVandermondeF64.complex(0, h, n, l, v, vOff, x, xOff, true, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF64.complex(a, b, n, l, v, vOff, x, xOff, true, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void vandermondePowersK(int h, int n, int l, double[] v, int vOff, double[] q, int qOff, double[] out,
                                   int outOff) {
        if (inline(h)) {
            VectorVandermondeF64.complex(0, h, n, l, v, vOff, q, qOff, false, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF64.complex(a, b, n, l, v, vOff, q, qOff, false, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                      int xOff, double[] out, int outOff) {
        if (inline(h)) {
            VectorVandermondeF64.transpose(0, h, n, l, u, uOff, v, vOff, x, xOff, out, outOff, WS.get());
        } else {
            parallel.forRange(h, (a, b) -> VectorVandermondeF64.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff, out, outOff,
                    WS.get()));
        }
    }

    @Override
    public String toString() {
        return "vector kernels (" + Species.BITS + "-bit, " + parallel.threads()
                + " threads, Cauchy unroll " + VectorCauchyF32.UNROLL + ")";
    }
}
