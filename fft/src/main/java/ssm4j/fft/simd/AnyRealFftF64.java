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

    /**
     * One thread's working arrays for this length. Power-of-two path: {@code (re, im)} the packed half signal,
     * {@code (specR, specI)} the half spectrum (M each). Bluestein: {@code (re, im)} its input, {@code (specR,
     * specI)} its DFT (n each), {@code (blueR, blueI)} its convolution (p each).
     */
    record Work(double[] re, double[] im, double[] specR, double[] specI, double[] blueR, double[] blueI) {
    }

    /** Per-thread scratch arrays for this length. */
    Work newScratch() {
        int len = fast != null ? n / 2 : n;
        int p = fast != null ? 0 : blue.p;
        return new Work(new double[len], new double[len], new double[len], new double[len], new double[p], new double[p]);
    }

    /** Bins 0 … ⌊n/2⌋ of the DFT (exponent −2πi) of {@code x[xOff, xOff+n)}, interleaved at out[outOff]. */
    void forward(double[] x, int xOff, double[] out, int outOff, Work w) {
        int half = n / 2;
        if (fast != null) {
            fast.pack(x, xOff, n, w.re, w.im);
            fast.cfft.forward(w.re, w.im);
            fast.halfToFull(w.re, w.im, 0.5, w.specR, w.specI, 0);
            // bit-reversed position p holds bin freqAt[p]; position 0 holds (X_0, X_{n/2}), both real
            int[] freqAt = fast.freqAt;
            for (int p = 1; p < half; p++) {
                int k = freqAt[p];
                out[outOff + 2 * k] = w.specR[p];
                out[outOff + 2 * k + 1] = w.specI[p];
            }
            out[outOff] = w.specR[0];
            out[outOff + 1] = 0;
            out[outOff + 2 * half] = w.specI[0];
            out[outOff + 2 * half + 1] = 0;
            return;
        }
        System.arraycopy(x, xOff, w.re, 0, n);
        java.util.Arrays.fill(w.im, 0, n, 0);
        blue.dft(w.re, w.im, w.specR, w.specI, w.blueR, w.blueI);
        for (int k = 0; k <= half; k++) {
            out[outOff + 2 * k] = w.specR[k];
            out[outOff + 2 * k + 1] = w.specI[k];
        }
    }

    /**
     * The real signal {@code x[xOff, xOff+n)} whose bins 0 … ⌊n/2⌋ are {@code in[inOff …]} (interleaved),
     * normalised ({@code 1/n}) so that inverse(forward(x)) = x. Imaginary parts of the DC bin and, for even n,
     * the Nyquist bin are ignored (as numpy's irfft does).
     */
    void inverse(double[] in, int inOff, double[] x, int xOff, Work w) {
        int half = n / 2;
        if (fast != null) {
            int[] freqAt = fast.freqAt;
            for (int p = 1; p < half; p++) {
                int k = freqAt[p];
                w.specR[p] = in[inOff + 2 * k];
                w.specI[p] = in[inOff + 2 * k + 1];
            }
            w.specR[0] = in[inOff];
            w.specI[0] = in[inOff + 2 * half];
            fast.fullToHalf(w.specR, w.specI, w.re, w.im);
            fast.cfft.inverse(w.re, w.im);
            fast.unpack(w.re, w.im, (double) (1.0 / n), x, xOff, n);
            return;
        }
        for (int k = 0; k < n; k++) {
            // conj of the Hermitian-extended spectrum: IDFT(X) = conj(DFT(conj X)) / n, real part only.
            if (k <= half) {
                w.re[k] = in[inOff + 2 * k];
                w.im[k] = -in[inOff + 2 * k + 1];
            } else {
                w.re[k] = in[inOff + 2 * (n - k)];
                w.im[k] = in[inOff + 2 * (n - k) + 1];
            }
        }
        w.im[0] = 0;
        if (n % 2 == 0) {
            w.im[half] = 0;
        }
        blue.dft(w.re, w.im, w.specR, w.specI, w.blueR, w.blueI);
        double inv = (double) (1.0 / n);
        for (int j = 0; j < n; j++) {
            x[xOff + j] = w.specR[j] * inv;
        }
    }
}
