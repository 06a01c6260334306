package ssm4j.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;
import ssm4j.api.ConvShape;
import ssm4j.api.Parallel;
import ssm4j.api.spi.ConvOps;
import ssm4j.conv.ref.JTransformsConvOps;

/** The JTransforms (scalar) tier against the direct convolution, plus its thread-pool discipline. */
class JTransformsConvOpsTest extends ConvOpsContract {
    @Override
    ConvOps create(Parallel p) {
        return new JTransformsConvOps(p);
    }

    @Override
    int fftLength(ConvShape s) {
        return JTransformsConvOps.fftLength(s);
    }

    @Test
    void jtransformsNeverStartsItsNonDaemonPool() {
        // n = 16384 is past JTransforms' default 2- and 4-thread thresholds (8192, 65536 complex/real mixes).
        ConvShape s = ConvShape.causal(1, 2, 8192);
        try (ConvOps ops = create(Parallel.of(1))) {
            float[] y = new float[2 * 8192];
            ops.fftConvK(s, new float[2 * 8192], new float[2 * 8192], null, y);
        }
        assertEquals(1, ConcurrencyUtils.getNumberOfThreads());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            // JLargeArrays' default factory names its threads pool-N-thread-M and makes them non-daemon.
            assertTrue(t.isDaemon() || !t.getName().startsWith("pool-"), "JTransforms pool thread alive: " + t);
        }
    }

    @Test
    void fftLengthIsEvenSmoothAndAtLeastLkPlusL() {
        assertEquals(600, fftLength(ConvShape.causal(1, 1, 300)));
        assertEquals(432, fftLength(new ConvShape(1, 1, 300, 1, 128, false))); // 428 = 4·107 → 432 = 2^4·3^3
        assertEquals(8192, fftLength(ConvShape.causal(1, 1, 4096)));
        assertEquals(2, fftLength(ConvShape.causal(1, 1, 1)));
    }
}
