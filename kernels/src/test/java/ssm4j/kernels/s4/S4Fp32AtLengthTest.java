package ssm4j.kernels.s4;

import static ssm4j.kernels.Fp32AtLength.DT;
import static ssm4j.kernels.Fp32AtLength.EPS;
import static ssm4j.kernels.Fp32AtLength.H;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ssm4j.api.SsmKernel;
import ssm4j.kernels.Fp32AtLength;
import ssm4j.kernels.WindowedError;

/**
 * Issue 17 item 11: the vector fp32 S4 (DPLR) kernel at L ≥ 2048 against the fp64 path, element by element. The
 * kernel comes from fp32 Cauchy sums at the FFT nodes and an inverse FFT, so its error is spread evenly over t: the
 * project's FFT error model ({@code FftwConvOpsTest.bound}: a few roundings per level) gives
 * {@code 8·ε·(log2 Lk + 1)·max|K|} for every element. The systems decay by 1e-2 over L, where that bound is below
 * 5 % of the 64-sample window maximum everywhere ({@link WindowedError#assertSharp}), so the tail is checked and a
 * zeroed tail fails.
 */
class S4Fp32AtLengthTest {
    @ParameterizedTest
    @CsvSource({"2048, 32, 1", "4096, 32, 1", "4096, 17, 2", "2049, 16, 1"})
    void vectorFp32KernelHoldsItsAccuracyOverTheWholeLength(int l, int n, int rank) {
        SsmKernel vec = Fp32AtLength.vectorOrSkip();
        double decay = 1e-2;
        SplittableRandom rnd = new SplittableRandom(l + n + rank);
        double[] dts = new double[H];
        java.util.Arrays.fill(dts, DT);
        double[] lambda = new double[2 * H * n];
        double[] p = new double[2 * rank * H * n];
        double[] b = new double[2 * H * n];
        double rate = -Math.log(decay) / (DT * l);
        for (int j = 0; j < H * n; j++) {
            lambda[2 * j] = -rate * (1 + rnd.nextDouble());
            lambda[2 * j + 1] = 0.5 * Math.PI * (j % n);
            b[2 * j] = rnd.nextGaussian();
            b[2 * j + 1] = rnd.nextGaussian();
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = 0.01 * rnd.nextGaussian(); // a small low-rank part keeps the system stable
        }
        DplrSystem sys = new DplrSystem(H, n, rank, dts, lambda, p, b);
        double[] c = DplrTestSystems.normal(rnd, 2 * H * n);
        S4Kernel k = S4Kernel.fromC(sys, 1, c, l);
        double[] k64 = new double[H * l];
        float[] k32 = new float[H * l];
        k.kernel(vec, l, k64, 0);
        k.kernel(vec, l, k32, 0);
        double[] allowed = new double[H * l];
        double levels = Math.log(k.lKernel()) / Math.log(2) + 1;
        for (int i = 0; i < H; i++) {
            double max = 0;
            for (int t = 0; t < l; t++) {
                max = Math.max(max, Math.abs(k64[i * l + t]));
            }
            java.util.Arrays.fill(allowed, i * l, (i + 1) * l, 8 * EPS * levels * max);
        }
        String what = "S4 L=" + l + " N'=" + n + " rank " + rank;
        WindowedError.assertWithin(what, k64, k32, allowed, H, l, 0.05);
    }
}
