package ssm4j.api.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inline elementary functions for Vector API kernels: {@code exp}, {@code softplus}, {@code silu} in fp32 and
 * fp64, built from range reduction and a short polynomial ({@code lanewise(EXP)} calls an out-of-line stub and is
 * about half as fast, STYLE.md section 3). Loaded only by the vector tier (it names Vector API types).
 *
 * <p>{@code exp} (fp32): {@code x = k·ln2 + r}, {@code k = round(x·log2 e)}, {@code |r| ≤ ln2/2}, {@code e^r} by
 * its degree-7 Taylor polynomial (truncation ≤ 5e-9 relative), {@code 2^k} put into the exponent bits. Measured
 * bound (tested over the whole finite range in {@code VecMathTest}): relative error ≤ 4 ulp for
 * {@code −87.3 ≤ x ≤ 88.3}; where e^x is subnormal (x &lt; −87.33) the absolute error is below 2^-126 and the
 * result is exactly 0 for {@code x ≤ −88.03} (also for −∞); above {@code 88.38} (127.5·ln2) (within a factor 1.4 of
 * {@code Float.MAX_VALUE}) the result is {@code +∞}; NaN gives NaN. {@code exp} (fp64): the same with a
 * degree-13 polynomial and the fp64 exponent, relative error ≤ 4 ulp for {@code −708 ≤ x ≤ 709}, exactly 0 for
 * {@code x ≤ −708.8}, {@code +∞} above {@code 709.44} (1023.5·ln2).
 *
 * {@code silu(z)} inherits the early overflow: for z &lt; −88.38 it returns −0 where the true value is above
 * −4e-37.
 *
 * <p>All methods are pure functions of their arguments; thread-safe.
 */
public final class VecMath {
    /** The float species every ssm4j vector kernel uses: {@link Species#F} (width chosen there). */
    public static final VectorSpecies<Float> F = Species.F;
    /** Ints of the same bit size as {@link #F} (same lane count): {@link Species#I}. */
    public static final VectorSpecies<Integer> I = Species.I;
    /** The double species: {@link Species#D}. */
    public static final VectorSpecies<Double> D = Species.D;
    /** Longs of the same bit size as {@link #D}: {@link Species#L}. */
    public static final VectorSpecies<Long> LL = Species.L;

    private static final float LOG2E_F = 1.44269504088896341f;
    private static final float LN2_HI_F = 0.693145751953125f;       // 12 significant bits: k·LN2_HI exact
    private static final float LN2_LO_F = 1.428606765330187e-06f;   // ln2 − LN2_HI
    private static final float ROUND_F = 12582912f;                 // 1.5·2^23: v + ROUND − ROUND = rint(v)
    // x clamped to [-88.03, 88.72]: k = rint(x·log2e) ∈ [-127, 128]; 2^-127 has exponent bits 0 (= +0.0) and
    // 2^128 has exponent bits 255 (= +inf), which gives the flush to 0 and the overflow to +inf without blends.
    private static final float X_MIN_F = -88.03f;
    private static final float X_MAX_F = 88.72f;

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;        // 31 significant bits: k·LN2_HI exact
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double ROUND = 6755399441055744.0;         // 1.5·2^52
    private static final double X_MIN = -708.8;                     // k ≥ -1023 (bits 0 = +0.0)
    private static final double X_MAX = 709.8;                      // k ≤ 1024 (bits 2047 = +inf)

    private VecMath() {
    }

