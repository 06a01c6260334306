package ssm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Element-by-element checks of an fp32 kernel against its fp64 reference, each element measured against the
 * largest reference magnitude in a window of {@value #WINDOW} samples centred on it ({@code M[t]}). A global rule
 * ({@code atol + rtol·max|K|}) lets a decaying kernel's tail be anything below the tolerance, zero included; a
 * sliding-window maximum follows the decay, so the tail is held to the same relative standard as the head.
 */
public final class WindowedError {
    /** Samples in the window. */
    public static final int WINDOW = 64;

    private WindowedError() {
    }

    /** {@code M[t] = max |ref[s]|} over {@code s ∈ [t − 32, t + 32)} within the row {@code [off, off + len)}. */
    public static double[] windowMax(double[] ref, int off, int len) {
        double[] m = new double[len];
        for (int t = 0; t < len; t++) {
            double mx = 0;
            for (int s = Math.max(0, t - WINDOW / 2); s < Math.min(len, t + WINDOW / 2); s++) {
                mx = Math.max(mx, Math.abs(ref[off + s]));
            }
            m[t] = mx;
        }
        return m;
    }

    /**
     * The first element (row-major over {@code rows} rows of {@code len}) where {@code |got − ref| > allowed}, or −1.
     * A NaN in got counts as a violation.
     */
    public static int firstViolation(double[] ref, float[] got, double[] allowed) {
        for (int i = 0; i < ref.length; i++) {
            if (!(Math.abs(got[i] - ref[i]) <= allowed[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Asserts that the allowed error is at most {@code fraction} of the window maximum everywhere, so that the
     * check cannot be passed by a kernel whose tail is zero, and that a copy of {@code got} with its last 60 %
     * zeroed does fail it (the test can fail).
     */
    public static void assertSharp(String what, double[] ref, float[] got, double[] allowed, int rows, int len,
                                   double fraction) {
        for (int r = 0; r < rows; r++) {
            double[] m = windowMax(ref, r * len, len);
            for (int t = 0; t < len; t++) {
                assertTrue(allowed[r * len + t] <= fraction * m[t], what + ": allowed error at [" + r + "," + t
                        + "] " + allowed[r * len + t] + " is not small against the window maximum " + m[t]);
            }
        }
        float[] zeroTail = got.clone();
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(zeroTail, r * len + (int) (0.4 * len), (r + 1) * len, 0f);
        }
        assertTrue(firstViolation(ref, zeroTail, allowed) >= 0, what + ": a zeroed tail must fail the check");
    }

    /**
     * The whole check: {@link #assertSharp} (the bound is sharp and a zeroed tail fails), then no element of
     * {@code got} outside its allowed error.
     */
    public static void assertWithin(String what, double[] ref, float[] got, double[] allowed, int rows, int len,
                                    double fraction) {
        assertSharp(what, ref, got, allowed, rows, len, fraction);
        int bad = firstViolation(ref, got, allowed);
        assertEquals(-1, bad, () -> what + ": K[" + bad + "] fp32 " + got[bad] + " vs fp64 " + ref[bad]
                + " allowed " + allowed[bad]);
    }
}
