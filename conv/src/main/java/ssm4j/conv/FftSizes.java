package ssm4j.conv;

/**
 * Choice of the FFT length of a convolution (SPEC 6, pitfall 9). The reference uses {@code n = Lk + L}; any
 * {@code n ≥ Lk + L} gives the same causal and bidirectional result (x and the kernel are zero-padded to n, and
 * no output sample {@code t < L} then sees a wrapped-around input), so each tier may round up to a size its FFT
 * is fast at. Stateless and thread-safe.
 */
public final class FftSizes {
    private FftSizes() {
    }

    /** The smallest power of two {@code ≥ min} (at least 2). @throws IllegalArgumentException if it overflows */
    public static int powerOfTwoAtLeast(int min) {
        if (min > (1 << 30)) {
            throw new IllegalArgumentException("fft length: " + min + " exceeds 2^30");
        }
        int n = 2;
        while (n < min) {
            n <<= 1;
        }
        return n;
    }

    /**
     * The smallest even {@code n ≥ min} whose only prime factors are 2, 3 and 5 (JTransforms' mixed-radix sizes;
     * an even length keeps its packed real layout simple). At most about 1.2·min for min ≥ 100.
     */
    public static int even5SmoothAtLeast(int min) {
        int half = Math.max(1, (min + 1) / 2);
        for (int m = half; ; m++) {
            if (is5Smooth(m)) {
                return 2 * m;
            }
        }
    }

    /** Whether {@code m ≥ 1} has no prime factor other than 2, 3 and 5. */
    public static boolean is5Smooth(int m) {
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        return m == 1;
    }

    /**
     * {@code a·b} as an array length. @throws IllegalArgumentException naming {@code what} when it exceeds a
     * Java array (workspaces hold Cn·H spectra of n/2 complex values)
     */
    public static int arrayLength(String what, long a, long b) {
        long v = a * b;
        if (a < 0 || b < 0 || v > Integer.MAX_VALUE - 8 || (a != 0 && v / a != b)) {
            throw new IllegalArgumentException(what + ": needs " + a + "·" + b
                    + " elements, more than a Java array holds");
        }
        return (int) v;
    }
}
