package ssm4j.conv;

import ssm4j.api.Parallel;

/**
 * Maps a block of {@link Parallel#forRange} back to its index, so each block uses its own slot of per-call
 * scratch without thread-locals: {@code forRange} cuts {@code [0, n)} at {@link Parallel#blockStart} into
 * {@code min(threads, n)} blocks, so the block starting at {@code lo} is the unique i with that start.
 */
public final class Blocks {
    private Blocks() {
    }

    /** Index of the block that starts at {@code lo} when {@code n} items are cut for {@code threads} threads. */
    public static int indexOf(int n, int threads, int lo) {
        int blocks = Math.min(threads, n);
        for (int i = 0; i < blocks; i++) {
            if (Parallel.blockStart(n, blocks, i) == lo) {
                return i;
            }
        }
        throw new IllegalStateException("no block of " + n + " items over " + threads + " threads starts at " + lo);
    }
}
