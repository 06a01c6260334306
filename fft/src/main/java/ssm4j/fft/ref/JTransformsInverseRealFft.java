package ssm4j.fft.ref;

import org.jtransforms.fft.DoubleFFT_1D;

import ssm4j.fft.InverseRealFft;

/**
 * The scalar tier's inverse real FFT: JTransforms' {@code realInverse} with its scaling, after converting the
 * half spectrum to JTransforms' packed layout (the one place that does): {@code a[2k] = Re X_k},
 * {@code a[2k+1] = Im X_k} for {@code 0 < k < n/2}, {@code a[0] = Re X_0}, and {@code a[1] = Re X_{n/2}} (even n)
 * or {@code a[1] = Im X_{(n−1)/2}}, {@code a[n−1] = Re X_{(n−1)/2}} (odd n). One thread at a time.
 */
public final class JTransformsInverseRealFft implements InverseRealFft {
    private final int n;
    private final DoubleFFT_1D plan;
    private final double[] a;

    /** A plan and its work array for length {@code n ≥ 1}. */
    public JTransformsInverseRealFft(int n) {
        this.n = n;
        this.plan = new DoubleFFT_1D(n);
        this.a = new double[n];
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public void inverse(double[] half, int halfOff, double[] out, int outOff, int count) {
        a[0] = half[halfOff];
        if (n > 1) {
            int last = n / 2;                                        // the top bin: n/2 (even n) or (n−1)/2 (odd n)
            System.arraycopy(half, halfOff + 2, a, 2, 2 * (last - 1)); // bins 1 … last−1, both parts
            if ((n & 1) == 0) {
                a[1] = half[halfOff + 2 * last];
            } else {
                a[n - 1] = half[halfOff + 2 * last];
                a[1] = half[halfOff + 2 * last + 1];
            }
        }
        plan.realInverse(a, true);
        System.arraycopy(a, 0, out, outOff, count);
    }
}
