package ssm4j.fft;

/**
 * The inverse real DFT of one length n in fp64, for one thread at a time (each instance owns its scratch):
 * from the half spectrum {@code X_0 … X_{⌊n/2⌋}} of a real sequence, interleaved {@code (re, im)} (numpy's rfft
 * layout, {@code 2·(⌊n/2⌋ + 1)} values),
 * {@code x[l] = (1/n)·[Re X_0 + 2·Σ_{0<k<n/2} Re(X_k e^{2πikl/n}) + (n even) (−1)^l Re X_{n/2}]}; the imaginary
 * parts of the DC and (even n) Nyquist bins are ignored (SPEC 9.6). Made by {@link RealFfts#inverse}.
 */
public interface InverseRealFft {
    /** The transform length n. */
    int length();

    /**
     * Writes {@code x[0, count)} of the inverse transform to {@code out[outOff, outOff+count)}, reading
     * {@code 2·(⌊n/2⌋ + 1)} values at {@code half[halfOff]}. Trusts its arguments ({@code count ≤ n}, ranges in
     * bounds): the callers are kernels that size their own arrays.
     */
    void inverse(double[] half, int halfOff, double[] out, int outOff, int count);
}
