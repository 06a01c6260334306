package ssm4j.scan.ref;

/**
 * Per-thread scratch arrays for the scalar kernels (the state of one channel while it is scanned), so a kernel
 * call allocates nothing once a thread has seen the largest state size. One holder per thread serves both
 * precisions with one growth rule. Not shared between threads.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] floats = new float[64];
    private double[] doubles = new double[64];

    private Scratch() {
    }

    /** This thread's float scratch of at least {@code n} elements (contents undefined). */
    static float[] floats(int n) {
        Scratch s = LOCAL.get();
        if (s.floats.length < n) {
            s.floats = new float[grown(s.floats.length, n)];
        }
        return s.floats;
    }

    /** This thread's double scratch of at least {@code n} elements (contents undefined). */
    static double[] doubles(int n) {
        Scratch s = LOCAL.get();
        if (s.doubles.length < n) {
            s.doubles = new double[grown(s.doubles.length, n)];
        }
        return s.doubles;
    }

    /** New length for a scratch of {@code have} elements that must hold {@code need}: doubling, so growth is rare. */
    private static int grown(int have, int need) {
        return Math.max(need, 2 * have);
    }
}
