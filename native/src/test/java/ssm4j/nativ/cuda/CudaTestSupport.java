package ssm4j.nativ.cuda;

import static org.junit.jupiter.api.Assumptions.abort;

import ssm4j.api.spi.Unavailable;

/** GPU tests skip, printing the reason, when a CUDA library or a device is missing (as on CI). */
final class CudaTestSupport {
    private CudaTestSupport() {
    }

    /** Skips the test unless the libraries load and a device answers. */
    static void requireDevice() {
        try {
            CudaDevice.require();
        } catch (Unavailable | CudaException e) {
            System.out.println("SKIPPED (no GPU): " + e.getMessage());
            abort("library or device absent, skipped: " + e.getMessage());
        }
    }
}
