package ssm4j.fft.simd;

import ssm4j.fft.InverseRealFft;

/**
 * The vector tiers' inverse real FFT: {@link FftPlan}'s fp64 transform (radix-2² split-array FFT for powers of two,
 * Bluestein on it for other lengths), with this instance's own scratch. Loaded by name from
 * {@link ssm4j.fft.RealFfts}, never referenced by the scalar tier. One thread at a time.
 */
public final class VectorInverseRealFft implements InverseRealFft {
    private final FftPlan plan;
    private final FftScratch scratch;
    private final double[] full;

    /** The shared plan of length {@code n ≥ 1} and scratch for this instance. */
    public VectorInverseRealFft(int n) {
        this.plan = FftPlan.of(n);
        this.scratch = plan.newScratch();
        this.full = new double[n];
    }

    @Override
    public int length() {
        return plan.length();
    }

    @Override
    public void inverse(double[] half, int halfOff, double[] out, int outOff, int count) {
        if (count == full.length) {
            plan.realInverse(half, halfOff, out, outOff, scratch);
            return;
        }
        plan.realInverse(half, halfOff, full, 0, scratch);
        System.arraycopy(full, 0, out, outOff, count);
    }
}
