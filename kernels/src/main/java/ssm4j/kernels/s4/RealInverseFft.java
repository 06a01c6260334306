package ssm4j.kernels.s4;

/**
 * A plan for the inverse real DFT of (3.4e) in fp64: from the half spectrum {@code X_0 … X_{⌊n/2⌋}} of a real
 * sequence of length n, {@code x[l] = (1/n)·[Re X_0 + 2·Σ_{k=1}^{⌈n/2⌉−1} Re(X_k e^{2πikl/n}) + (n even)
 * (−1)^l Re X_{n/2}]}; the imaginary parts of the DC and Nyquist bins are ignored (SPEC 9.6).
 *
 * <p>Powers of two ≥ 4 use one complex FFT of n/2 points (even samples in the real part, odd in the imaginary
 * part); other lengths use Bluestein (a chirp convolution through radix-2 FFTs of size ≥ 2n − 1), so every
 * length costs O(n log n). The radix-2 FFT works on split real/imaginary arrays with one contiguous twiddle
 * table per stage ({@code w[half + j] = e^{±2πij/len}}), which keeps the butterfly loop a plain loop over
 * double arrays that C2 can unroll and vectorise. Twiddles and chirps come from {@link Math#cos} of exact
 * reduced angles (j² mod 2n for the chirp), never from powers of a rounded root.
 *
 * <p>The plan is immutable and shared; each thread passes its own work array of {@link #workLength()} doubles.
 */
final class RealInverseFft {
    private final int n;
    private final int m;            // radix-2 size used (n/2 packed, or the Bluestein size; 1 or 2 direct)
    private final boolean packed;   // n a power of two ≥ 4
    private final double[] twr;     // stage twiddles e^{+2πij/len} at [len/2 + j] (inverse direction)
    private final double[] twi;
    private final int[] rev;        // bit-reversal permutation of m
    private final double[] post;    // packed: e^{2πik/n}, k < n/2 (complex interleaved)
    private final double[] chirp;   // Bluestein: e^{iπ j²/n}, j < n (complex interleaved), else null
    private final double[] filterRe; // Bluestein: FFT of conj(chirp) wrapped to length m
    private final double[] filterIm;

    RealInverseFft(int n) {
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1;
        this.packed = pow2 && n >= 4;
        this.m = packed ? n / 2 : pow2 ? 1 : Integer.highestOneBit(2 * n - 1) << 1;
        this.twr = new double[Math.max(2, m)];
        this.twi = new double[Math.max(2, m)];
        for (int len = 2; len <= m; len <<= 1) {
            int half = len >> 1;
            for (int j = 0; j < half; j++) {
                double a = 2 * Math.PI * j / len;
                twr[half + j] = Math.cos(a);
                twi[half + j] = Math.sin(a);
            }
        }
        this.rev = new int[m];
        int bits = Integer.numberOfTrailingZeros(m);
        for (int j = 0; j < m; j++) {
            rev[j] = bits == 0 ? 0 : Integer.reverse(j) >>> (32 - bits);
        }
        if (packed) {
            post = new double[n];
            for (int k = 0; k < n / 2; k++) {
                double a = 2 * Math.PI * k / n;
                post[2 * k] = Math.cos(a);
                post[2 * k + 1] = Math.sin(a);
            }
        } else {
            post = null;
        }
        if (!pow2) {
            chirp = new double[2 * n];
            for (int j = 0; j < n; j++) {
                long q = ((long) j * j) % (2L * n);       // e^{iπ j²/n} is 2n-periodic in j²
                double a = Math.PI * q / n;
                chirp[2 * j] = Math.cos(a);
                chirp[2 * j + 1] = Math.sin(a);
            }
            filterRe = new double[m];
            filterIm = new double[m];
            for (int j = 0; j < n; j++) {
                filterRe[j] = chirp[2 * j];
                filterIm[j] = -chirp[2 * j + 1];
                if (j > 0) {
                    filterRe[m - j] = chirp[2 * j];
                    filterIm[m - j] = -chirp[2 * j + 1];
                }
            }
            fft(filterRe, filterIm, false);
        } else {
            chirp = null;
            filterRe = null;
            filterIm = null;
        }
    }

