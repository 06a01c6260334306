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
 * Binding to the CUDA runtime ({@code libcudart}). Discovery: {@code -Dssm4j.cudart.path}, else
 * {@code libcudart.so.13}, {@code libcudart.so.12}. Every call's {@code cudaError_t} is checked and a non-zero
 * code becomes a {@link CudaException} naming the function and {@code cudaGetErrorString}'s text.
 *
 * <p>C prototypes (cuda_runtime_api.h, CUDA 12/13; {@code cudaError_t} and enums are C {@code int},
 * {@code size_t} is 64-bit, {@code cudaStream_t} a pointer):
 * <pre>
 * cudaError_t cudaGetDeviceCount(int *count);
 * cudaError_t cudaSetDevice(int device);
 * cudaError_t cudaRuntimeGetVersion(int *runtimeVersion);
 * const char* cudaGetErrorString(cudaError_t error);
 * cudaError_t cudaMalloc(void **devPtr, size_t size);
 * cudaError_t cudaFree(void *devPtr);
 * cudaError_t cudaHostAlloc(void **pHost, size_t size, unsigned int flags);
 * cudaError_t cudaFreeHost(void *ptr);
 * cudaError_t cudaMemsetAsync(void *devPtr, int value, size_t count, cudaStream_t stream);
 * cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind, cudaStream_t stream);
 * cudaError_t cudaMemcpy2DAsync(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width,
 *                               size_t height, enum cudaMemcpyKind kind, cudaStream_t stream);
 * cudaError_t cudaStreamCreate(cudaStream_t *pStream);
 * cudaError_t cudaStreamDestroy(cudaStream_t stream);
 * cudaError_t cudaStreamSynchronize(cudaStream_t stream);
 * cudaError_t cudaEventCreate(cudaEvent_t *event);
 * cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream);
 * cudaError_t cudaEventSynchronize(cudaEvent_t event);
 * cudaError_t cudaEventDestroy(cudaEvent_t event);
 * </pre>
 * Thread-safe (the runtime is); handles are made once per JVM.
 */
public final class CudaRuntime extends NativeBinding {
    /** System property naming an explicit library file. */
    public static final String PROPERTY = "ssm4j.cudart.path";
    /** Sonames tried in order. */
    public static final List<String> NAMES = List.of("libcudart.so.13", "libcudart.so.12");
    /** Every bound function; a test resolves each. */
    public static final List<String> SYMBOLS = List.of("cudaGetDeviceCount", "cudaSetDevice", "cudaRuntimeGetVersion",
            "cudaGetErrorString", "cudaMalloc", "cudaFree", "cudaHostAlloc", "cudaFreeHost", "cudaMemsetAsync",
            "cudaMemcpyAsync", "cudaMemcpy2DAsync", "cudaStreamCreate", "cudaStreamDestroy",
            "cudaStreamSynchronize", "cudaEventCreate", "cudaEventRecord", "cudaEventSynchronize",
            "cudaEventDestroy");

    /** enum cudaMemcpyKind: cudaMemcpyHostToDevice. */
    public static final int HOST_TO_DEVICE = 1;
    /** enum cudaMemcpyKind: cudaMemcpyDeviceToHost. */
    public static final int DEVICE_TO_HOST = 2;
    /** enum cudaMemcpyKind: cudaMemcpyDeviceToDevice. */
    public static final int DEVICE_TO_DEVICE = 3;
    /** cudaHostAllocDefault (page-locked, portable to the current context). */
    public static final int HOST_ALLOC_DEFAULT = 0;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final LazyBinding<CudaRuntime> BINDING = new LazyBinding<>("libcudart", PROPERTY, NAMES,
            CudaRuntime::new);

    private final MethodHandle getDeviceCount;
    private final MethodHandle setDevice;
    private final MethodHandle runtimeGetVersion;
    private final MethodHandle getErrorString;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle hostAlloc;
    private final MethodHandle freeHost;
    private final MethodHandle memsetAsync;
    private final MethodHandle memcpyAsync;
    private final MethodHandle memcpy2DAsync;
    private final MethodHandle streamCreate;
    private final MethodHandle streamDestroy;
    private final MethodHandle streamSynchronize;
    private final MethodHandle eventCreate;
    private final MethodHandle eventRecord;
    private final MethodHandle eventSynchronize;
    private final MethodHandle eventDestroy;

