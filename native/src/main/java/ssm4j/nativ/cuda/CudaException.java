package ssm4j.nativ.cuda;

/** A CUDA, cuFFT or cuBLAS call returned an error: the message names the C function and the code. */
public final class CudaException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param function the C function, e.g. {@code cudaMalloc}; {@code code} its return value; {@code text} the
     *  library's description when it has one */
    public CudaException(String function, int code, String text) {
        super(function + " failed: " + code + (text == null || text.isEmpty() ? "" : " (" + text + ")"));
    }
}
