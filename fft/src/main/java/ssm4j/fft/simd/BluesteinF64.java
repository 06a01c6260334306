// GENERATED from fft/src/main/java/ssm4j/fft/simd/BluesteinF32.java by tools/GenerateTwins.java: do not edit
package ssm4j.fft.simd;

/**
 * fp64 complex DFT of any length n by Bluestein's chirp-z algorithm: {@code jk = (j² + k² − (k−j)²)/2} turns
 * the DFT into {@code X_k = conj(c_k)·Σ_j (x_j·conj(c_j))·c_{k−j}} with {@code c_j = exp(iπ·j²/n)}, a
 * convolution done with the power-of-two FFT of length {@code P ≥ 2n − 1} ({@link CfftF64}); the convolution
 * never leaves bit-reversed order. Chirps use {@code j² mod 2n} so their angles are exact. Exact to rounding
 * (error grows like log P, not n). Immutable and thread-safe; scratch is passed in.
 */
final class BluesteinF64 {
    final int n;
    final int p;
    private final CfftF64 cfft;
    private final double[] chirpR;
    private final double[] chirpI;
    /** FFT of the chirp filter b, divided by P, bit-reversed order. */
    private final double[] filterR;
    private final double[] filterI;

    BluesteinF64(int n) {
        this.n = n;
        int size = CfftF64.VL;
        while (size < 2 * n - 1) {
            size *= 2;
        }
        this.p = size;
        this.cfft = new CfftF64(new Stages(p, CfftF64.VL));
        chirpR = new double[n];
        chirpI = new double[n];
        filterR = new double[p];
        filterI = new double[p];
        for (int j = 0; j < n; j++) {
            double a = Math.PI * ((long) j * j % (2L * n)) / n;
            chirpR[j] = (double) Math.cos(a);
            chirpI[j] = (double) Math.sin(a);
            filterR[j] = chirpR[j];
            filterI[j] = chirpI[j];
            if (j > 0) {
                filterR[p - j] = chirpR[j];
                filterI[p - j] = chirpI[j];
            }
        }
        cfft.forward(filterR, filterI);
        for (int i = 0; i < p; i++) {
            filterR[i] /= p;
            filterI[i] /= p;
        }
    }

    /** DFT (exponent −2πi) of {@code (inR, inI)[0, n)} into {@code (outR, outI)[0, n)}; {@code sr, si} length P. */
    void dft(double[] inR, double[] inI, double[] outR, double[] outI, double[] sr, double[] si) {
        for (int j = 0; j < n; j++) {
            double cr = chirpR[j];
            double ci = chirpI[j];
            sr[j] = inR[j] * cr + inI[j] * ci;       // x·conj(c)
            si[j] = inI[j] * cr - inR[j] * ci;
        }
        java.util.Arrays.fill(sr, n, p, 0);
        java.util.Arrays.fill(si, n, p, 0);
        cfft.forward(sr, si);
        for (int i = 0; i < p; i++) {
            double ar = sr[i];
            double ai = si[i];
            sr[i] = ar * filterR[i] - ai * filterI[i];
            si[i] = ar * filterI[i] + ai * filterR[i];
        }
        cfft.inverse(sr, si);
        for (int k = 0; k < n; k++) {
            double cr = chirpR[k];
            double ci = chirpI[k];
            outR[k] = sr[k] * cr + si[k] * ci;       // conj(c)·(a ⊛ b)
            outI[k] = si[k] * cr - sr[k] * ci;
        }
    }
}
