package ssm4j.kernels.s4d;

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
 * Issue 17 item 11: the vector fp32 S4D kernel at L ≥ 2048 against the fp64 path, element by element. The kernel is
 * a direct sum {@code K[t] = 2·Re Σ_n v_n·e^{x_n t}}; in fp32 each term carries the rounding of v and x (the latter
 * grows with the exponent, |x|·t) and the sum's own, so the allowed error at t is
 * {@code 4·ε·(2 + N' + max|x|·t)·S[t]} with {@code S[t] = Σ_n 2|v_n|·e^{Re(x_n)·t}} (the sum of the terms'
 * magnitudes). The systems decay by 1e-3 to 1e-12 over L, and {@link WindowedError#assertSharp} checks that this
 * bound stays below 1 % of the 64-sample window maximum everywhere: the tail is checked as closely as the head.
 */
class S4dFp32AtLengthTest {
    @ParameterizedTest
    @CsvSource({"2048, 32, 1e-3", "4096, 32, 1e-12", "4096, 17, 1e-6", "2049, 1, 1e-3"})
    void vectorFp32KernelHoldsItsAccuracyOverTheWholeLength(int l, int n, double decay) {
        SsmKernel vec = Fp32AtLength.vectorOrSkip();
        SplittableRandom rnd = new SplittableRandom(l + n);
        double[] logDt = new double[H];
        java.util.Arrays.fill(logDt, Math.log(DT));
        double[] logAr = new double[H * n];
        double[] aIm = new double[H * n];
        double[] c = new double[2 * H * n];
        double rate = -Math.log(decay) / (DT * l); // the slowest pole decays by `decay` over L
        for (int j = 0; j < H * n; j++) {
            logAr[j] = Math.log(rate * (1 + rnd.nextDouble()));
            aIm[j] = Math.PI * (j % n);             // S4D-Lin imaginary parts
            c[2 * j] = rnd.nextGaussian();
            c[2 * j + 1] = rnd.nextGaussian();
        }
        S4dKernel k = S4dKernel.standalone(H, n, logDt, logAr, aIm, c);
        double[] k64 = new double[H * l];
        float[] k32 = new float[H * l];
        k.kernel(vec, l, k64, 0);
        k.kernel(vec, l, k32, 0);
        // the bound, from the fp64 tables: v = C·B̄ (B = 1), x = DT·A
        double[] dB = k.dB();
        double[] allowed = new double[H * l];
        for (int i = 0; i < H; i++) {
            double maxX = 0;
            for (int m = 0; m < n; m++) {
                int j = i * n + m;
                maxX = Math.max(maxX, Math.hypot(DT * Math.exp(logAr[j]), DT * aIm[j]));
            }
            for (int t = 0; t < l; t++) {
                double s = 0;
                for (int m = 0; m < n; m++) {
                    int j = i * n + m;
                    double vAbs = Math.hypot(c[2 * j], c[2 * j + 1]) * Math.hypot(dB[2 * j], dB[2 * j + 1]);
                    s += 2 * vAbs * Math.exp(-DT * Math.exp(logAr[j]) * t);
                }
                allowed[i * l + t] = 4 * EPS * (2 + n + maxX * t) * s;
            }
        }
        String what = "S4D L=" + l + " N'=" + n + " decay " + decay;
        WindowedError.assertWithin(what, k64, k32, allowed, H, l, 0.01);
    }
}
