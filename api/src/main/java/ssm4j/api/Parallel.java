package ssm4j.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits independent work over a fixed number of threads. Work items {@code [0, n)} are cut into at most
 * {@code threads} contiguous blocks, the same cut for the same (n, threads), and the calling thread runs the
 * first block itself. Because every item is computed by the same code whatever block it lands in, results do not
 * depend on the thread count. Worker threads are daemons from one shared pool, so ssm4j never keeps a JVM alive.
 *
 * <p>Thread-safe. A call with one thread, or one item, runs inline and allocates nothing.
 */
public final class Parallel {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssm4j-worker-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Body of a parallel loop: computes items {@code [lo, hi)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Computes items {@code lo} (inclusive) to {@code hi} (exclusive). */
        void run(int lo, int hi);
    }

    private final int threads;

    private Parallel(int threads) {
        this.threads = threads;
    }

    /** A splitter for {@code threads} threads. @throws IllegalArgumentException if {@code threads < 1} */
    public static Parallel of(int threads) {
        Check.positive("threads", threads);
        return new Parallel(threads);
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

    /** Start of block {@code i} of {@code blocks} over {@code n} items (blocks differ in size by at most one). */
    public static int blockStart(int n, int blocks, int i) {
        return (int) ((long) n * i / blocks);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code min(threads, n)} contiguous blocks and waits for all.
     * An exception in any block is rethrown here (after every block has finished).
     */
    public void forRange(int n, RangeBody body) {
        int blocks = Math.min(threads, n);
        if (blocks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[blocks - 1];
        for (int i = 1; i < blocks; i++) {
            int lo = blockStart(n, blocks, i);
            int hi = blockStart(n, blocks, i + 1);
            futures[i - 1] = POOL.submit(() -> body.run(lo, hi));
        }
        Throwable failure = null;
        try {
            body.run(0, blockStart(n, blocks, 1));
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
