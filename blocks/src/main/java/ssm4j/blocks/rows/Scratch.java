package ssm4j.blocks.rows;

/**
 * Grow-only scratch arrays of one thread, addressed by slot: a block asks for slot {@code i} at least {@code size}
 * long and gets the array it got last time when that is long enough, so a call allocates nothing once the thread has
 * seen its shape. One idiom for every block instead of a hand-written workspace class each; a block holds one per
 * thread ({@link #perThread}) and never shares it between threads while it writes.
 */
public final class Scratch {
    private final float[][] floats;
    private final double[][] doubles;

    /** Empty scratch with {@code slots} float and {@code slots} double slots. */
    public Scratch(int slots) {
        floats = new float[slots][0];
        doubles = new double[slots][0];
    }

    /** One {@link Scratch} of {@code slots} slots per thread. */
    public static ThreadLocal<Scratch> perThread(int slots) {
        return ThreadLocal.withInitial(() -> new Scratch(slots));
    }

    /** Float slot {@code slot}, at least {@code size} long (grown, contents lost, when shorter). */
    public float[] floats(int slot, long size) {
        if (floats[slot].length < size) {
            floats[slot] = new float[Math.toIntExact(size)];
        }
        return floats[slot];
    }

    /** Float slot {@code slot} as it was last grown. */
    public float[] floats(int slot) {
        return floats[slot];
    }

    /** Double slot {@code slot}, at least {@code size} long (grown, contents lost, when shorter). */
    public double[] doubles(int slot, long size) {
        if (doubles[slot].length < size) {
            doubles[slot] = new double[Math.toIntExact(size)];
        }
        return doubles[slot];
    }

    /** Double slot {@code slot} as it was last grown. */
    public double[] doubles(int slot) {
        return doubles[slot];
    }
}
