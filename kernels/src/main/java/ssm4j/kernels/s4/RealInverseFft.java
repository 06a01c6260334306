package ssm4j.kernels.s4;

/**
 * A plan for the inverse real DFT of (3.4e) in fp64: from the half spectrum {@code X_0 … X_{⌊n/2⌋}} of a real
 * sequence of length n, {@code x[l] = (1/n)·[Re X_0 + 2·Σ_{k=1}^{⌈n/2⌉−1} Re(X_k e^{2πikl/n}) + (n even)
 * (−1)^l Re X_{n/2}]}; the imaginary parts of the DC and Nyquist bins are ignored (SPEC 9.6).
 *
 * <p>Radix-2 for powers of two, Bluestein (chirp convolution through a radix-2 FFT of size ≥ 2n − 1) for any
 * other n, so the cost is O(n log n) for every length. Twiddles and chirps come from {@link Math#cos} of exact
 * reduced angles (j² mod 2n for the chirp), never from powers of a rounded root.
 *
 * <p>The plan is immutable and shared; each thread passes its own work array of {@link #workLength()} doubles.
 */
final class RealInverseFft {
    private final int n;
    private final int m;            // radix-2 size used (n/2 packed, n, or the Bluestein size)
    private final boolean packed;   // n a power of two ≥ 4: half-size complex FFT
    private final double[] twiddle; // packed: e^{2πik/n}, k < n/2 (complex)
    private final double[] cos;     // cos(2πj/m), j < m/2
    private final double[] sin;     // sin(2πj/m), j < m/2
    private final int[] rev;        // bit-reversal permutation of m
    private final double[] chirp;   // Bluestein: e^{iπ j²/n}, j < n (complex), null for radix-2
    private final double[] filter;  // Bluestein: FFT of conj(chirp) wrapped to length m (complex)

    RealInverseFft(int n) {
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1;
        // powers of two ≥ 4: one complex FFT of n/2 gives even samples (re) and odd samples (im)
        this.packed = pow2 && n >= 4;
        this.m = packed ? n / 2 : pow2 ? n : Integer.highestOneBit(2 * n - 1) << 1;
        if (packed) {
            twiddle = new double[n];
            for (int k = 0; k < n / 2; k++) {
                double a = 2 * Math.PI * k / n;
                twiddle[2 * k] = Math.cos(a);
                twiddle[2 * k + 1] = Math.sin(a);
            }
        } else {
            twiddle = null;
        }
        this.cos = new double[Math.max(1, m / 2)];
        this.sin = new double[Math.max(1, m / 2)];
        for (int j = 0; j < m / 2; j++) {
            double a = 2 * Math.PI * j / m;
            cos[j] = Math.cos(a);
            sin[j] = Math.sin(a);
        }
        this.rev = new int[m];
        int bits = Integer.numberOfTrailingZeros(m);
        for (int j = 0; j < m; j++) {
            rev[j] = bits == 0 ? 0 : Integer.reverse(j) >>> (32 - bits);
        }
        if (pow2) {
            chirp = null;
            filter = null;
        } else {
            chirp = new double[2 * n];
            for (int j = 0; j < n; j++) {
                long q = ((long) j * j) % (2L * n);       // e^{iπ j²/n} is 2n-periodic in j²
                double a = Math.PI * q / n;
                chirp[2 * j] = Math.cos(a);
                chirp[2 * j + 1] = Math.sin(a);
            }
            filter = new double[2 * m];
            for (int j = 0; j < n; j++) {
                filter[2 * j] = chirp[2 * j];
                filter[2 * j + 1] = -chirp[2 * j + 1];
                if (j > 0) {
                    filter[2 * (m - j)] = chirp[2 * j];
                    filter[2 * (m - j) + 1] = -chirp[2 * j + 1];
                }
            }
            fft(filter, false);
        }
    }

    /** Transform length n. */
    int length() {
        return n;
    }

    /** Doubles of work space one call needs. */
    int workLength() {
        return 2 * m;
    }

