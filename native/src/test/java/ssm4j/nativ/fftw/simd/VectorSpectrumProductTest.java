package ssm4j.nativ.fftw.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.nativ.fftw.ScalarSpectrumProduct;
import ssm4j.nativ.fftw.SpectrumProduct;

/**
 * Both spectrum products against the complex product evaluated in double, for every count 1..70 (vector body
 * plus every tail length) and a nonzero offset into b, with guard values after prod that must survive. Bound per
 * component: two products and one sum (or one FMA) in the working precision, ≤ 2·eps·(|ar·br| + |ai·bi|).
 */
class VectorSpectrumProductTest {

    @Test
    void bothProductsMatchDoubleFormula() {
        SpectrumProduct[] impls = {new ScalarSpectrumProduct(), new VectorSpectrumProduct(), SpectrumProduct.best()};
        assertTrue(SpectrumProduct.best() instanceof VectorSpectrumProduct, "tests run with jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(11);
        try (Arena arena = Arena.ofConfined()) {
            for (int count = 1; count <= 70; count++) {
                int off = 6;
                MemorySegment a = arena.allocate(8L * 2 * count, 64);
                MemorySegment b = arena.allocate(8L * (2 * count + off), 64);
                MemorySegment p = arena.allocate(8L * (2 * count + 2), 64);
                MemorySegment a64 = arena.allocate(8L * 2 * count, 64);
                MemorySegment b64 = arena.allocate(8L * (2 * count + off), 64);
                for (int i = 0; i < 2 * count; i++) {
                    float v = (float) (r.nextDouble() * 2 - 1);
                    a.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
                    a64.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
                }
                for (int i = 0; i < 2 * count + off; i++) {
                    float v = (float) (r.nextDouble() * 2 - 1);
                    b.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
                    b64.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
                }
                for (SpectrumProduct impl : impls) {
                    p.fill((byte) 0);
                    p.setAtIndex(ValueLayout.JAVA_FLOAT, 2 * count, Float.NaN);
                    impl.multiply(a, b, off, p, count);
                    check(impl + " fp32 count " + count, a64, b64, off, count, p, false);
                    assertTrue(Float.isNaN(p.getAtIndex(ValueLayout.JAVA_FLOAT, 2 * count)), "guard overwritten");
                    p.fill((byte) 0);
                    p.setAtIndex(ValueLayout.JAVA_DOUBLE, 2 * count, Double.NaN);
                    impl.multiply64(a64, b64, off, p, count);
                    check(impl + " fp64 count " + count, a64, b64, off, count, p, true);
                    assertTrue(Double.isNaN(p.getAtIndex(ValueLayout.JAVA_DOUBLE, 2 * count)), "guard overwritten");
                }
            }
        }
    }

    private static void check(String what, MemorySegment a, MemorySegment b, int off, int count, MemorySegment p,
                              boolean dbl) {
        double eps = dbl ? Math.ulp(1.0) : Math.ulp(1.0f);
        for (int k = 0; k < count; k++) {
            double ar = a.getAtIndex(ValueLayout.JAVA_DOUBLE, 2 * k);
            double ai = a.getAtIndex(ValueLayout.JAVA_DOUBLE, 2 * k + 1);
            double br = b.getAtIndex(ValueLayout.JAVA_DOUBLE, off + 2 * k);
            double bi = b.getAtIndex(ValueLayout.JAVA_DOUBLE, off + 2 * k + 1);
            double gr = dbl ? p.getAtIndex(ValueLayout.JAVA_DOUBLE, 2 * k) : p.getAtIndex(ValueLayout.JAVA_FLOAT, 2 * k);
            double gi = dbl ? p.getAtIndex(ValueLayout.JAVA_DOUBLE, 2 * k + 1)
                    : p.getAtIndex(ValueLayout.JAVA_FLOAT, 2 * k + 1);
            double tr = 2 * eps * (Math.abs(ar * br) + Math.abs(ai * bi));
            double ti = 2 * eps * (Math.abs(ar * bi) + Math.abs(ai * br));
            assertTrue(Math.abs(gr - (ar * br - ai * bi)) <= tr, what + " re[" + k + "]");
            assertTrue(Math.abs(gi - (ar * bi + ai * br)) <= ti, what + " im[" + k + "]");
        }
    }
}
