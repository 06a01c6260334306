package ssm4j.nativ.cuda;

import ssm4j.api.spi.Unavailable;

/** The device probe shared by the {@code native-gpu} parts: libraries load AND a device answers. */
final class CudaDevice {
    private CudaDevice() {
    }

    /**
     * Loads the CUDA runtime, cuFFT and cuBLAS, requires {@code cudaGetDeviceCount ≥ 1} and selects device 0 (or
     * {@code -Dssm4j.cuda.device}) on the calling thread.
     *
     * @throws Unavailable with the loader's or the runtime's reason
     */
    static CudaRuntime require() {
        CudaRuntime rt = CudaRuntime.load();
        CuFft.load();
        CuBlas.load();
        String count = rt.deviceCountOrReason();
        if (!count.chars().allMatch(Character::isDigit)) {
            throw new Unavailable("no CUDA device: " + count);
        }
        if (Integer.parseInt(count) < 1) {
            throw new Unavailable("no CUDA device: cudaGetDeviceCount reports 0");
        }
        rt.setDevice(device());
        return rt;
    }

    /** The device ssm4j uses: {@code -Dssm4j.cuda.device}, default 0. The runtime's current device is per host
     *  thread, so every GPU call sets it first (cudaSetDevice is cheap when unchanged). */
    static int device() {
        return Integer.getInteger("ssm4j.cuda.device", 0);
    }
}