    /** Transform length n. */
    int length() {
        return n;
    }

    /** Doubles of work space one call needs, in each of the two work arrays. */
    int workLength() {
        return Math.max(m, n);
    }

    /**
     * Writes {@code x[0 … count)} of the inverse real DFT.
     *
     * @param half  complex half spectrum, ⌊n/2⌋ + 1 entries from {@code halfOff}
     * @param wr    at least {@link #workLength()} doubles (real parts), overwritten
     * @param wi    at least {@link #workLength()} doubles (imaginary parts), overwritten; not {@code wr}
     * @param count how many leading samples to keep (≤ n)
     */
    void inverse(double[] half, int halfOff, double[] wr, double[] wi, double[] out, int outOff, int count) {
        if (packed) {
            inversePacked(half, halfOff, wr, wi, out, outOff, count);
        } else if (chirp == null) {
            // n = 1: x = X_0; n = 2: x = (X_0 ± X_1)/2
            double x0 = half[halfOff];
            if (n == 1) {
                out[outOff] = x0;
            } else {
                double x1 = half[halfOff + 2];
                out[outOff] = 0.5 * (x0 + x1);
                if (count > 1) {
                    out[outOff + 1] = 0.5 * (x0 - x1);
                }
            }
        } else {
            inverseBluestein(half, halfOff, wr, wi, out, outOff, count);
        }
    }

    /**
     * n = 2·m: with E[k] = X[k] + X[k+m] and O[k] = (X[k] − X[k+m])·e^{2πik/n} (spectra of the even and the odd
     * samples), the m-point inverse FFT of E + i·O is x[2j] + i·x[2j+1]. Hermitian symmetry gives
     * X[k+m] = conj(X[m−k]) from the stored half.
     */
    private void inversePacked(double[] half, int halfOff, double[] a, double[] b, double[] out, int outOff,
                               int count) {
        for (int k = 0; k < m; k++) {
            double ar = half[halfOff + 2 * k];
            double ai = k == 0 ? 0 : half[halfOff + 2 * k + 1];        // DC bin: imaginary part ignored
            double br = half[halfOff + 2 * (m - k)];
            double bi = k == 0 ? 0 : -half[halfOff + 2 * (m - k) + 1];  // conj(X[m−k]); Nyquist bin real
            double dr = ar - br;
            double di = ai - bi;
            double tr = post[2 * k];
            double ti = post[2 * k + 1];
            double or = dr * tr - di * ti;
            double oi = dr * ti + di * tr;
            int r = rev[k];                 // scatter straight into bit-reversed order
            a[r] = ar + br - oi;            // E + i·O
            b[r] = ai + bi + or;
        }
        butterflies(a, b, true);
        double scale = 1.0 / n;
        int pairs = count >> 1;
        for (int j = 0; j < pairs; j++) {
            out[outOff + 2 * j] = a[j] * scale;
            out[outOff + 2 * j + 1] = b[j] * scale;
        }
        if ((count & 1) != 0) {
            out[outOff + count - 1] = a[pairs] * scale;
        }
    }

