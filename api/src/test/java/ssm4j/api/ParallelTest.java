package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
