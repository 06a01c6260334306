package ssm4j.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ssm4j.api.ConvShape;

/** Seeded inputs and the awkward shapes the convolution tests sweep (common brief: L, H, Lk, Cn, bidirectional). */
final class ConvTestData {
    private ConvTestData() {
    }

    static final int[] LENGTHS = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4097};

    /** Shapes: every L with a full kernel, a short kernel, H ∈ {1,3}, causal and bidirectional, Cn ∈ {1,2}. */
    static List<ConvShape> shapes() {
        List<ConvShape> out = new ArrayList<>();
        int i = 0;
        for (int len : LENGTHS) {
            for (boolean bidir : new boolean[] {false, true}) {
                int h = (i++ % 2 == 0) ? 1 : 3;
                int cn = (len % 2 == 0) ? 2 : 1;
                out.add(new ConvShape(2, h, len, cn, len, bidir));
                int shortK = Math.max(1, len / 3);
                out.add(new ConvShape(1, 3 - h / 3, len, 1, shortK, bidir)); // kernel shorter than the input
            }
        }
        return out;
    }

    /** The arrays of one convolution call: x (B,H,L), k (Cn',H,Lk) and d (Cn,H) or null. */
    record Inputs(double[] x, double[] k, double[] d) {
        /** x, k and d rounded to float ({@code d} may be null). */
        float[][] floats() {
            return new float[][] {toFloats(x), toFloats(k), d == null ? null : toFloats(d)};
        }
    }

    /**
     * Seeded inputs for {@code s}, uniform in [-1, 1): x from {@code seed}, k from {@code seed + step}, d from
     * {@code seed + 2·step} (or null without {@code withD}); {@code floatValued} rounds them to float values.
     */
    static Inputs inputs(ConvShape s, long seed, long step, boolean withD, boolean floatValued) {
        int xSize = s.batch() * s.h() * s.length();
        int kSize = s.kernelRows() * s.h() * s.kernelLength();
        int dSize = s.channels() * s.h();
        if (floatValued) {
            return new Inputs(uniformFloatValued(seed, xSize), uniformFloatValued(seed + step, kSize),
                    withD ? uniformFloatValued(seed + 2 * step, dSize) : null);
        }
        return new Inputs(uniform(seed, xSize), uniform(seed + step, kSize),
                withD ? uniform(seed + 2 * step, dSize) : null);
    }

    static double[] uniform(long seed, int size) {
        Random r = new Random(seed);
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    /** Values rounded to float, so fp32 and fp64 runs see the same inputs. */
    static double[] uniformFloatValued(long seed, int size) {
        double[] a = uniform(seed, size);
        for (int i = 0; i < size; i++) {
            a[i] = (float) a[i];
        }
        return a;
    }

    static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
