package ssm4j.api;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Splits independent work over a fixed number of threads. Work items {@code [0, n)} are cut into at most
 * {@code threads} contiguous blocks, the same cut for the same (n, threads), and the calling thread runs block 0
 * itself. Because every item is computed by the same code whatever block it lands in, results do not depend on
 * the thread count.
 *
 * <p>Hand-off: block {@code i >= 1} always runs on worker {@code i} of a {@link WorkerTeam} (persistent daemon
 * threads, parked between calls), so a call allocates nothing and submits no task; the body learns its block
 * index, which lets it use slot {@code block} of a grow-only per-block workspace. A call waits for every block,
 * whatever happens to the calling thread: an interrupt never makes it return while a worker still writes into
 * the caller's arrays or workspace (the interrupt flag is restored before returning).
 *
 * <p>Thread-safe: concurrent calls (or a block that itself calls {@code forBlocks}) each take a team of their own;
 * teams are created on demand and reused, never freed. Instances are shared per thread count. A call with one
 * thread, or one item, runs inline.
 */
public final class Parallel {
    /** Instances for thread counts up to this are cached (larger counts, if allowed, get a new instance). */
    private static final int CACHED = 1024;
    private static final AtomicReferenceArray<Parallel> INSTANCES = new AtomicReferenceArray<>(CACHED + 1);

    /** Body of a parallel loop: computes items {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Computes items {@code lo} (inclusive) to {@code hi} (exclusive). */
        void run(int lo, int hi);
    }

    /** Body of a parallel loop that knows its block: computes items {@code [lo, hi)} of block {@code block}. */
    @FunctionalInterface
    public interface BlockBody {
        /**
         * Computes items {@code lo} (inclusive) to {@code hi} (exclusive), which form block {@code block} (from 0 to
         * the block count − 1, one thread per block during the call: a block may use slot {@code block} of a
         * per-block workspace without locking).
         */
        void run(int block, int lo, int hi);
    }

    private final int threads;
    private WorkerTeam[] idle = new WorkerTeam[2]; // guarded by this: teams not in use, a stack
    private int idleCount;                          // guarded by this

    private Parallel(int threads) {
        this.threads = threads;
    }

    /**
     * The splitter for {@code threads} threads (one shared instance per count). The count is bounded by
     * {@link Check#maxThreads()}: each thread is a parked daemon with its own stack, and a count like 50,000,000
     * would exhaust memory instead of running faster.
     *
     * @throws IllegalArgumentException if {@code threads < 1} or {@code threads > Check.maxThreads()}
     */
    public static Parallel of(int threads) {
        Check.threads("threads", threads);
        if (threads > CACHED) {
            return new Parallel(threads);
        }
        Parallel p = INSTANCES.get(threads);
        if (p == null) {
            INSTANCES.compareAndSet(threads, null, new Parallel(threads));
            p = INSTANCES.get(threads);
        }
        return p;
    }

    /** The default thread count: {@code -Dssm4j.threads}, else the available processors. */
    public static int defaultThreads() {
        String p = System.getProperty("ssm4j.threads");
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                Check.positive("ssm4j.threads", t);
                return t;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ssm4j.threads: must be an integer >= 1, got '" + p + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Number of threads. */
    public int threads() {
        return threads;
    }

    /** Number of blocks a call over {@code n} items uses: {@code min(threads, n)}, at least 1. */
    public int blocks(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    /** Start of block {@code i} of {@code blocks} over {@code n} items (blocks differ in size by at most one). */
    public static int blockStart(int n, int blocks, int i) {
        return (int) ((long) n * i / blocks);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code min(threads, n)} contiguous blocks and waits for all.
     * An exception in any block is rethrown here after every block has finished (the lowest block's first).
     */
    public void forRange(int n, RangeBody body) {
        run(n, body, null);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@link #blocks(int) blocks(n)} contiguous blocks, passing each its
     * block index, and waits for all; exceptions as in {@link #forRange}.
     */
    public void forBlocks(int n, BlockBody body) {
        run(n, null, body);
    }

    private void run(int n, RangeBody range, BlockBody block) {
        int blocks = Math.min(threads, n);
        if (blocks <= 1) {
            if (n > 0) {
                if (range != null) {
                    range.run(0, n);
                } else {
                    block.run(0, 0, n);
                }
            }
            return;
        }
        WorkerTeam team = acquire();
        try {
            team.run(n, blocks, range, block);
        } finally {
            release(team);
        }
    }

    private synchronized WorkerTeam acquire() {
        if (idleCount > 0) {
            WorkerTeam t = idle[--idleCount];
            idle[idleCount] = null;
            return t;
        }
        return new WorkerTeam(threads - 1);
    }

    private synchronized void release(WorkerTeam team) {
        if (idleCount == idle.length) {
            idle = java.util.Arrays.copyOf(idle, 2 * idle.length);
        }
        idle[idleCount++] = team;
    }
}
