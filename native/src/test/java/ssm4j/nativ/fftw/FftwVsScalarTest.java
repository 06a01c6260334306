package ssm4j.nativ.fftw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;
import ssm4j.nativ.DirectConv;

/**
 * The native (FFTW) convolution against the scalar tier (JTransforms, the reference oracle), fp32 and fp64, on
 * the awkward shapes of {@link FftwConvOpsTest}. Both are FFT convolutions of their own length, each within
 * {@link FftwConvOpsTest#bound} of the exact result, so they differ by at most twice that bound.
 */
class FftwVsScalarTest {

    static java.util.List<ConvShape> shapes() {
        return FftwConvOpsTest.shapes();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void nativeMatchesScalarTier(ConvShape s) {
        SsmKernel fftw = FftwConvOpsTest.nativeBackend(2);
        SsmKernel scalar = Backends.byName("scalar", 1);
        SplittableRandom r = new SplittableRandom(99 + s.hashCode());
        float[] x = FftwConvOpsTest.random(r, s.batch() * s.h() * s.length());
        float[] k = FftwConvOpsTest.random(r, s.kernelRows() * s.h() * s.kernelLength());
        float[] d = FftwConvOpsTest.random(r, s.channels() * s.h());
        int ySize = s.batch() * s.channels() * s.h() * s.length();
        float[] y1 = new float[ySize];
        float[] y2 = new float[ySize];
        fftw.fftConv(s, x, k, d, y1);
        scalar.fftConv(s, x, k, d, y2);
        double[] xd = DirectConv.widen(x);
        double[] kd = DirectConv.widen(k);
        double[] dd = DirectConv.widen(d);
        double tol32 = 2 * FftwConvOpsTest.bound(s, xd, kd, dd, Math.ulp(1.0f) / 2);
        double[] z1 = new double[ySize];
        double[] z2 = new double[ySize];
        fftw.fftConv(s, xd, kd, dd, z1);
        scalar.fftConv(s, xd, kd, dd, z2);
        double tol64 = 2 * FftwConvOpsTest.bound(s, xd, kd, dd, Math.ulp(1.0) / 2);
        for (int i = 0; i < ySize; i++) {
            assertTrue(Math.abs(y1[i] - y2[i]) <= tol32, s + " fp32 y[" + i + "] " + y1[i] + " vs scalar " + y2[i]);
            assertTrue(Math.abs(z1[i] - z2[i]) <= tol64, s + " fp64 y[" + i + "] " + z1[i] + " vs scalar " + z2[i]);
        }
    }
}
