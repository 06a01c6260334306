package ssm4j.nativ.fftw;

/** Choice of a transform length FFTW handles fast. */
final class FftSize {
    private static final int[] RADICES = {2, 3, 5, 7};

    private FftSize() {
    }

    /**
     * The smallest even {@code n ≥ min} whose only prime factors are 2, 3, 5 and 7 (FFTW has hard-coded codelets
     * for these radices; a large prime factor would cost Rader's algorithm). SPEC 6: any {@code n ≥ lk + L} gives
     * the reference's causal and bidirectional result, so the convolution may round {@code lk + L} up to this.
     */
    static int fastEven(int min) {
        for (long n = Math.max(2, min + (min & 1)); ; n += 2) {
            long m = n;
            for (int p : RADICES) {
                while (m % p == 0) {
                    m /= p;
                }
            }
            if (m == 1) {
                if (n > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("FFT length: lk + L = " + min + " is too large");
                }
                return (int) n;
            }
        }
    }
}
