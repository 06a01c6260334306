// GENERATED from fft/src/main/java/ssm4j/fft/simd/AnyRealFftF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.fft.simd;

/**
 * fp64 real FFT of any length n in natural order (the engine behind {@link FftPlan}): power-of-two lengths
 * with a complex half of at least one vector use {@link Pow2RealFftF64} and then reorder the bit-reversed spectrum;
 * every other length uses {@link BluesteinF64}. Immutable and thread-safe; scratch from {@link #newScratch()}.
 */
final class AnyRealFftF64 {
    final int n;
    private final Pow2RealFftF64 fast;
    private final BluesteinF64 blue;

    AnyRealFftF64(int n) {
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1 && n >= Pow2RealFftF64.minLength();
        this.fast = pow2 ? new Pow2RealFftF64(n) : null;
        this.blue = pow2 ? null : new BluesteinF64(n);
    }

    /** Per-thread scratch arrays for this length. */
    double[][] newScratch() {
        if (fast != null) {
            int m = n / 2;
            return new double[][] {new double[m], new double[m], new double[m], new double[m]};
        }
        return new double[][] {new double[n], new double[n], new double[n], new double[n], new double[blue.p],
            new double[blue.p]};
    }

    /** Bins 0 … ⌊n/2⌋ of the DFT (exponent −2πi) of {@code x[xOff, xOff+n)}, interleaved at out[outOff]. */
    void forward(double[] x, int xOff, double[] out, int outOff, double[][] sc) {
        int half = n / 2;
        if (fast != null) {
            double[] zr = sc[0];
            double[] zi = sc[1];
            double[] tr = sc[2];
            double[] ti = sc[3];
            fast.pack(x, xOff, n, zr, zi);
            fast.cfft.forward(zr, zi);
            fast.halfToFull(zr, zi, 0.5, tr, ti, 0);
            int[] freqAt = fast.freqAt;
            for (int p = 1; p < half; p++) {
                int k = freqAt[p];
                out[outOff + 2 * k] = tr[p];
                out[outOff + 2 * k + 1] = ti[p];
            }
            out[outOff] = tr[0];
            out[outOff + 1] = 0;
            out[outOff + 2 * half] = ti[0];
            out[outOff + 2 * half + 1] = 0;
            return;
        }
        double[] ar = sc[0];
        double[] ai = sc[1];
        System.arraycopy(x, xOff, ar, 0, n);
        java.util.Arrays.fill(ai, 0, n, 0);
        blue.dft(ar, ai, sc[2], sc[3], sc[4], sc[5]);
        for (int k = 0; k <= half; k++) {
            out[outOff + 2 * k] = sc[2][k];
            out[outOff + 2 * k + 1] = sc[3][k];
        }
    }

    /**
     * The real signal {@code x[xOff, xOff+n)} whose bins 0 … ⌊n/2⌋ are {@code in[inOff …]} (interleaved),
     * normalised ({@code 1/n}) so that inverse(forward(x)) = x. Imaginary parts of the DC bin and, for even n,
     * the Nyquist bin are ignored (as numpy's irfft does).
     */
    void inverse(double[] in, int inOff, double[] x, int xOff, double[][] sc) {
        int half = n / 2;
        if (fast != null) {
            double[] yr = sc[2];
            double[] yi = sc[3];
            double[] zr = sc[0];
            double[] zi = sc[1];
            int[] freqAt = fast.freqAt;
            for (int p = 1; p < half; p++) {
                int k = freqAt[p];
                yr[p] = in[inOff + 2 * k];
                yi[p] = in[inOff + 2 * k + 1];
            }
            yr[0] = in[inOff];
            yi[0] = in[inOff + 2 * half];
            fast.fullToHalf(yr, yi, zr, zi);
            fast.cfft.inverse(zr, zi);
            fast.unpack(zr, zi, (double) (1.0 / n), x, xOff, n);
            return;
        }
        double[] ar = sc[0];
        double[] ai = sc[1];
        for (int k = 0; k < n; k++) {
            // conj of the Hermitian-extended spectrum: IDFT(X) = conj(DFT(conj X)) / n, real part only.
            if (k <= half) {
                ar[k] = in[inOff + 2 * k];
                ai[k] = -in[inOff + 2 * k + 1];
            } else {
                ar[k] = in[inOff + 2 * (n - k)];
                ai[k] = in[inOff + 2 * (n - k) + 1];
            }
        }
        ai[0] = 0;
        if (n % 2 == 0) {
            ai[half] = 0;
        }
        blue.dft(ar, ai, sc[2], sc[3], sc[4], sc[5]);
        double inv = (double) (1.0 / n);
        for (int j = 0; j < n; j++) {
            x[xOff + j] = sc[2][j] * inv;
        }
    }
}