    private CudaRuntime(NativeLibrary lib) {
        super(lib);
        getDeviceCount = lib.downcall("cudaGetDeviceCount", FunctionDescriptor.of(INT, PTR));
        setDevice = lib.downcall("cudaSetDevice", FunctionDescriptor.of(INT, INT));
        runtimeGetVersion = lib.downcall("cudaRuntimeGetVersion", FunctionDescriptor.of(INT, PTR));
        getErrorString = lib.downcall("cudaGetErrorString", FunctionDescriptor.of(PTR, INT));
        malloc = lib.downcall("cudaMalloc", FunctionDescriptor.of(INT, PTR, SIZE_T));
        free = lib.downcall("cudaFree", FunctionDescriptor.of(INT, PTR));
        hostAlloc = lib.downcall("cudaHostAlloc", FunctionDescriptor.of(INT, PTR, SIZE_T, INT));
        freeHost = lib.downcall("cudaFreeHost", FunctionDescriptor.of(INT, PTR));
        memsetAsync = lib.downcall("cudaMemsetAsync", FunctionDescriptor.of(INT, PTR, INT, SIZE_T, PTR));
        memcpyAsync = lib.downcall("cudaMemcpyAsync", FunctionDescriptor.of(INT, PTR, PTR, SIZE_T, INT, PTR));
        memcpy2DAsync = lib.downcall("cudaMemcpy2DAsync",
                FunctionDescriptor.of(INT, PTR, SIZE_T, PTR, SIZE_T, SIZE_T, SIZE_T, INT, PTR));
        streamCreate = lib.downcall("cudaStreamCreate", FunctionDescriptor.of(INT, PTR));
        streamDestroy = lib.downcall("cudaStreamDestroy", FunctionDescriptor.of(INT, PTR));
        streamSynchronize = lib.downcall("cudaStreamSynchronize", FunctionDescriptor.of(INT, PTR));
        eventCreate = lib.downcall("cudaEventCreate", FunctionDescriptor.of(INT, PTR));
        eventRecord = lib.downcall("cudaEventRecord", FunctionDescriptor.of(INT, PTR, PTR));
        eventSynchronize = lib.downcall("cudaEventSynchronize", FunctionDescriptor.of(INT, PTR));
        eventDestroy = lib.downcall("cudaEventDestroy", FunctionDescriptor.of(INT, PTR));
    }

    /**
     * The binding, made once per JVM on first success.
     *
     * @throws Unavailable if the library or a symbol is missing, with the loader's text
     */
    public static CudaRuntime load() {
        return BINDING.get();
    }

    /** {@code cudaGetDeviceCount}: devices visible to this process (0 when none; no driver is an error). */
    public int deviceCount() {
        return Downcalls.outInt(this::check, "cudaGetDeviceCount", getDeviceCount);
    }

