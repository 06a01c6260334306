package ssm4j.blocks.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.Backends;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;

/** {@link ReferenceOps#mambaChunkScanCombined}: the same numbers as the kernel call it wraps; shapes named. */
class ReferenceOpsSsdTest {
    private static Tensor rand(SplittableRandom r, double lo, double hi, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.wrap(v, shape);
    }

    @Test
    void matchesKernelCallInBothPrecisions() {
        SsmKernel k = Backends.byName("scalar", 1);
        ReferenceOps ops = new ReferenceOps(k);
        SplittableRandom r = new SplittableRandom(3);
        int b = 2;
        int l = 21;
        int h = 4;
        int p = 3;
        int g = 2;
        int n = 5;
        Tensor x = rand(r, -1, 1, b, l, h, p);
        Tensor dt = rand(r, -2, 0.5, b, l, h);
        Tensor a = rand(r, -3, -0.1, h);
        Tensor bm = rand(r, -1, 1, b, l, g, n);
        Tensor cm = rand(r, -1, 1, b, l, g, n);
        Tensor d = rand(r, -1, 1, h, p);
        Tensor z = rand(r, -1, 1, b, l, h, p);
        Tensor bias = rand(r, -1, 1, h);
        Tensor init = rand(r, -1, 1, b, h, p, n);
        ReferenceOps.SsdResult res = ops.mambaChunkScanCombined(x, dt, a, bm, cm, 8, d, z, bias, init, null, true,
                0.01, 0.5, true);
        SsdScanShape s = SsdScanShape.of(b, l, h, p, g, n, 8).withDtSoftplus(true).withDtLimit(0.01, 0.5)
                .withDPerHeaddim(true);
        double[] y = new double[(int) s.seqSize()];
        double[] fin = new double[(int) s.stateSize()];
        k.ssdScan(s, x.doubles(), dt.doubles(), a.doubles(), bm.doubles(), cm.doubles(), d.doubles(), z.doubles(),
                bias.doubles(), init.doubles(), y, fin, null, null);
        assertArrayEquals(y, res.out().doubles(), 0);
        assertArrayEquals(fin, res.finalStates().doubles(), 0);
        assertArrayEquals(new int[] {b, l, h, p}, res.out().shape());
        // the defaults have no softplus: the steps must be >= 0
        Tensor y32 = ops.mambaChunkScanCombined(x.asF32(), rand(r, 0, 0.5, b, l, h).asF32(), a.asF32(), bm.asF32(),
                cm.asF32(), 8);
        assertTrue(!y32.isDouble() && y32.size() == y.length);
    }

    @Test
    void badShapesAreNamed() {
        ReferenceOps ops = new ReferenceOps(Backends.byName("scalar", 1));
        SplittableRandom r = new SplittableRandom(4);
        Tensor x = rand(r, -1, 1, 1, 6, 2, 3);
        Tensor dt = rand(r, 0, 1, 1, 6, 2);
        Tensor a = rand(r, -1, 0, 2);
        Tensor bm = rand(r, -1, 1, 1, 6, 1, 4);
        named("dt", () -> ops.mambaChunkScanCombined(x, rand(r, 0, 1, 1, 5, 2), a, bm, bm, 4));
        named("A", () -> ops.mambaChunkScanCombined(x, dt, rand(r, -1, 0, 3), bm, bm, 4));
        named("C", () -> ops.mambaChunkScanCombined(x, dt, a, bm, rand(r, -1, 1, 1, 6, 1, 5), 4));
        named("x", () -> ops.mambaChunkScanCombined(rand(r, -1, 1, 6, 2, 3), dt, a, bm, bm, 4));
        named("chunkSize", () -> ops.mambaChunkScanCombined(x, dt, a, bm, bm, 0));
    }

    private static void named(String name, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name), "message should name '" + name + "': " + e.getMessage());
    }
}
