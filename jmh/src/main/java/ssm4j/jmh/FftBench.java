package ssm4j.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jtransforms.fft.FloatFFT_1D;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.fft.simd.FftPlan;
import ssm4j.fft.simd.FftScratch;

/**
 * One fp32 real transform pair (forward r2c then inverse c2r) of length n, single thread: our
 * {@link FftPlan} (natural-order spectrum, so it includes the bit-reversal reorder the convolution skips)
 * against JTransforms' {@code realForward}/{@code realInverse} (packed layout). Separates the transform from
 * the fusion measured by {@link FftConvBench}. Nominal work: 2.5·n·log2 n flops per pair.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FftBench extends SuiteDefaults {
    @Param({"1024", "8192", "65536"})
    int n;

    FftPlan plan;
    FftScratch scratch;
    FloatFFT_1D jt;
    float[] x;
    float[] spectrum;
    float[] back;
    float[] packed;

    /** Plans, scratch and a Gaussian signal; JTransforms kept single-threaded as in the scalar tier. */
    @Setup
    public void setup() {
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        plan = FftPlan.of(n);
        scratch = plan.newScratch();
        jt = new FloatFFT_1D(n);
        Random r = new Random(7);
        x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        spectrum = new float[plan.spectrumLength()];
        back = new float[n];
        packed = new float[n];
    }

    /** Our r2c then c2r (natural-order spectrum). */
    @Benchmark
    public float[] ours() {
        plan.realForward(x, 0, spectrum, 0, scratch);
        plan.realInverse(spectrum, 0, back, 0, scratch);
        return back;
    }

    /** JTransforms realForward then realInverse (scaled). */
    @Benchmark
    public float[] jtransforms() {
        System.arraycopy(x, 0, packed, 0, n);
        jt.realForward(packed);
        jt.realInverse(packed, true);
        return packed;
    }
}
