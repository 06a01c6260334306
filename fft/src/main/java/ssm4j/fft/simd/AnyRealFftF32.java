package ssm4j.fft.simd;

/**
 * fp32 real FFT of any length n in natural order (the engine behind {@link FftPlan}): power-of-two lengths
 * with a complex half of at least one vector use {@link Pow2RealFftF32} and then reorder the bit-reversed spectrum;
 * every other length uses {@link BluesteinF32}. Immutable and thread-safe; scratch from {@link #newScratch()}.
 */
final class AnyRealFftF32 {
    final int n;
    private final Pow2RealFftF32 fast;
    private final BluesteinF32 blue;

    AnyRealFftF32(int n) {
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1 && n >= Pow2RealFftF32.minLength();
        this.fast = pow2 ? new Pow2RealFftF32(n) : null;
        this.blue = pow2 ? null : new BluesteinF32(n);
    }

    /** Per-thread scratch arrays for this length. */
    float[][] newScratch() {
        if (fast != null) {
            int m = n / 2;
            return new float[][] {new float[m], new float[m], new float[m], new float[m]};
        }
        return new float[][] {new float[n], new float[n], new float[n], new float[n], new float[blue.p],
            new float[blue.p]};
    }

    /** Bins 0 … ⌊n/2⌋ of the DFT (exponent −2πi) of {@code x[xOff, xOff+n)}, interleaved at out[outOff]. */
    void forward(float[] x, int xOff, float[] out, int outOff, float[][] sc) {
        int half = n / 2;
        if (fast != null) {
            float[] zr = sc[0];
            float[] zi = sc[1];
            float[] tr = sc[2];
            float[] ti = sc[3];
            fast.pack(x, xOff, n, zr, zi);
            fast.cfft.forward(zr, zi);
            fast.halfToFull(zr, zi, 0.5f, tr, ti, 0);
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
        float[] ar = sc[0];
        float[] ai = sc[1];
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
    void inverse(float[] in, int inOff, float[] x, int xOff, float[][] sc) {
        int half = n / 2;
        if (fast != null) {
            float[] yr = sc[2];
            float[] yi = sc[3];
            float[] zr = sc[0];
            float[] zi = sc[1];
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
            fast.unpack(zr, zi, (float) (1.0 / n), x, xOff, n);
            return;
        }
        float[] ar = sc[0];
        float[] ai = sc[1];
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
        float inv = (float) (1.0 / n);
        for (int j = 0; j < n; j++) {
            x[xOff + j] = sc[2][j] * inv;
        }
    }
}
