package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import ssm4j.api.Parallel;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Unavailable;

/**
 * The kernel part of the {@code native-gpu} tier. It overrides the Vandermonde kernel (SPEC 4.1a: 2·Re, complex
 * and powers forms) on cuBLAS ({@link CudaVandermonde}: V built by doubling with {@code cublasCdgmm}, the sum over
 * n as one {@code cublasCgemmStridedBatched}, i.e. the (C·B)×V product with v = C·B·β). The Cauchy kernels (3.1)
 * and the transposed Vandermonde (4.1b) are its lower part's (the vector tier's when {@code jdk.incubator.vector}
 * is present, else the scalar one's): cuBLAS has no elementwise division, and this part compiles no CUDA kernels
 * of its own.
 *
 * <p>Offered only when the CUDA libraries load and a device answers ({@link Unavailable} otherwise).
 * Thread-safe: GPU calls are serialised. {@link #close()} frees device memory (the registry keeps this part for
 * the life of the JVM).
 */
public final class CudaKernelOps extends CudaPart<KernelOps> implements KernelOps {
    private CudaVandermonde last;

    /**
     * @param parallel unused by the GPU methods; passed on with the part
     * @param lower    the CPU kernels part that computes Cauchy and (4.1b)
     * @throws Unavailable if a CUDA library is missing or no device answers
     */
    public CudaKernelOps(Parallel parallel, KernelOps lower) {
        super(parallel, lower);
    }

    /** The context for (h, n, l) in one precision: the last one when the shape repeats, else a new one. */
    private CudaVandermonde context(int h, int n, int l, boolean dbl) {
        enter();
        if (last == null || last.h != h || last.n != n || last.l != l || last.dbl != dbl) {
            CudaVandermonde old = last;
            last = null; // cleared first: if closing fails, no later call may reach its freed memory
            if (old != null) {
                old.close();
            }
            last = new CudaVandermonde(rt, blas, stream, handle, h, n, l, dbl);
        }
        return last;
    }

    /** (4.1a) in {@code form}, fp32. */
    @Override
    public void vandermondeK(Form form, int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                             int outOff) {
        vandermonde(form, h, n, l, v, vOff, x, xOff, out, outOff, false);
    }

    /** (4.1a) in {@code form}, fp64. */
    @Override
    public void vandermondeK(Form form, int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                             double[] out, int outOff) {
        vandermonde(form, h, n, l, v, vOff, x, xOff, out, outOff, true);
    }

    /**
     * Both precisions (the device context and the copies take either array): 2·Re into real (H,L), else the
     * complex (H,L) device result copied as it is.
     */
    private synchronized void vandermonde(Form form, int h, int n, int l, Object v, int vOff, Object x, int xOff,
                                          Object out, int outOff, boolean dbl) {
        CudaVandermonde g = context(h, n, l, dbl);
        MemorySegment r = g.compute(v, vOff, x, xOff, form != Form.POWERS);
        if (form != Form.TWO_RE) {
            MemorySegment.copy(r, dbl ? ValueLayout.JAVA_DOUBLE : ValueLayout.JAVA_FLOAT, 0, out, outOff, 2 * h * l);
        } else if (out instanceof float[] f) {
            for (int i = 0; i < h * l; i++) {
                f[outOff + i] = (float) (2 * g.result(2L * i));
            }
        } else {
            double[] d = (double[]) out;
            for (int i = 0; i < h * l; i++) {
                d[outOff + i] = 2 * g.result(2L * i);
            }
        }
    }

    @Override
    void closeContexts() {
        if (last != null) {
            last.close();
            last = null;
        }
    }
}
