package ssm4j.scan.ref;

/**
 * Per-thread scratch arrays for the scalar kernels (the state of one channel while it is scanned), so a kernel
 * call allocates nothing once a thread has seen the largest state size. Not shared between threads.
 */
final class Scratch {
    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[64]);
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[64]);

    private Scratch() {
    }

    /** This thread's float scratch of at least {@code n} elements (contents undefined). */
    static float[] floats(int n) {
        float[] a = FLOATS.get();
        if (a.length < n) {
            a = new float[Math.max(n, 2 * a.length)];
            FLOATS.set(a);
        }
        return a;
    }

    /** This thread's double scratch of at least {@code n} elements (contents undefined). */
    static double[] doubles(int n) {
        double[] a = DOUBLES.get();
        if (a.length < n) {
            a = new double[Math.max(n, 2 * a.length)];
            DOUBLES.set(a);
        }
        return a;
    }
}
