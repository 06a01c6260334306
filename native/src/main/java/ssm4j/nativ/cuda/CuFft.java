package ssm4j.nativ.cuda;

import static ssm4j.nativ.Downcalls.invoke;

import java.lang.foreign.Arena;
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
 * Binding to cuFFT ({@code libcufft}). Discovery: {@code -Dssm4j.cufft.path}, else {@code libcufft.so.12}
 * (CUDA 12 and 13 both ship cuFFT 12), {@code libcufft.so.11}. Every {@code cufftResult} is checked; a non-zero
 * code becomes a {@link CudaException} naming the function and the enum constant.
 *
 * <p>C prototypes (cufft.h; {@code cufftHandle} and {@code cufftResult}/{@code cufftType} are C {@code int},
 * {@code cudaStream_t} a pointer):
 * <pre>
 * cufftResult cufftPlanMany(cufftHandle *plan, int rank, int *n, int *inembed, int istride, int idist,
 *                           int *onembed, int ostride, int odist, cufftType type, int batch);
 * cufftResult cufftExecR2C(cufftHandle plan, cufftReal *idata, cufftComplex *odata);
 * cufftResult cufftExecC2R(cufftHandle plan, cufftComplex *idata, cufftReal *odata);
 * cufftResult cufftExecD2Z(cufftHandle plan, cufftDoubleReal *idata, cufftDoubleComplex *odata);
 * cufftResult cufftExecZ2D(cufftHandle plan, cufftDoubleComplex *idata, cufftDoubleReal *odata);
 * cufftResult cufftSetStream(cufftHandle plan, cudaStream_t stream);
 * cufftResult cufftDestroy(cufftHandle plan);
 * cufftResult cufftGetVersion(int *version);
 * </pre>
 * Thread-safe as cuFFT is for distinct plans; a plan is used by one call at a time (its owner serialises).
 */
public final class CuFft extends NativeBinding {
    /** System property naming an explicit library file. */
    public static final String PROPERTY = "ssm4j.cufft.path";
    /** Sonames tried in order. */
    public static final List<String> NAMES = List.of("libcufft.so.12", "libcufft.so.11");
    /** Every bound function; a test resolves each. */
    public static final List<String> SYMBOLS = List.of("cufftPlanMany", "cufftExecR2C", "cufftExecC2R",
            "cufftExecD2Z", "cufftExecZ2D", "cufftSetStream", "cufftDestroy", "cufftGetVersion");

    /** cufftType CUFFT_R2C. */
    public static final int R2C = 0x2a;
    /** cufftType CUFFT_C2R. */
    public static final int C2R = 0x2c;
    /** cufftType CUFFT_D2Z. */
    public static final int D2Z = 0x6a;
    /** cufftType CUFFT_Z2D. */
    public static final int Z2D = 0x6c;

    private static final String[] RESULTS = {"CUFFT_SUCCESS", "CUFFT_INVALID_PLAN", "CUFFT_ALLOC_FAILED",
        "CUFFT_INVALID_TYPE", "CUFFT_INVALID_VALUE", "CUFFT_INTERNAL_ERROR", "CUFFT_EXEC_FAILED",
        "CUFFT_SETUP_FAILED", "CUFFT_INVALID_SIZE", "CUFFT_UNALIGNED_DATA", "CUFFT_INCOMPLETE_PARAMETER_LIST",
        "CUFFT_INVALID_DEVICE", "CUFFT_PARSE_ERROR", "CUFFT_NO_WORKSPACE", "CUFFT_NOT_IMPLEMENTED",
        "CUFFT_LICENSE_ERROR", "CUFFT_NOT_SUPPORTED"};

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final LazyBinding<CuFft> BINDING = new LazyBinding<>("libcufft", PROPERTY, NAMES, CuFft::new);

    private final MethodHandle planMany;
    private final MethodHandle execR2C;
    private final MethodHandle execC2R;
    private final MethodHandle execD2Z;
    private final MethodHandle execZ2D;
    private final MethodHandle setStream;
    private final MethodHandle destroy;
    private final MethodHandle getVersion;

    private CuFft(NativeLibrary lib) {
        super(lib);
        planMany = lib.downcall("cufftPlanMany",
                FunctionDescriptor.of(INT, PTR, INT, PTR, PTR, INT, INT, PTR, INT, INT, INT, INT));
        FunctionDescriptor exec = FunctionDescriptor.of(INT, INT, PTR, PTR);
        execR2C = lib.downcall("cufftExecR2C", exec);
        execC2R = lib.downcall("cufftExecC2R", exec);
        execD2Z = lib.downcall("cufftExecD2Z", exec);
        execZ2D = lib.downcall("cufftExecZ2D", exec);
        setStream = lib.downcall("cufftSetStream", FunctionDescriptor.of(INT, INT, PTR));
        destroy = lib.downcall("cufftDestroy", FunctionDescriptor.of(INT, INT));
        getVersion = lib.downcall("cufftGetVersion", FunctionDescriptor.of(INT, PTR));
    }

    /**
     * The binding, made once per JVM on first success.
     *
     * @throws Unavailable if the library or a symbol is missing, with the loader's text
     */
    public static CuFft load() {
        return BINDING.get();
    }

    /**
     * {@code cufftPlanMany} for {@code batch} 1-D transforms of length n in the basic (contiguous) layout:
     * real rows of n, complex rows of n/2+1 (NULL embeds, so strides and distances take their defaults).
     *
     * @return the plan handle
     */
    public int planMany1d(int n, int type, int batch) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dims = a.allocate(INT);
            dims.set(INT, 0, n);
            return Downcalls.outInt(CuFft::check,
                    "cufftPlanMany(n=" + n + ", type=0x" + Integer.toHexString(type) + ", batch=" + batch + ")",
                    planMany, 1, dims, MemorySegment.NULL, 1, 0, MemorySegment.NULL, 1, 0, type, batch);
        }
    }

    /** {@code cufftExecR2C}, or {@code cufftExecD2Z} when {@code dbl}: asynchronous on the plan's stream. */
    public void execForward(boolean dbl, int plan, MemorySegment in, MemorySegment out) {
        exec(dbl ? execD2Z : execR2C, dbl ? "cufftExecD2Z" : "cufftExecR2C", plan, in, out);
    }

    /** {@code cufftExecC2R}, or {@code cufftExecZ2D} when {@code dbl}: unnormalised, may overwrite {@code in}. */
    public void execInverse(boolean dbl, int plan, MemorySegment in, MemorySegment out) {
        exec(dbl ? execZ2D : execC2R, dbl ? "cufftExecZ2D" : "cufftExecC2R", plan, in, out);
    }

    /** The four exec functions share one C signature {@code (plan, in, out)}. */
    private static void exec(MethodHandle h, String function, int plan, MemorySegment in, MemorySegment out) {
        check(function, invoke(() -> (int) h.invokeExact(plan, in, out)));
    }

    /** {@code cufftSetStream}. */
    public void setStream(int plan, MemorySegment stream) {
        check("cufftSetStream", CudaRuntime.call(setStream, plan, stream));
    }

    /** {@code cufftDestroy}. */
    public void destroy(int plan) {
        check("cufftDestroy", CudaRuntime.call(destroy, plan));
    }

    /** {@code cufftGetVersion}, e.g. 12000. */
    public int version() {
        return Downcalls.outInt(CuFft::check, "cufftGetVersion", getVersion);
    }

    private static void check(String function, int rc) {
        if (rc != 0) {
            throw new CudaException(function, rc, rc > 0 && rc < RESULTS.length ? RESULTS[rc] : "");
        }
    }
}
