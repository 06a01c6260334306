package ssm4j.scan.ref;

/**
 * Copies between fp32 and fp64 arrays, for the code that computes an fp32 call in fp64 (the scalar SSD scan)
 * and for the tests that feed one seeded input to both precisions. Stateless and thread-safe.
 */
public final class Widening {
    private Widening() {
    }

    /** A new double array holding exactly the values of {@code a}, or null for null. */
    public static double[] widen(float[] a) {
        if (a == null) {
            return null;
        }
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }

    /** Rounds every value of {@code from} to float into {@code to} (at least as long); nothing for null. */
    public static void narrow(double[] from, float[] to) {
        if (from == null) {
            return;
        }
        for (int i = 0; i < from.length; i++) {
            to[i] = (float) from[i];
        }
    }
}