    /** Bluestein: kl = (k² + l² − (l−k)²)/2, so x[l] = c_l·Σ_k (X_k c_k)·conj(c_{l−k}), c_j = e^{iπj²/n}. */
    private void inverseBluestein(double[] half, int halfOff, double[] a, double[] b, double[] out, int outOff,
                                  int count) {
        java.util.Arrays.fill(a, 0, m, 0.0);
        java.util.Arrays.fill(b, 0, m, 0.0);
        for (int k = 0; k < n; k++) {
            // full Hermitian spectrum X[k], X[n−k] = conj(X[k]); DC (and Nyquist for even n) real
            double xr;
            double xi;
            if (k == 0) {
                xr = half[halfOff];
                xi = 0;
            } else if (2 * k < n) {
                xr = half[halfOff + 2 * k];
                xi = half[halfOff + 2 * k + 1];
            } else if (2 * k == n) {
                xr = half[halfOff + 2 * k];
                xi = 0;
            } else {
                xr = half[halfOff + 2 * (n - k)];
                xi = -half[halfOff + 2 * (n - k) + 1];
            }
            a[k] = xr * chirp[2 * k] - xi * chirp[2 * k + 1];
            b[k] = xr * chirp[2 * k + 1] + xi * chirp[2 * k];
        }
        fft(a, b, false);
        for (int j = 0; j < m; j++) {
            double xr = a[j];
            double xi = b[j];
            a[j] = xr * filterRe[j] - xi * filterIm[j];
            b[j] = xr * filterIm[j] + xi * filterRe[j];
        }
        fft(a, b, true);
        double s = 1.0 / ((double) n * m);
        for (int l = 0; l < count; l++) {
            out[outOff + l] = (a[l] * chirp[2 * l] - b[l] * chirp[2 * l + 1]) * s;   // Re(c_l·y_l)
        }
    }

    /** In-place radix-2 FFT of size m on split arrays; {@code inverse} uses e^{+2πi…} (unscaled). */
    private void fft(double[] a, double[] b, boolean inverse) {
        for (int j = 0; j < m; j++) {
            int r = rev[j];
            if (r > j) {
                double t = a[j];
                a[j] = a[r];
                a[r] = t;
                t = b[j];
                b[j] = b[r];
                b[r] = t;
            }
        }
        butterflies(a, b, inverse);
    }

    /** The log2(m) butterfly stages on bit-reversed input; lengths 2 and 4 need no multiplications. */
    private void butterflies(double[] a, double[] b, boolean inverse) {
        double sign = inverse ? 1 : -1;
        if (m >= 4) {
            for (int p = 0; p < m; p += 4) {        // len 2 then len 4 (twiddles 1 and ±i) in registers
                double a0 = a[p] + a[p + 1];
                double b0 = b[p] + b[p + 1];
                double a1 = a[p] - a[p + 1];
                double b1 = b[p] - b[p + 1];
                double a2 = a[p + 2] + a[p + 3];
                double b2 = b[p + 2] + b[p + 3];
                double a3 = a[p + 2] - a[p + 3];
                double b3 = b[p + 2] - b[p + 3];
                // w = sign·i for the second pair: (a3 + i·b3)·(sign·i) = −sign·b3 + i·sign·a3
                double t3r = -sign * b3;
                double t3i = sign * a3;
                a[p] = a0 + a2;
                b[p] = b0 + b2;
                a[p + 2] = a0 - a2;
                b[p + 2] = b0 - b2;
                a[p + 1] = a1 + t3r;
                b[p + 1] = b1 + t3i;
                a[p + 3] = a1 - t3r;
                b[p + 3] = b1 - t3i;
            }
        } else if (m == 2) {
            double xr = a[1];
            double xi = b[1];
            a[1] = a[0] - xr;
            b[1] = b[0] - xi;
            a[0] += xr;
            b[0] += xi;
        }
        for (int len = 8; len <= m; len <<= 1) {
            int half = len >> 1;
            for (int start = 0; start < m; start += len) {
                for (int j = 0; j < half; j++) {
                    double wr = twr[half + j];
                    double wi = sign * twi[half + j];
                    int p = start + j;
                    int q = p + half;
                    double qr = a[q];
                    double qi = b[q];
                    double tr = qr * wr - qi * wi;
                    double ti = qr * wi + qi * wr;
                    double pr = a[p];
                    double pi = b[p];
                    a[q] = pr - tr;
                    b[q] = pi - ti;
                    a[p] = pr + tr;
                    b[p] = pi + ti;
                }
            }
        }
    }
}
