package ssm4j.scan.simd;

import java.util.SplittableRandom;

/**
 * Not a test: a measurement of the SSD's register-blocked product alone ({@link SsdMatMul}, the intra-chunk
 * products of SPEC 12.4) in GFLOP/s, for the issue-15 goal "≥ 50 % of the FMA peak" (compare with
 * {@code ../shared/anchors/run limits compute}, same sitting). Shape: M2a's C·S product, Q×N by N×P =
 * 64×128 by 128×64, accumulating; prints the best of 10 rounds of 2000 products. Run from the repository root:
 * {@code java --add-modules jdk.incubator.vector -cp scan/target/test-classes:scan/target/classes:api/target/classes
 * ssm4j.scan.simd.SsdMatMulRate}.
 */
public final class SsdMatMulRate {
    private SsdMatMulRate() {
    }

    /** Prints the best rate. */
    public static void main(String[] args) {
        int q = 64;
        int n = 128;
        int p = 64;
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[q * n];
        float[] b = new float[n * p];
        float[] c = new float[q * p];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble();
        }
        double best = 0;
        for (int round = 0; round < 10; round++) {
            int reps = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                SsdMatMul.mul(q, p, n, false, a, 0, n, b, 0, p, c, 0, p, true);
            }
            best = Math.max(best, 2.0 * q * n * p * reps / (System.nanoTime() - t0));
        }
        System.out.printf("SsdMatMul 64x128 by 128x64: best %.1f GFLOP/s (1 thread)%n", best);
    }
}
