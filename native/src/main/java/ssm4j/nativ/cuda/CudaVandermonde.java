package ssm4j.nativ.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The Vandermonde kernel (SPEC 4.1a) on cuBLAS for one size (H, N, L) and precision:
 * {@code out[h,l] = Σ_n v[h,n]·q[h,n]^l}. The matrix {@code V[(h,n), l] = v[h,n]·q[h,n]^l} (rows h·N + n,
 * column-major, H·N rows) is built on the device by doubling: column 0 is v; columns [m, 2m) are columns
 * [0, m) times {@code Q_m = q^m} as a diagonal ({@code cublasCdgmm}, one call per doubling, log2 L calls). The
 * factors {@code Q_m} for m = 1, 2, 4, … are computed on the host in double (exp(x·m) exactly for the log form,
 * repeated squaring for the powers form), so every entry of V is a product of at most log2 L correctly rounded
 * factors. Then one {@code cublasCgemmStridedBatched} (batch H) multiplies a row of ones (1×N) by each
 * channel's N×L block: the sum over n. Device and pinned memory are kept for the next call of this size.
 * Not thread-safe: {@link CudaKernelOps} serialises calls.
 */
final class CudaVandermonde implements AutoCloseable {
    final int h;
    final int n;
    final int l;
    final boolean dbl;
    private final int levels; // doublings: m = 1, 2, 4, … < l
    private final long es;
    private final CudaRuntime rt;
    private final CuBlas blas;
    private final MemorySegment stream;
    private final MemorySegment handle;
    private final MemorySegment dV;
    private final MemorySegment dQ;
    private final MemorySegment dOnes;
    private final MemorySegment dOut;
    private final MemorySegment hIn; // v then the Q table, complex
    private final MemorySegment hOut;
    private final MemorySegment one;
    private final MemorySegment zero;
    private final GpuResources res;

    CudaVandermonde(CudaRuntime rt, CuBlas blas, MemorySegment stream, MemorySegment handle, int h, int n, int l,
                    boolean dbl) {
        this.rt = rt;
        this.blas = blas;
        this.stream = stream;
        this.handle = handle;
        this.h = h;
        this.n = n;
        this.l = l;
        this.dbl = dbl;
        this.es = dbl ? 8 : 4;
        this.res = new GpuResources(rt, null, stream);
        this.levels = l <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(l - 1);
        long hn = (long) h * n;
        long c = 2 * es; // bytes per complex
        one = res.hostComplex(dbl, 1.0);
        zero = res.hostComplex(dbl, 0.0);
        try {
            dV = res.device(c * hn * l);
            dQ = res.device(c * hn * Math.max(1, levels));
            dOnes = res.device(c * n);
            dOut = res.device(c * h * l);
            hIn = res.pinned(c * Math.max(hn * (1 + levels), n));
            hOut = res.pinned(c * h * l);
            // ones for the reduction over n
            for (int i = 0; i < n; i++) {
                put(hIn, 2L * i, 1.0);
                put(hIn, 2L * i + 1, 0.0);
            }
            rt.memcpyAsync(dOnes, hIn, c * n, CudaRuntime.HOST_TO_DEVICE, stream);
            rt.streamSynchronize(stream);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Computes {@code Σ_n v·q^l} into the pinned result (complex (H,L)), reading v and the bases from Java arrays.
     *
     * @param v      complex (H,N) from vOff, float[] or double[]
     * @param base   complex (H,N) from bOff: exponents x (log form) or bases q (powers form)
     * @param logForm true: q = exp(x); false: base is q
     * @return the pinned result, valid until the next call
     */
    MemorySegment compute(Object v, int vOff, Object base, int bOff, boolean logForm) {
        long hn = (long) h * n;
        long c = 2 * es;
        for (long i = 0; i < 2 * hn; i++) {
            put(hIn, i, get(v, vOff + (int) i));
        }
        for (int i = 0; i < hn; i++) {
            double br = get(base, bOff + 2 * i);
            double bi = get(base, bOff + 2 * i + 1);
            double qr;
            double qi;
            if (logForm) { // Q_1 = exp(x); Q_m = exp(x·m) evaluated afresh for each m below
                double e = Math.exp(br);
                qr = e * Math.cos(bi);
                qi = e * Math.sin(bi);
            } else {
                qr = br;
                qi = bi;
            }
            for (int j = 0, m = 1; j < levels; j++, m <<= 1) {
                long at = 2 * (hn * (1 + j) + i);
                if (logForm) {
                    double e = Math.exp(br * m);
                    put(hIn, at, e * Math.cos(bi * m));
                    put(hIn, at + 1, e * Math.sin(bi * m));
                } else {
                    put(hIn, at, qr);
                    put(hIn, at + 1, qi);
                    double sr = qr * qr - qi * qi; // q^(2m) = (q^m)², in double (powers form, integer exponents)
                    qi = 2 * qr * qi;
                    qr = sr;
                }
            }
        }
        rt.memcpyAsync(dV, hIn, c * hn, CudaRuntime.HOST_TO_DEVICE, stream); // column 0 = v
        if (levels > 0) {
            rt.memcpyAsync(dQ, hIn.asSlice(c * hn), c * hn * levels, CudaRuntime.HOST_TO_DEVICE, stream);
        }
        for (int j = 0, m = 1; j < levels; j++, m <<= 1) {
            int cols = Math.min(m, l - m);
            // V[:, m + i] = Q_m ∘ V[:, i], i < cols
            blas.dgmm(dbl, handle, CuBlas.SIDE_LEFT, (int) hn, cols, dV, (int) hn, dQ.asSlice(c * hn * j), 1,
                    dV.asSlice(c * hn * m), (int) hn);
        }
        // out_h (1×L) = ones (1×N) · V_h (N×L, ld H·N): the sum over n for every channel, one batched call
        blas.gemmStridedBatched(dbl, handle, CuBlas.OP_N, CuBlas.OP_N, 1, l, n, one, dOnes, 1, 0, dV, (int) hn, n,
                zero, dOut, 1, l, h);
        rt.memcpyAsync(hOut, dOut, c * h * l, CudaRuntime.DEVICE_TO_HOST, stream);
        rt.streamSynchronize(stream);
        return hOut;
    }

    /** Element i (real part index 2k, imaginary 2k+1) of the pinned result, widened to double. */
    double result(long i) {
        return dbl ? hOut.getAtIndex(ValueLayout.JAVA_DOUBLE, i) : hOut.getAtIndex(ValueLayout.JAVA_FLOAT, i);
    }

    private void put(MemorySegment s, long i, double value) {
        if (dbl) {
            s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value);
        } else {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) value);
        }
    }

    private static double get(Object a, int i) {
        return a instanceof double[] d ? d[i] : ((float[]) a)[i];
    }

    @Override
    public void close() {
        res.close();
    }
}