    /** e^x per lane (fp32); error bound in the class comment. */
    public static FloatVector exp(FloatVector x) {
        // Clamp by compare + blend: Java's vector min/max keep NaN and ±0 semantics, which costs AVX2 a
        // five-instruction sequence each; a NaN compares false and passes through unchanged.
        FloatVector lo = FloatVector.broadcast(F, X_MIN_F);
        FloatVector hi = FloatVector.broadcast(F, X_MAX_F);
        FloatVector xc = x.blend(lo, x.compare(VectorOperators.LT, lo));
        xc = xc.blend(hi, xc.compare(VectorOperators.GT, hi));
        // v = x·log2e + 1.5·2^23 holds k = rint(x·log2e) in its low mantissa bits: bits(v) = bits(1.5·2^23) + k,
        // and bits(1.5·2^23) << 23 vanishes, so (bits(v) + 127) << 23 is 2^k without a float-to-int conversion
        FloatVector v = xc.fma(LOG2E_F, ROUND_F);
        FloatVector k = v.sub(ROUND_F);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI_F), xc);    // exact: k·LN2_HI has ≤ 24 bits
        r = k.fma(FloatVector.broadcast(F, -LN2_LO_F), r);                  // x − k·ln2 (Cody–Waite)
        // e^r ≈ Σ_{j≤7} r^j/j!, Horner
        FloatVector p = r.fma(1f / 5040f, 1f / 720f);
        p = p.fma(r, FloatVector.broadcast(F, 1f / 120f));
        p = p.fma(r, FloatVector.broadcast(F, 1f / 24f));
        p = p.fma(r, FloatVector.broadcast(F, 1f / 6f));
        p = p.fma(r, FloatVector.broadcast(F, 0.5f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        FloatVector scale = v.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** Bits of −88.03f: for sign-bit-set floats a larger magnitude has larger (signed int) bits. */
    private static final int X_MIN_BITS_F = Float.floatToRawIntBits(X_MIN_F);

    /**
     * e^x per lane for arguments with the sign bit set (x ≤ −0, or −∞; not NaN), as in the selective scan's
     * e^{δA} with δ ≥ 0 and A ≤ −0: the clamp is one integer min on the bits, the polynomial a degree-6 fit
     * of e^r on [−ln2/2, ln2/2] (relative error 1.7e-8 before rounding). Relative error ≤ 4 ulp for
     * −87.3 ≤ x ≤ −0, exactly 0 for x ≤ −88.03 (tested); results for positive x or NaN are unspecified.
     */
    public static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.reinterpretAsInts().min(X_MIN_BITS_F).reinterpretAsFloats();
        FloatVector v = xc.fma(LOG2E_F, ROUND_F);
        FloatVector k = v.sub(ROUND_F);
        FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI_F), xc);
        r = k.fma(FloatVector.broadcast(F, -LN2_LO_F), r);
        FloatVector p = r.fma(0.0013836841098964214f, 0.008374815806746483f);
        p = p.fma(r, FloatVector.broadcast(F, 0.04166822507977486f));
        p = p.fma(r, FloatVector.broadcast(F, 0.16666419804096222f));
        p = p.fma(r, FloatVector.broadcast(F, 0.49999991059303284f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        FloatVector scale = v.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /**
     * Two rows of decays at once: {@code out0[q·V + i] = e^{x[q·V + i]·a[a0 + i]}} and {@code out1} likewise with
     * {@code a[a1 + i]}, for {@code q < rows}: {@link #expNonPositive}'s operations, written out for two vectors
     * (each product must have its sign bit set; results are bit-identical to {@link #expNonPositive}).
     *
     * <p>Why written out: the selective scan's pole loop called {@link #expNonPositive} from a method C2 inlines
     * into the tile loop; the chain then ran past C2's inlining depth (MaxInlineLevel) inside the Vector API, the
     * vectors' payload constructors were left out of line, and one fork in three allocated 19–150 MB per W4 call.
     * This method takes no vectors, makes no call with vector arguments and is larger than C2's hot inlining
     * limit (FreqInlineSize, 325 bytes of bytecode), so it is always compiled as its own root, at a shallow depth.
     */
    public static void expNonPositiveRows2(int rows, float[] x, float[] a, int a0, int a1, float[] out0,
                                           float[] out1) {
        int v = F.length();
        FloatVector av0 = FloatVector.fromArray(F, a, a0);
        FloatVector av1 = FloatVector.fromArray(F, a, a1);
        FloatVector hi = FloatVector.broadcast(F, -LN2_HI_F);
        FloatVector lo = FloatVector.broadcast(F, -LN2_LO_F);
        for (int q = 0; q < rows; q++) {
            FloatVector xq = FloatVector.fromArray(F, x, q * v);
            FloatVector c0 = xq.mul(av0).reinterpretAsInts().min(X_MIN_BITS_F).reinterpretAsFloats();
            FloatVector c1 = xq.mul(av1).reinterpretAsInts().min(X_MIN_BITS_F).reinterpretAsFloats();
            FloatVector v0 = c0.fma(LOG2E_F, ROUND_F);
            FloatVector v1 = c1.fma(LOG2E_F, ROUND_F);
            FloatVector k0 = v0.sub(ROUND_F);
            FloatVector k1 = v1.sub(ROUND_F);
            FloatVector r0 = k0.fma(lo, k0.fma(hi, c0));
            FloatVector r1 = k1.fma(lo, k1.fma(hi, c1));
            FloatVector p0 = r0.fma(0.0013836841098964214f, 0.008374815806746483f);
            FloatVector p1 = r1.fma(0.0013836841098964214f, 0.008374815806746483f);
            p0 = p0.fma(r0, FloatVector.broadcast(F, 0.04166822507977486f));
            p1 = p1.fma(r1, FloatVector.broadcast(F, 0.04166822507977486f));
            p0 = p0.fma(r0, FloatVector.broadcast(F, 0.16666419804096222f));
            p1 = p1.fma(r1, FloatVector.broadcast(F, 0.16666419804096222f));
            p0 = p0.fma(r0, FloatVector.broadcast(F, 0.49999991059303284f));
            p1 = p1.fma(r1, FloatVector.broadcast(F, 0.49999991059303284f));
            p0 = p0.fma(r0, FloatVector.broadcast(F, 1f)).fma(r0, FloatVector.broadcast(F, 1f));
            p1 = p1.fma(r1, FloatVector.broadcast(F, 1f)).fma(r1, FloatVector.broadcast(F, 1f));
            p0.mul(v0.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .intoArray(out0, q * v);
            p1.mul(v1.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .intoArray(out1, q * v);
        }
    }

    /**
     * {@code x[i] ← softplus(x[i])} for {@code i < rows·V}, in place: {@link #softplus}'s operations (with
     * {@link #exp}'s) written out, bit-identical to {@code softplus(fromArray(x))}. For the same reason as
     * {@link #expNonPositiveRows2}: a hot loop that calls {@link #softplus} with a vector it just loaded boxed that
     * vector on every call whenever C2, past its inlining depth, left the call out of line (the selective scan's
     * tile preparation: 16–19 MB per W4 call); this method takes no vectors and is larger than the hot inlining
     * limit, so it is compiled as its own root.
     */
    public static void softplusRows(int rows, float[] x) {
        int vl = F.length();
        FloatVector lo = FloatVector.broadcast(F, X_MIN_F);
        FloatVector hi = FloatVector.broadcast(F, X_MAX_F);
        for (int q = 0; q < rows; q++) {
            FloatVector v = FloatVector.fromArray(F, x, q * vl);
            // e = exp(−|v|), as exp(): clamp, Cody–Waite reduction, degree-7 Horner, 2^k from the bits
            FloatVector a = v.abs().neg();
            FloatVector xc = a.blend(lo, a.compare(VectorOperators.LT, lo));
            xc = xc.blend(hi, xc.compare(VectorOperators.GT, hi));
            FloatVector w = xc.fma(LOG2E_F, ROUND_F);
            FloatVector k = w.sub(ROUND_F);
            FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI_F), xc);
            r = k.fma(FloatVector.broadcast(F, -LN2_LO_F), r);
            FloatVector p = r.fma(1f / 5040f, 1f / 720f);
            p = p.fma(r, FloatVector.broadcast(F, 1f / 120f));
            p = p.fma(r, FloatVector.broadcast(F, 1f / 24f));
            p = p.fma(r, FloatVector.broadcast(F, 1f / 6f));
            p = p.fma(r, FloatVector.broadcast(F, 0.5f));
            p = p.fma(r, FloatVector.broadcast(F, 1f)).fma(r, FloatVector.broadcast(F, 1f));
            FloatVector e = p.mul(w.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            // softplus as softplus(): log1p(e) by the atanh series in s = e/(e+2), plus max(v, 0)
            FloatVector t = e.div(e.add(2f));
            FloatVector t2 = t.mul(t);
            FloatVector sr = t2.fma(1f / 15f, 1f / 13f);
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f / 11f));
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f / 9f));
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f / 7f));
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f / 5f));
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f / 3f));
            sr = sr.fma(t2, FloatVector.broadcast(F, 1f));
            t.add(t).fma(sr, v.max(0f)).blend(v, v.compare(VectorOperators.GT, 20f)).intoArray(x, q * vl);
        }
    }

    /** e^x per lane (fp64); error bound in the class comment. */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector lo = DoubleVector.broadcast(D, X_MIN);
        DoubleVector hi = DoubleVector.broadcast(D, X_MAX);
        DoubleVector xc = x.blend(lo, x.compare(VectorOperators.LT, lo));
        xc = xc.blend(hi, xc.compare(VectorOperators.GT, hi));
        DoubleVector v = xc.fma(LOG2E, ROUND);                               // bits(v) = bits(1.5·2^52) + k
        DoubleVector k = v.sub(ROUND);
        DoubleVector r = k.fma(DoubleVector.broadcast(D, -LN2_HI), xc);
        r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r);
        // e^r ≈ Σ_{j≤13} r^j/j!, Horner; truncation |r|^14/14! ≤ 5e-18 for |r| ≤ ln2/2
        DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0);
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 39916800.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 3628800.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 362880.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 40320.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 5040.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 720.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 120.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 24.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0 / 6.0));
        p = p.fma(r, DoubleVector.broadcast(D, 0.5));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0));
        p = p.fma(r, DoubleVector.broadcast(D, 1.0));
        DoubleVector scale = v.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return p.mul(scale);
    }

    /**
     * softplus(v) = log(1 + e^v) for v ≤ 20, v above (SPEC 7.2a), per lane (fp32). Evaluated stably as
     * {@code max(v,0) + log1p(e^{−|v|})} with {@code log1p(e) = 2·atanh(e/(2+e))}, e ∈ (0, 1], so
     * {@code s = e/(2+e) ≤ 1/3} and the odd series {@code 2s·Σ s^{2j}/(2j+1)}, j ≤ 7, truncates below 2e-9
     * relative. Error ≤ 4 ulp of the result (tested).
     */
    public static FloatVector softplus(FloatVector v) {
        FloatVector e = exp(v.abs().neg());
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector q = s2.fma(1f / 15f, 1f / 13f);
        q = q.fma(s2, FloatVector.broadcast(F, 1f / 11f));
        q = q.fma(s2, FloatVector.broadcast(F, 1f / 9f));
        q = q.fma(s2, FloatVector.broadcast(F, 1f / 7f));
        q = q.fma(s2, FloatVector.broadcast(F, 1f / 5f));
        q = q.fma(s2, FloatVector.broadcast(F, 1f / 3f));
        q = q.fma(s2, FloatVector.broadcast(F, 1f));
        FloatVector sp = s.add(s).fma(q, v.max(0f));
        return sp.blend(v, v.compare(VectorOperators.GT, 20f));
    }

    /** fp64 {@link #softplus(FloatVector)}: the series to j ≤ 15 (truncation below 3e-17 relative). */
    public static DoubleVector softplus(DoubleVector v) {
        DoubleVector e = exp(v.abs().neg());
        DoubleVector s = e.div(e.add(2.0));
        DoubleVector s2 = s.mul(s);
        DoubleVector q = s2.fma(1.0 / 31.0, 1.0 / 29.0);
        for (int j = 13; j >= 0; j--) {
            q = q.fma(s2, DoubleVector.broadcast(D, 1.0 / (2 * j + 1)));
        }
        DoubleVector sp = s.add(s).fma(q, v.max(0.0));
        return sp.blend(v, v.compare(VectorOperators.GT, 20.0));
    }

    /** silu(z) = z / (1 + e^{−z}) per lane (fp32); e^{−z} = +∞ gives the limit −0 for very negative z. */
    public static FloatVector silu(FloatVector z) {
        return z.div(exp(z.neg()).add(1f));
    }

    /** fp64 {@link #silu(FloatVector)}. */
    public static DoubleVector silu(DoubleVector z) {
        return z.div(exp(z.neg()).add(1.0));
    }
}
