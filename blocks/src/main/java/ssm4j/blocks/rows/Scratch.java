package ssm4j.blocks.rows;

/**
 * Grow-only scratch arrays of one thread, addressed by the constants of a block's slot enum: a block asks for slot
 * {@code s} at least {@code size} long and gets the array it got last time when that is long enough, so a call
 * allocates nothing once the thread has seen its shape (size 0 returns the slot as last grown). One idiom for every
 * block instead of a hand-written workspace class each; a block holds one per thread ({@link #perThread}) and never
 * shares it between threads while it writes.
 */
public final class Scratch {
    private final float[][] floats;
    private final double[][] doubles;

    private Scratch(int slots) {
        floats = new float[slots][0];
        doubles = new double[slots][0];
    }

    /** One empty {@link Scratch} per thread, with a float and a double slot per constant of {@code slots}. */
    public static ThreadLocal<Scratch> perThread(Class<? extends Enum<?>> slots) {
        int n = slots.getEnumConstants().length;
        return ThreadLocal.withInitial(() -> new Scratch(n));
    }

    /** Float slot {@code slot}, at least {@code size} long (grown, contents lost, when shorter). */
    public float[] floats(Enum<?> slot, long size) {
        int i = slot.ordinal();
        if (floats[i].length < size) {
            floats[i] = new float[Math.toIntExact(size)];
        }
        return floats[i];
    }

    /** Double slot {@code slot}, at least {@code size} long (grown, contents lost, when shorter). */
    public double[] doubles(Enum<?> slot, long size) {
        int i = slot.ordinal();
        if (doubles[i].length < size) {
            doubles[i] = new double[Math.toIntExact(size)];
        }
        return doubles[i];
    }
}
