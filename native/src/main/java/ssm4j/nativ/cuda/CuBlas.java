package ssm4j.nativ.cuda;

import static ssm4j.nativ.Downcalls.invoke;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import ssm4j.api.spi.Unavailable;
import ssm4j.nativ.Downcalls;
import ssm4j.nativ.LazyBinding;
import ssm4j.nativ.NativeBinding;
import ssm4j.nativ.NativeLibrary;

/**
 * Binding to cuBLAS ({@code libcublas}). Discovery: {@code -Dssm4j.cublas.path}, else {@code libcublas.so.13},
 * {@code libcublas.so.12}. Every {@code cublasStatus_t} is checked; a non-zero code becomes a
 * {@link CudaException} naming the function. Scalars (alpha, beta) are passed by host pointer (the default
 * {@code CUBLAS_POINTER_MODE_HOST}).
 *
 * <p>C prototypes (cublas_api.h, CUDA 12/13; {@code cublasHandle_t} and {@code cudaStream_t} are pointers, the
 * enums {@code cublasSideMode_t}, {@code cublasOperation_t} and {@code cublasStatus_t} C {@code int},
 * {@code long long} 64-bit):
 * <pre>
 * cublasStatus_t cublasCreate_v2(cublasHandle_t *handle);
 * cublasStatus_t cublasDestroy_v2(cublasHandle_t handle);
 * cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId);
 * cublasStatus_t cublasCdgmm(cublasHandle_t handle, cublasSideMode_t mode, int m, int n, const cuComplex *A,
 *                            int lda, const cuComplex *x, int incx, cuComplex *C, int ldc);
 * cublasStatus_t cublasZdgmm(... the same with cuDoubleComplex ...);
 * cublasStatus_t cublasCsscal_v2(cublasHandle_t handle, int n, const float *alpha, cuComplex *x, int incx);
 * cublasStatus_t cublasZdscal_v2(cublasHandle_t handle, int n, const double *alpha, cuDoubleComplex *x, int incx);
 * cublasStatus_t cublasCgemmStridedBatched(cublasHandle_t handle, cublasOperation_t transa,
 *     cublasOperation_t transb, int m, int n, int k, const cuComplex *alpha, const cuComplex *A, int lda,
 *     long long strideA, const cuComplex *B, int ldb, long long strideB, const cuComplex *beta, cuComplex *C,
 *     int ldc, long long strideC, int batchCount);
 * cublasStatus_t cublasZgemmStridedBatched(... the same with cuDoubleComplex ...);
 * </pre>
 * A handle is used by one call at a time (its owner serialises).
 */
public final class CuBlas extends NativeBinding {
    /** System property naming an explicit library file. */
    public static final String PROPERTY = "ssm4j.cublas.path";
    /** Sonames tried in order. */
    public static final List<String> NAMES = List.of("libcublas.so.13", "libcublas.so.12");
    /** Every bound function; a test resolves each. */
    public static final List<String> SYMBOLS = List.of("cublasCreate_v2", "cublasDestroy_v2", "cublasSetStream_v2",
            "cublasCdgmm", "cublasZdgmm", "cublasCsscal_v2", "cublasZdscal_v2", "cublasCgemmStridedBatched",
            "cublasZgemmStridedBatched");

    /** cublasSideMode_t CUBLAS_SIDE_LEFT: C = diag(x)·A (row i of A times x[i]). */
    public static final int SIDE_LEFT = 0;
    /** cublasOperation_t CUBLAS_OP_N. */
    public static final int OP_N = 0;
    /** cublasOperation_t CUBLAS_OP_T. */
    public static final int OP_T = 1;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final LazyBinding<CuBlas> BINDING = new LazyBinding<>("libcublas", PROPERTY, NAMES, CuBlas::new);

    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle setStream;
    private final MethodHandle cdgmm;
    private final MethodHandle zdgmm;
    private final MethodHandle csscal;
    private final MethodHandle zdscal;
    private final MethodHandle cgemmBatched;
    private final MethodHandle zgemmBatched;

