package ssm4j.conv;

import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.conv.simd.VectorConvOps;

/** The vector tier (our own FFT, fused per row) against the direct convolution. */
class VectorConvOpsTest extends ConvOpsContract {
    @Override
    ConvOps create(Parallel p) {
        return new VectorConvOps(p, new ssm4j.conv.ref.JTransformsConvOps(p));
    }

    @Override
    int fftLength(ConvShape s) {
        return Math.max(VectorConvOps.fftLength32(s), VectorConvOps.fftLength64(s));
    }
}