    /** {@code cudaGetDeviceCount} without throwing: the count, or the error text (for "unavailable" reasons). */
    public String deviceCountOrReason() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(INT);
            int rc = call(getDeviceCount, count);
            return rc == 0 ? Integer.toString(count.get(INT, 0))
                    : "cudaGetDeviceCount failed: " + rc + " (" + errorString(rc) + ")";
        }
    }

    /** {@code cudaSetDevice}. */
    public void setDevice(int device) {
        check("cudaSetDevice", call(setDevice, device));
    }

    /** {@code cudaRuntimeGetVersion}, e.g. 13000. */
    public int runtimeVersion() {
        return Downcalls.outInt(this::check, "cudaRuntimeGetVersion", runtimeGetVersion);
    }

    /** {@code cudaGetErrorString}. */
    public String errorString(int code) {
        try {
            MemorySegment s = (MemorySegment) getErrorString.invokeExact(code);
            return s.equals(MemorySegment.NULL) ? "" : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return "cudaGetErrorString threw " + t;
        }
    }

    /** {@code cudaMalloc}: {@code bytes} of device memory, as a segment of that size (not host-accessible). */
    public MemorySegment malloc(long bytes) {
        return Downcalls.outPointer(this::check, "cudaMalloc(" + bytes + ")", malloc, bytes).reinterpret(bytes);
    }

    /** {@code cudaFree}. */
    public void free(MemorySegment devicePtr) {
        check("cudaFree", call(free, devicePtr));
    }

    /** {@code cudaHostAlloc}: page-locked host memory, readable and writable from Java through the segment. */
    public MemorySegment hostAlloc(long bytes) {
        return Downcalls.outPointer(this::check, "cudaHostAlloc(" + bytes + ")", hostAlloc, bytes, HOST_ALLOC_DEFAULT)
                .reinterpret(bytes);
    }

    /** {@code cudaFreeHost}. */
    public void freeHost(MemorySegment hostPtr) {
        check("cudaFreeHost", call(freeHost, hostPtr));
    }

    /** {@code cudaMemsetAsync}. */
    public void memsetAsync(MemorySegment devicePtr, int value, long bytes, MemorySegment stream) {
        check("cudaMemsetAsync", invoke(() -> (int) memsetAsync.invokeExact(devicePtr, value, bytes, stream)));
    }

    /** {@code cudaMemcpyAsync} ({@code kind} one of the constants above). */
    public void memcpyAsync(MemorySegment dst, MemorySegment src, long bytes, int kind, MemorySegment stream) {
        check("cudaMemcpyAsync", invoke(() -> (int) memcpyAsync.invokeExact(dst, src, bytes, kind, stream)));
    }

    /** {@code cudaMemcpy2DAsync}: {@code height} rows of {@code widthBytes}, with the given row pitches. */
    public void memcpy2DAsync(MemorySegment dst, long dpitch, MemorySegment src, long spitch, long widthBytes,
                              long height, int kind, MemorySegment stream) {
        check("cudaMemcpy2DAsync", invoke(() -> (int) memcpy2DAsync.invokeExact(dst, dpitch, src, spitch, widthBytes,
                height, kind, stream)));
    }

    /** {@code cudaStreamCreate}. */
    public MemorySegment streamCreate() {
        return Downcalls.outPointer(this::check, "cudaStreamCreate", streamCreate);
    }

    /** {@code cudaStreamDestroy}. */
    public void streamDestroy(MemorySegment stream) {
        check("cudaStreamDestroy", call(streamDestroy, stream));
    }

    /** {@code cudaStreamSynchronize}: waits for the stream; errors of earlier async work surface here. */
    public void streamSynchronize(MemorySegment stream) {
        check("cudaStreamSynchronize", invoke(() -> (int) streamSynchronize.invokeExact(stream)));
    }

    /** {@code cudaEventCreate}. */
    public MemorySegment eventCreate() {
        return Downcalls.outPointer(this::check, "cudaEventCreate", eventCreate);
    }

    /** {@code cudaEventRecord}: the event completes when the stream's work enqueued so far has. */
    public void eventRecord(MemorySegment event, MemorySegment stream) {
        check("cudaEventRecord", invoke(() -> (int) eventRecord.invokeExact(event, stream)));
    }

    /** {@code cudaEventSynchronize}: waits for the event. */
    public void eventSynchronize(MemorySegment event) {
        check("cudaEventSynchronize", invoke(() -> (int) eventSynchronize.invokeExact(event)));
    }

    /** {@code cudaEventDestroy}. */
    public void eventDestroy(MemorySegment event) {
        check("cudaEventDestroy", call(eventDestroy, event));
    }

    /** Throws {@link CudaException} for a non-zero {@code cudaError_t}. */
    public void check(String function, int rc) {
        if (rc != 0) {
            throw new CudaException(function, rc, errorString(rc));
        }
    }

    /** For set-up calls only (boxes its arguments); hot-path calls use {@link Downcalls#invoke}. */
    static int call(MethodHandle h, Object... args) {
        return Downcalls.invokeWithArguments(h, args);
    }
}
