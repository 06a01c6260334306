package ssm4j.blocks.rows.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import ssm4j.api.simd.VecMath;
import ssm4j.blocks.rows.RowOps;
import ssm4j.blocks.rows.ScalarRowOps;

/**
 * Vector API {@link RowOps}: lanes run along time, the W conv taps are broadcast, exp is {@link VecMath}'s inline
 * polynomial (≤ 4 ulp). The first W−1 steps of a conv row (which see x before 0) and the tails run the scalar tier.
 * Loaded only by {@link RowOps#of} when {@code jdk.incubator.vector} is present. Stateless, thread-safe.
 */
public final class VectorRowOps implements RowOps {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final VectorSpecies<Double> D = VecMath.D;
    private static final ScalarRowOps SCALAR = ScalarRowOps.INSTANCE;

    /** Public no-arg constructor for {@link RowOps#of}. */
    public VectorRowOps() {
    }

    @Override
    public void convSilu(float[] x, float[] u, int off, int len, float[] w, int wOff, int width, float bias) {
        int head = Math.min(len, width - 1);
        SCALAR.convSilu(x, u, off, head, w, wOff, width, bias);
        int t = head;
        // from t = W−1 on every tap reads inside the row: c(t..t+lanes) = bias + Σ_k w_k·x(t−W+1+k ..)
        for (int bound = head + F.loopBound(len - head); t < bound; t += F.length()) {
            FloatVector c = FloatVector.broadcast(F, bias);
            int base = off + t - width + 1;
            for (int k = 0; k < width; k++) {
                c = FloatVector.fromArray(F, x, base + k).fma(FloatVector.broadcast(F, w[wOff + k]), c);
            }
            VecMath.silu(c).intoArray(u, off + t);
        }
        for (; t < len; t++) {
            float c = bias;
            for (int k = 0; k < width; k++) {
                c += w[wOff + k] * x[off + t - width + 1 + k];
            }
            u[off + t] = c / (1f + (float) Math.exp(-c));
        }
    }

    @Override
    public void convSilu(double[] x, double[] u, int off, int len, double[] w, int wOff, int width, double bias) {
        int head = Math.min(len, width - 1);
        SCALAR.convSilu(x, u, off, head, w, wOff, width, bias);
        int t = head;
        for (int bound = head + D.loopBound(len - head); t < bound; t += D.length()) {
            DoubleVector c = DoubleVector.broadcast(D, bias);
            int base = off + t - width + 1;
            for (int k = 0; k < width; k++) {
                c = DoubleVector.fromArray(D, x, base + k).fma(DoubleVector.broadcast(D, w[wOff + k]), c);
            }
            VecMath.silu(c).intoArray(u, off + t);
        }
        for (; t < len; t++) {
            double c = bias;
            for (int k = 0; k < width; k++) {
                c += w[wOff + k] * x[off + t - width + 1 + k];
            }
            u[off + t] = c / (1.0 + Math.exp(-c));
        }
    }

    @Override
    public void glu(float[] z, int aOff, int gOff, float ca, float cg, float[] y, int yOff, int len) {
        int t = 0;
        for (int bound = F.loopBound(len); t < bound; t += F.length()) {
            FloatVector a = FloatVector.fromArray(F, z, aOff + t).add(ca);
            FloatVector g = FloatVector.fromArray(F, z, gOff + t).add(cg);
            // a·sigmoid(g) = a / (1 + e^{−g}); e^{−g} = +∞ for very negative g gives a/∞ = 0 as it should
            a.div(VecMath.exp(g.neg()).add(1f)).intoArray(y, yOff + t);
        }
        SCALAR.glu(z, aOff + t, gOff + t, ca, cg, y, yOff + t, len - t);
    }

    @Override
    public void glu(double[] z, int aOff, int gOff, double ca, double cg, double[] y, int yOff, int len) {
        int t = 0;
        for (int bound = D.loopBound(len); t < bound; t += D.length()) {
            DoubleVector a = DoubleVector.fromArray(D, z, aOff + t).add(ca);
            DoubleVector g = DoubleVector.fromArray(D, z, gOff + t).add(cg);
            a.div(VecMath.exp(g.neg()).add(1.0)).intoArray(y, yOff + t);
        }
        SCALAR.glu(z, aOff + t, gOff + t, ca, cg, y, yOff + t, len - t);
    }
}