    private CuBlas(NativeLibrary lib) {
        super(lib);
        create = lib.downcall("cublasCreate_v2", FunctionDescriptor.of(INT, PTR));
        destroy = lib.downcall("cublasDestroy_v2", FunctionDescriptor.of(INT, PTR));
        setStream = lib.downcall("cublasSetStream_v2", FunctionDescriptor.of(INT, PTR, PTR));
        FunctionDescriptor dgmm = FunctionDescriptor.of(INT, PTR, INT, INT, INT, PTR, INT, PTR, INT, PTR, INT);
        cdgmm = lib.downcall("cublasCdgmm", dgmm);
        zdgmm = lib.downcall("cublasZdgmm", dgmm);
        FunctionDescriptor scal = FunctionDescriptor.of(INT, PTR, INT, PTR, PTR, INT);
        csscal = lib.downcall("cublasCsscal_v2", scal);
        zdscal = lib.downcall("cublasZdscal_v2", scal);
        FunctionDescriptor gemm = FunctionDescriptor.of(INT, PTR, INT, INT, INT, INT, INT, PTR, PTR, INT, LONG, PTR,
                INT, LONG, PTR, PTR, INT, LONG, INT);
        cgemmBatched = lib.downcall("cublasCgemmStridedBatched", gemm);
        zgemmBatched = lib.downcall("cublasZgemmStridedBatched", gemm);
    }

    /**
     * The binding, made once per JVM on first success.
     *
     * @throws Unavailable if the library or a symbol is missing, with the loader's text
     */
    public static CuBlas load() {
        return BINDING.get();
    }

    /** {@code cublasCreate_v2}: a new handle (needs a device). */
    public MemorySegment create() {
        return Downcalls.outPointer(CuBlas::check, "cublasCreate_v2", create);
    }

    /** {@code cublasDestroy_v2}. */
    public void destroy(MemorySegment handle) {
        check("cublasDestroy_v2", CudaRuntime.call(destroy, handle));
    }

    /** {@code cublasSetStream_v2}. */
    public void setStream(MemorySegment handle, MemorySegment stream) {
        check("cublasSetStream_v2", CudaRuntime.call(setStream, handle, stream));
    }

    /** {@code cublasCdgmm} / {@code cublasZdgmm} (when {@code dbl}): one descriptor, so one exact call. */
    public void dgmm(boolean dbl, MemorySegment handle, int mode, int m, int n, MemorySegment a, int lda,
                     MemorySegment x, int incx, MemorySegment c, int ldc) {
        MethodHandle h = dbl ? zdgmm : cdgmm;
        check(dbl ? "cublasZdgmm" : "cublasCdgmm",
                invoke(() -> (int) h.invokeExact(handle, mode, m, n, a, lda, x, incx, c, ldc)));
    }

    /** {@code cublasCsscal_v2} / {@code cublasZdscal_v2}: x *= alpha (real); alpha is a host float or double. */
    public void scal(boolean dbl, MemorySegment handle, int n, MemorySegment alpha, MemorySegment x, int incx) {
        MethodHandle h = dbl ? zdscal : csscal;
        check(dbl ? "cublasZdscal_v2" : "cublasCsscal_v2",
                invoke(() -> (int) h.invokeExact(handle, n, alpha, x, incx)));
    }

    /** {@code cublasCgemmStridedBatched} / {@code cublasZgemmStridedBatched}; alpha, beta host complex. */
    public void gemmStridedBatched(boolean dbl, MemorySegment handle, int transa, int transb, int m, int n, int k,
                                   MemorySegment alpha, MemorySegment a, int lda, long strideA, MemorySegment b,
                                   int ldb, long strideB, MemorySegment beta, MemorySegment c, int ldc,
                                   long strideC, int batch) {
        MethodHandle h = dbl ? zgemmBatched : cgemmBatched;
        check(dbl ? "cublasZgemmStridedBatched" : "cublasCgemmStridedBatched", invoke(() -> (int) h.invokeExact(
                handle, transa, transb, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC,
                batch)));
    }

    private static void check(String function, int rc) {
        if (rc != 0) {
            throw new CudaException(function, rc, status(rc));
        }
    }

    private static String status(int rc) {
        return switch (rc) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "";
        };
    }
}
