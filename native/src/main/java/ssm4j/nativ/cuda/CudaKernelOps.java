package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;

import ssm4j.api.Parallel;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Unavailable;

/**
 * The kernel part of the {@code native-gpu} tier. The Vandermonde kernel (SPEC 4.1a: 2·Re, complex and powers
 * forms) runs on cuBLAS ({@link CudaVandermonde}: V built by doubling with {@code cublasCdgmm}, the sum over n
 * as one {@code cublasCgemmStridedBatched}, i.e. the (C·B)×V product with v = C·B·β). The Cauchy kernels (3.1)
 * and the transposed Vandermonde (4.1b) are delegated to the best CPU part (vector tier when
 * {@code jdk.incubator.vector} is present, else scalar): cuBLAS has no elementwise division, and this part
 * compiles no CUDA kernels of its own.
 *
 * <p>Offered only when the CUDA libraries load and a device answers ({@link Unavailable} otherwise).
 * Thread-safe: GPU calls are serialised. {@link #close()} frees device memory (not part of {@link KernelOps};
 * the registry keeps this part for the life of the JVM).
 */
public final class CudaKernelOps implements KernelOps, AutoCloseable {
    private static final String VECTOR = "ssm4j.kernels.simd.VectorKernelOps";
    private static final String SCALAR = "ssm4j.kernels.ref.ScalarKernelOps";

    private final CudaRuntime rt;
    private final CuBlas blas;
    private final MemorySegment stream;
    private final MemorySegment handle;
    private final KernelOps cpu;
    private final String cpuName;
    private CudaVandermonde last;
    private boolean closed;

    /**
     * @throws Unavailable if a CUDA library is missing or no device answers
     */
    public CudaKernelOps(Parallel parallel) {
        this.rt = CudaDevice.require();
        this.blas = CuBlas.load();
        this.stream = rt.streamCreate();
        this.handle = blas.create();
        blas.setStream(handle, stream);
        KernelOps c = null;
        String name = "none";
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        for (String cn : vector ? new String[] {VECTOR, SCALAR} : new String[] {SCALAR}) {
            try {
                c = (KernelOps) Class.forName(cn).getConstructor(Parallel.class).newInstance(parallel);
                name = cn;
                break;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // next candidate; with none, the delegated methods say so
            }
        }
        this.cpu = c;
        this.cpuName = name;
    }

    private KernelOps cpu(String method) {
        if (cpu == null) {
            throw new UnsupportedOperationException(method + ": native-gpu delegates it to the CPU kernels ("
                    + VECTOR + " or " + SCALAR + "), which are not on the class path of this build");
        }
        return cpu;
    }

    private synchronized CudaVandermonde vandermonde(int h, int n, int l, boolean dbl) {
        if (closed) {
            throw new IllegalStateException("CudaKernelOps is closed");
        }
        if (CudaDevice.device() != 0) {
            rt.setDevice(CudaDevice.device()); // the current device is per host thread; 0 is the default
        }
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

    /** (4.1a) with 2·Re, fp32: out (H,L) real. */
    @Override
    public synchronized void vandermondeK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                                          int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, false);
        g.compute(v, vOff, x, xOff, true);
        for (int i = 0; i < h * l; i++) {
            out[outOff + i] = (float) (2 * g.result(2L * i));
        }
    }

    /** (4.1a) with 2·Re, fp64. */
    @Override
    public synchronized void vandermondeK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                                          double[] out, int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, true);
        g.compute(v, vOff, x, xOff, true);
        for (int i = 0; i < h * l; i++) {
            out[outOff + i] = 2 * g.result(2L * i);
        }
    }

    /** (4.1a) complex form, fp32: out (H,L) complex. */
    @Override
    public synchronized void vandermondeComplexK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff,
                                                 float[] out, int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, false);
        MemorySegment r = g.compute(v, vOff, x, xOff, true);
        MemorySegment.copy(r, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, out, outOff, 2 * h * l);
    }

    /** (4.1a) complex form, fp64. */
    @Override
    public synchronized void vandermondeComplexK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                                                 double[] out, int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, true);
        MemorySegment r = g.compute(v, vOff, x, xOff, true);
        MemorySegment.copy(r, java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, out, outOff, 2 * h * l);
    }

    /** (4.1a) powers form, fp32: out (H,L) complex. */
    @Override
    public synchronized void vandermondePowersK(int h, int n, int l, float[] v, int vOff, float[] q, int qOff,
                                                float[] out, int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, false);
        MemorySegment r = g.compute(v, vOff, q, qOff, false);
        MemorySegment.copy(r, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, out, outOff, 2 * h * l);
    }

    /** (4.1a) powers form, fp64. */
    @Override
    public synchronized void vandermondePowersK(int h, int n, int l, double[] v, int vOff, double[] q, int qOff,
                                                double[] out, int outOff) {
        CudaVandermonde g = vandermonde(h, n, l, true);
        MemorySegment r = g.compute(v, vOff, q, qOff, false);
        MemorySegment.copy(r, java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, out, outOff, 2 * h * l);
    }

    /** (4.1b), delegated to the CPU part. */
    @Override
    public void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                      int xOff, float[] out, int outOff) {
        cpu("vandermondeTranspose").vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }

    /** (4.1b), delegated to the CPU part. */
    @Override
    public void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                      int xOff, double[] out, int outOff) {
        cpu("vandermondeTranspose").vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }

    /** (3.1a), delegated to the CPU part. */
    @Override
    public void cauchyK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                        float[] out, int outOff) {
        cpu("cauchy").cauchyK(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    /** (3.1a), delegated to the CPU part. */
    @Override
    public void cauchyK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                        double[] out, int outOff) {
        cpu("cauchy").cauchyK(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    /** (3.1b), delegated to the CPU part. */
    @Override
    public void cauchyConjK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                            float[] out, int outOff) {
        cpu("cauchyConj").cauchyConjK(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    /** (3.1b), delegated to the CPU part. */
    @Override
    public void cauchyConjK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                            double[] out, int outOff) {
        cpu("cauchyConj").cauchyConjK(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    /** The CPU part Cauchy and (4.1b) are delegated to. */
    @Override
    public String toString() {
        return "CudaKernelOps[cpu=" + cpuName + "]";
    }

    /** Frees device memory, the cuBLAS handle and the stream. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (last != null) {
            last.close();
            last = null;
        }
        blas.destroy(handle);
        rt.streamDestroy(stream);
    }
}
