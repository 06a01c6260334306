package ssm4j.nativ.blas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import ssm4j.api.spi.Unavailable;
import ssm4j.nativ.NativeLibrary;

/**
 * OpenBLAS's {@code cblas_sgemm} through FFM (Debian's {@code libopenblas0}: {@code libopenblas.so.0}), for the
 * GEMMs of language-model prefill. Loaded like FFTW ({@link NativeLibrary}: {@code -Dssm4j.openblas.path} or the
 * soname); when the library is absent or native access is denied, {@link #available()} is false and
 * {@link #reason()} says why — callers fall back to netlib silently. OpenBLAS's own threads are set to 1 once:
 * ssm4j splits the work over its own threads, and nested thread pools would oversubscribe the cores.
 * Calls are {@link Linker.Option#critical critical}: Java arrays are passed in place, no copy; a call must be
 * short (a GEMM panel). Thread-safe.
 */
public final class OpenBlas {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final MethodHandle SGEMM;
    private static final String REASON;

    static {
        MethodHandle h = null;
        String reason = null;
        try {
            NativeLibrary lib = NativeLibrary.open("libopenblas", "ssm4j.openblas.path",
                    List.of("libopenblas.so.0", "libopenblas.so"));
            ValueLayout.OfInt i = ValueLayout.JAVA_INT;
            ValueLayout.OfFloat f = ValueLayout.JAVA_FLOAT;
            ValueLayout p = ValueLayout.ADDRESS;
            h = lib.downcall("cblas_sgemm", FunctionDescriptor.ofVoid(i, i, i, i, i, i, f, p, i, p, i, f, p, i),
                    Linker.Option.critical(true));
            if (lib.has("openblas_set_num_threads")) {
                lib.downcall("openblas_set_num_threads", FunctionDescriptor.ofVoid(i)).invokeExact(1);
            }
        } catch (Unavailable e) {
            reason = e.getMessage();
        } catch (Throwable t) {
            reason = "libopenblas: " + t;
            h = null;
        }
        SGEMM = h;
        REASON = reason;
    }

    private OpenBlas() {
    }

    /** Whether cblas_sgemm can be called. */
    public static boolean available() {
        return SGEMM != null;
    }

    /** Why OpenBLAS is unavailable, or null when it is available. */
    public static String reason() {
        return REASON;
    }

    /**
     * Row-major {@code C (m×n) = alpha·op(A)·op(B) + beta·C} on float arrays with offsets and leading dimensions
     * (cblas conventions). Arguments are trusted (the caller sized them).
     *
     * @throws IllegalStateException if OpenBLAS is unavailable
     */
    public static void sgemmRowMajor(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                     int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c,
                                     int cOff, int ldc) {
        if (SGEMM == null) {
            throw new IllegalStateException("OpenBLAS unavailable: " + REASON);
        }
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(4L * aOff), lda, MemorySegment.ofArray(b).asSlice(4L * bOff), ldb,
                    beta, MemorySegment.ofArray(c).asSlice(4L * cOff), ldc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cblas_sgemm failed", t);
        }
    }
}
