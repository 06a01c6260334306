package ssm4j.api.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.Check;

/**
 * The Vector API finite check behind {@link Check#allFinite}: {@code v − v} is 0 for a finite value and NaN for
 * NaN or ±Inf, and a sum keeps a NaN, so two vector accumulators of {@code v − v} say whether a whole array is finite
 * with one subtraction and one addition per vector and no branch (memory-bound: the facade's value checks cost
 * a read of each input, about 1 % of a W3 or W4 call). Only when the sum is not finite is the array scanned again,
 * scalar, for the first bad index (the error path). Loaded by class name, only when {@code jdk.incubator.vector}
 * is in the boot layer.
 */
public final class VectorFiniteScanner implements Check.FiniteScanner {
    private static final VectorSpecies<Float> F = VecMath.F;
    private static final VectorSpecies<Double> D = VecMath.D;

    /** Creates the scanner (Check loads it by name). */
    public VectorFiniteScanner() {
    }

    @Override
    public int firstNonFinite(float[] a, int off, int n) {
        int step = F.length();
        int end = off + n;
        int i = off;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int bound = off + (n - n % (2 * step)); i < bound; i += 2 * step) {
            FloatVector v0 = FloatVector.fromArray(F, a, i);
            FloatVector v1 = FloatVector.fromArray(F, a, i + step);
            acc0 = acc0.add(v0.sub(v0));
            acc1 = acc1.add(v1.sub(v1));
        }
        float tail = 0;
        for (; i < end; i++) {
            tail += a[i] - a[i];
        }
        if (acc0.add(acc1).test(VectorOperators.IS_FINITE).allTrue() && tail == 0) {
            return -1;
        }
        return Check.firstNonFiniteScalar(a, off, n);
    }

    @Override
    public int firstNonFinite(double[] a, int off, int n) {
        int step = D.length();
        int end = off + n;
        int i = off;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        for (int bound = off + (n - n % (2 * step)); i < bound; i += 2 * step) {
            DoubleVector v0 = DoubleVector.fromArray(D, a, i);
            DoubleVector v1 = DoubleVector.fromArray(D, a, i + step);
            acc0 = acc0.add(v0.sub(v0));
            acc1 = acc1.add(v1.sub(v1));
        }
        double tail = 0;
        for (; i < end; i++) {
            tail += a[i] - a[i];
        }
        if (acc0.add(acc1).test(VectorOperators.IS_FINITE).allTrue() && tail == 0) {
            return -1;
        }
        return Check.firstNonFiniteScalar(a, off, n);
    }

    @Override
    public int firstNonFiniteOrBelow(float[] a, int off, int n, float min) {
        int step = F.length();
        int i = off;
        FloatVector fin = FloatVector.zero(F);
        FloatVector low = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        for (int bound = off + (n - n % step); i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(F, a, i);
            fin = fin.add(v.sub(v));
            low = low.min(v); // a NaN wins the minimum (Math.min semantics), and fails the test below
        }
        boolean ok = fin.test(VectorOperators.IS_FINITE).allTrue() && low.compare(VectorOperators.GE, min).allTrue()
                && Check.firstNonFiniteOrBelowScalar(a, i, off + n - i, min) < 0;
        return ok ? -1 : Check.firstNonFiniteOrBelowScalar(a, off, n, min);
    }

    @Override
    public int firstNonFiniteOrBelow(double[] a, int off, int n, double min) {
        int step = D.length();
        int i = off;
        DoubleVector fin = DoubleVector.zero(D);
        DoubleVector low = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
        for (int bound = off + (n - n % step); i < bound; i += step) {
            DoubleVector v = DoubleVector.fromArray(D, a, i);
            fin = fin.add(v.sub(v));
            low = low.min(v);
        }
        boolean ok = fin.test(VectorOperators.IS_FINITE).allTrue() && low.compare(VectorOperators.GE, min).allTrue()
                && Check.firstNonFiniteOrBelowScalar(a, i, off + n - i, min) < 0;
        return ok ? -1 : Check.firstNonFiniteOrBelowScalar(a, off, n, min);
    }
}
