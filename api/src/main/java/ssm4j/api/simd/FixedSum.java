package ssm4j.api.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Sum of the lanes of a vector in one fixed order, the same in the interpreter, C1 and C2 and on every run:
 * halves are added pairwise ({@code v[i] + v[i + VL/2]}, then the same on the lower half, ...), a binary tree.
 * {@code reduceLanes(ADD)} leaves the order to the implementation: its Java fallback (interpreter, cold code)
 * adds the lanes left to right while C2's intrinsic adds them as a tree, so a float result could change in the
 * last bits when a method got compiled, and a cold first call differ from a warm one (issue 14). Lane-wise adds
 * are exact IEEE operations in every tier, so a tree built from them is reproducible.
 *
 * <p>Species from {@link Species}. Pure functions; thread-safe.
 */
public final class FixedSum {
    private static final int VF = Species.F.length();
    private static final int VD = Species.D.length();
    // lane i takes lane i + k (wrapping); only lane 0 of the final vector is read, so the wrapped lanes are unused
    private static final VectorShuffle<Float> F8 = VectorShuffle.iota(Species.F, 8 % VF, 1, true);
    private static final VectorShuffle<Float> F4 = VectorShuffle.iota(Species.F, 4 % VF, 1, true);
    private static final VectorShuffle<Float> F2 = VectorShuffle.iota(Species.F, 2 % VF, 1, true);
    private static final VectorShuffle<Float> F1 = VectorShuffle.iota(Species.F, 1, 1, true);
    private static final VectorShuffle<Double> D4 = VectorShuffle.iota(Species.D, 4 % VD, 1, true);
    private static final VectorShuffle<Double> D2 = VectorShuffle.iota(Species.D, 2 % VD, 1, true);
    private static final VectorShuffle<Double> D1 = VectorShuffle.iota(Species.D, 1, 1, true);

    private FixedSum() {
    }

    /** Σ lanes of {@code v} in the fixed tree order of the class comment. */
    public static float sum(FloatVector v) {
        // VF is a constant: C2 folds these branches; the shift sequence is VF/2, VF/4, ..., 1
        if (VF >= 16) {
            v = v.add(v.rearrange(F8));
        }
        if (VF >= 8) {
            v = v.add(v.rearrange(F4));
        }
        if (VF >= 4) {
            v = v.add(v.rearrange(F2));
        }
        v = v.add(v.rearrange(F1));
        return v.lane(0);
    }

    /** Σ lanes of {@code v} in the fixed tree order of the class comment. */
    public static double sum(DoubleVector v) {
        if (VD >= 8) {
            v = v.add(v.rearrange(D4));
        }
        if (VD >= 4) {
            v = v.add(v.rearrange(D2));
        }
        v = v.add(v.rearrange(D1));
        return v.lane(0);
    }
}
