package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** Blocks cover [0, n) exactly once, for any thread count; failures propagate. */
class ParallelTest {
    @Test
    void coversEveryItemOnce() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int n : new int[] {0, 1, 2, 3, 7, 64, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                Parallel.of(threads).forRange(n, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "threads=" + threads + " n=" + n + " i=" + i);
                }
            }
        }
    }

    @Test
    void blocksAreDeterministic() {
        int[] a = new int[4];
        for (int i = 0; i < 4; i++) {
            a[i] = Parallel.blockStart(10, 3, i);
        }
        assertArrayEquals(new int[] {0, 3, 6, 10}, a);
    }

    @Test
    void exceptionsPropagate() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.of(3).forRange(9,
                (lo, hi) -> {
                    if (lo > 0) {
                        throw new IllegalStateException("boom " + lo);
                    }
                }));
        assertEquals("boom 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Parallel.of(0));
    }

    @Test
    void forBlocksPassesTheBlockOfEachRange() {
        for (int threads = 1; threads <= 5; threads++) {
            for (int n : new int[] {1, 2, 3, 7, 1001}) {
                Parallel p = Parallel.of(threads);
                int blocks = p.blocks(n);
                AtomicIntegerArray seen = new AtomicIntegerArray(blocks);
                p.forBlocks(n, (b, lo, hi) -> {
                    assertEquals(Parallel.blockStart(n, blocks, b), lo, "lo of block " + b);
                    assertEquals(Parallel.blockStart(n, blocks, b + 1), hi, "hi of block " + b);
                    seen.incrementAndGet(b);
                });
                for (int b = 0; b < blocks; b++) {
                    assertEquals(1, seen.get(b), "threads=" + threads + " n=" + n + " block " + b);
                }
            }
        }
    }

    @Test
    void threadCountIsBoundedAndInstancesShared() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.of(50_000_000));
        assertTrue(e.getMessage().startsWith("threads: must be <= "), e.getMessage());
        assertSame(Parallel.of(3), Parallel.of(3));
    }

    /**
     * Issue 17.1: an interrupted caller must still wait for every block (a worker may be writing into the caller's
     * workspace), and must see its interrupt flag set afterwards. Block 1 finishes only well after the interrupt.
     */
    @Test
    void interruptedCallerWaitsForEveryBlockAndKeepsTheFlag() throws Exception {
        CountDownLatch block1Started = new CountDownLatch(1);
        AtomicBoolean block1Done = new AtomicBoolean();
        AtomicBoolean doneWhenReturned = new AtomicBoolean();
        AtomicBoolean flagWhenReturned = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            Parallel.of(2).forBlocks(2, (b, lo, hi) -> {
                if (b == 1) {
                    block1Started.countDown();
                    long end = System.nanoTime() + 300_000_000L; // busy: a kernel does not check interrupts
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    block1Done.set(true);
                }
            });
            doneWhenReturned.set(block1Done.get());
            flagWhenReturned.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        block1Started.await();
        caller.interrupt();
        caller.join();
        assertTrue(doneWhenReturned.get(), "forBlocks returned while block 1 was still running");
        assertTrue(flagWhenReturned.get(), "the interrupt flag was lost");
    }

    @Test
    void workersAreDaemons() {
        Parallel.of(4).forRange(4, (lo, hi) -> assertTrue(Thread.currentThread().isDaemon() || lo == 0));
    }
}