    /**
     * Writes {@code x[0 … count)} of the inverse real DFT.
     *
     * @param half  complex half spectrum, ⌊n/2⌋ + 1 entries from {@code halfOff}
     * @param work  at least {@link #workLength()} doubles, overwritten
     * @param count how many leading samples to keep (≤ n)
     */
    void inverse(double[] half, int halfOff, double[] work, double[] out, int outOff, int count) {
        int nh = n / 2;
        if (packed) {
            inversePacked(half, halfOff, work, out, outOff, count);
            return;
        }
        java.util.Arrays.fill(work, 0, 2 * m, 0.0);
        // full Hermitian spectrum X[k], X[n−k] = conj(X[k]); DC and Nyquist bins real
        work[0] = half[halfOff];
        for (int k = 1; k < (n + 1) / 2; k++) {
            double re = half[halfOff + 2 * k];
            double im = half[halfOff + 2 * k + 1];
            work[2 * k] = re;
            work[2 * k + 1] = im;
            work[2 * (n - k)] = re;
            work[2 * (n - k) + 1] = -im;
        }
        if ((n & 1) == 0 && n > 1) {
            work[2 * nh] = half[halfOff + 2 * nh];
        }
        double scale = 1.0 / n;
        if (chirp == null) {
            fft(work, true);
            for (int l = 0; l < count; l++) {
                out[outOff + l] = work[2 * l] * scale;
            }
            return;
        }
        // Bluestein: kl = (k² + l² − (l−k)²)/2, so x[l] = c_l·Σ_k (X_k c_k)·conj(c_{l−k}), c_j = e^{iπj²/n}
        for (int k = 0; k < n; k++) {
            double xr = work[2 * k];
            double xi = work[2 * k + 1];
            work[2 * k] = xr * chirp[2 * k] - xi * chirp[2 * k + 1];
            work[2 * k + 1] = xr * chirp[2 * k + 1] + xi * chirp[2 * k];
        }
        fft(work, false);
        for (int j = 0; j < m; j++) {
            double xr = work[2 * j];
            double xi = work[2 * j + 1];
            work[2 * j] = xr * filter[2 * j] - xi * filter[2 * j + 1];
            work[2 * j + 1] = xr * filter[2 * j + 1] + xi * filter[2 * j];
        }
        fft(work, true);
        double s = scale / m;
        for (int l = 0; l < count; l++) {
            // Re(c_l·y_l)
            out[outOff + l] = (work[2 * l] * chirp[2 * l] - work[2 * l + 1] * chirp[2 * l + 1]) * s;
        }
    }

    /**
     * n = 2·m: with E[k] = X[k] + X[k+m] and O[k] = (X[k] − X[k+m])·e^{2πik/n} (both spectra of real sequences:
     * the even and the odd samples), the m-point inverse FFT of E + i·O is x[2j] + i·x[2j+1]. Hermitian
     * symmetry gives X[k+m] = conj(X[m−k]) from the stored half.
     */
    private void inversePacked(double[] half, int halfOff, double[] work, double[] out, int outOff, int count) {
        for (int k = 0; k < m; k++) {
            double ar = half[halfOff + 2 * k];
            double ai = k == 0 ? 0 : half[halfOff + 2 * k + 1];        // DC bin: imaginary part ignored
            double br = half[halfOff + 2 * (m - k)];
            double bi = k == 0 ? 0 : -half[halfOff + 2 * (m - k) + 1];  // conj(X[m−k]); Nyquist bin real
            double er = ar + br;
            double ei = ai + bi;
            double dr = ar - br;
            double di = ai - bi;
            double tr = twiddle[2 * k];
            double ti = twiddle[2 * k + 1];
            double or = dr * tr - di * ti;
            double oi = dr * ti + di * tr;
            work[2 * k] = er - oi;          // E + i·O
            work[2 * k + 1] = ei + or;
        }
        fft(work, true);
        double scale = 1.0 / n;
        for (int l = 0; l < count; l++) {
            out[outOff + l] = work[l] * scale;      // work = [x0, x1, x2, …] interleaved as (re, im)
        }
    }

    /** In-place radix-2 FFT of size m; {@code inverse} uses e^{+2πi…} (unscaled). */
    private void fft(double[] a, boolean inverse) {
        for (int j = 0; j < m; j++) {
            int r = rev[j];
            if (r > j) {
                double t = a[2 * j];
                a[2 * j] = a[2 * r];
                a[2 * r] = t;
                t = a[2 * j + 1];
                a[2 * j + 1] = a[2 * r + 1];
                a[2 * r + 1] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= m; len <<= 1) {
            int half = len >> 1;
            int step = m / len;
            for (int start = 0; start < m; start += len) {
                for (int j = 0; j < half; j++) {
                    double wr = cos[j * step];
                    double wi = sign * sin[j * step];
                    int p = 2 * (start + j);
                    int q = 2 * (start + j + half);
                    double tr = a[q] * wr - a[q + 1] * wi;
                    double ti = a[q] * wi + a[q + 1] * wr;
                    a[q] = a[p] - tr;
                    a[q + 1] = a[p + 1] - ti;
                    a[p] += tr;
                    a[p + 1] += ti;
                }
            }
        }
    }
}
