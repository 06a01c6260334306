package ssm4j.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inline fp32 logarithms for Vector API kernels: {@code log}, {@code log1p}, and the {@code logaddexp} step of
 * the log-space scan (SPEC 14.2), from range reduction and short series ({@code lanewise(LOG)} calls an
 * out-of-line stub). The exponential is {@link VecMath#exp} / {@link VecMath#expNonPositive}. Loaded only by the
 * vector tier (it names Vector API types).
 *
 * <p>Accuracy (fp32, measured against {@link Math} in {@code VecLogExpTest} over the whole positive float range,
 * subnormals included): {@code log} ≤ 3 ulp; {@code log1p} ≤ 4 ulp for x &gt; −1; {@code log1pUnit} ≤ 3 ulp
 * on [0, 1]; {@code logAddExp} ≤ 3 ulp of max(|result|, |max(x, y)|, ½) (a result near 0 is a cancelling sum of
 * terms of that size). Specials: log(0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞,
 * log1p(−1) = −∞, log1p(x &lt; −1) = NaN; NaN in, NaN out; logAddExp(−∞, −∞) = −∞ (two zero terms).
 *
 * <p>All methods are pure functions of their arguments; thread-safe.
 */
public final class VecLogExp {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final float LN2_HI = 0.693145751953125f;        // 12 significant bits: k·LN2_HI exact
    private static final float LN2_LO = 1.428606765330187e-06f;
    private static final float SQRT2 = 1.41421356f;
    private static final float TWO23 = 8388608f;                   // 2^23: lifts a subnormal into the normals

    private VecLogExp() {
    }

    /**
     * log(1 + e) for e ∈ [0, 1] (the logaddexp correction): {@code 2·atanh(s)}, {@code s = e/(2+e) ≤ 1/3}, by the
     * odd series to s^13 (truncation below 1.5e-8 relative). Exact 0 at e = 0.
     */
    public static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        return twoAtanh(s, s.mul(s), 13);
    }

    /** 2·atanh(s) = 2s·Σ_{j} s^{2j}/(2j+1), odd powers up to {@code maxPow}; s2 = s². */
    private static FloatVector twoAtanh(FloatVector s, FloatVector s2, int maxPow) {
        FloatVector q = FloatVector.broadcast(F, 1f / maxPow);
        for (int p = maxPow - 2; p >= 1; p -= 2) {
            q = q.fma(s2, FloatVector.broadcast(F, 1f / p));
        }
        return s.add(s).mul(q);
    }

    /**
     * Natural logarithm per lane. x = 2^k·m with m ∈ [√½, √2) (subnormals scaled by 2^23 first),
     * {@code log m = 2·atanh((m−1)/(m+1))}, |s| ≤ 0.172, series to s^9; {@code k·ln2} in two parts.
     */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> sub = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO23), sub);
        FloatVector m = xs.reinterpretAsInts().and(0x007fffff).or(0x3f800000).reinterpretAsFloats();   // [1, 2)
        FloatVector k = (FloatVector) xs.reinterpretAsInts().lanewise(VectorOperators.LSHR, 23)
                .convert(VectorOperators.I2F, 0);
        k = k.sub(127f).sub(FloatVector.broadcast(F, 23f), sub);
        VectorMask<Float> big = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5f), big);
        k = k.add(FloatVector.broadcast(F, 1f), big);
        FloatVector f = m.sub(1f);                                 // exact (Sterbenz), in [−0.293, 0.414]
        FloatVector s = f.div(f.add(2f));
        FloatVector r = k.fma(FloatVector.broadcast(F, LN2_HI),
                k.fma(FloatVector.broadcast(F, LN2_LO), twoAtanh(s, s.mul(s), 9)));
        // specials: 0 → −∞ (also −0), negative or NaN → NaN, +∞ → +∞
        r = r.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        r = r.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
        return r.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }

    /**
     * log(1 + x) per lane: {@code log(u) + (x − (u − 1))/u} with u = 1 + x rounded, the correction restoring
     * what the rounding of 1 + x lost (Goldberg), so small x keep full relative accuracy.
     */
    public static FloatVector log1p(FloatVector x) {
        FloatVector u = x.add(1f);
        FloatVector lu = log(u);
        FloatVector r = lu.add(x.sub(u.sub(1f)).div(u));
        // u = 0 (x = −1) or u = +∞: the correction is 0/0 or ∞/∞; log(u) is the answer
        VectorMask<Float> edge = u.compare(VectorOperators.EQ, 0f)
                .or(u.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return r.blend(lu, edge);
    }

    /**
     * logaddexp(x, y) = log(e^x + e^y) per lane: {@code max + log1p(e^{−|x−y|})}, never over- or underflowing;
     * −∞ when both are −∞, NaN when either is NaN.
     */
    public static FloatVector logAddExp(FloatVector x, FloatVector y) {
        FloatVector m = x.max(y);
        FloatVector d = x.sub(y).abs().neg();
        FloatVector r = m.add(log1pUnit(VecMath.expNonPositive(d)));
        return r.blend(m, m.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
    }
}
