package ssm4j.api;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of persistent daemon threads that run blocks {@code 1..k} of one {@link Parallel} call while the
 * caller runs block 0. Worker {@code i} always runs block {@code i + 1} (pinned, so no queue and no task objects);
 * it waits for the next call by spinning up to {@code -Dssm4j.spinMicros} (200 µs), then parking. A call
 * publishes its arguments in plain fields and then bumps each worker's volatile {@code go} counter (a release: the
 * worker's volatile read of {@code go} sees the arguments); a worker's decrement of {@code pending} publishes its
 * writes back to the caller.
 *
 * <p>Used by one call at a time ({@link Parallel} hands teams out exclusively).
 */
final class WorkerTeam {
    /**
     * How long a waiting thread spins ({@link Thread#onSpinWait()}) before it parks, in nanoseconds
     * ({@code -Dssm4j.spinMicros}: 1 to 10^6, default 200 µs; a bad value is refused, naming the property).
     * Waking a parked thread costs tens of µs on the shared VMs we run on (a futex round trip through the
     * hypervisor): 5–10 % of a 1–2 ms kernel call when the late block is on the critical path. Spinning that long
     * keeps back-to-back calls (a kernel loop, a layer stack) free of park/unpark, and an idle team still parks
     * after 200 µs, so it costs no CPU between bursts (OpenMP runtimes spin for the same reason: GOMP_SPINCOUNT,
     * KMP_BLOCKTIME).
     */
    private static final long SPIN_NANOS =
            Math.min(1_000_000, ssm4j.api.io.IoLimits.get("ssm4j.spinMicros", 200)) * 1000;
    private static final AtomicInteger TEAMS = new AtomicInteger();

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final Throwable[] failures; // failures[b]: what block b threw in the current call

    // Arguments of the current call, written by the caller before the workers' go counters are bumped.
    private int n;
    private int blocks;
    private Parallel.RangeBody range;
    private Parallel.BlockBody block;
    private volatile Thread caller;

    WorkerTeam(int size) {
        int id = TEAMS.incrementAndGet();
        workers = new Worker[size];
        failures = new Throwable[size + 1];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker(this, i + 1, "ssm4j-worker-" + id + "-" + (i + 1));
            workers[i].start();
        }
    }

    /** Runs blocks {@code 0..blocks-1} of {@code [0, n)} ({@code 2 <= blocks <= size + 1}) and waits for all. */
    void run(int n, int blocks, Parallel.RangeBody range, Parallel.BlockBody block) {
        this.n = n;
        this.blocks = blocks;
        this.range = range;
        this.block = block;
        this.caller = Thread.currentThread();
        pending.set(blocks - 1);
        for (int b = 1; b < blocks; b++) {
            Worker w = workers[b - 1];
            w.go++; // volatile write: only this caller writes go, so ++ is not a race
            LockSupport.unpark(w);
        }
        runBlock(0);
        awaitWorkers();
        this.range = null; // do not keep the caller's arrays reachable from an idle team
        this.block = null;
        this.caller = null;
        rethrow();
    }

    /** Waits until every worker block has finished, even when interrupted; restores the interrupt flag. */
    private void awaitWorkers() {
        boolean interrupted = false;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                // park returns at once while the flag is set: clear it (remember it) so the wait can go on.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runBlock(int b) {
        int lo = Parallel.blockStart(n, blocks, b);
        int hi = Parallel.blockStart(n, blocks, b + 1);
        try {
            if (range != null) {
                range.run(lo, hi);
            } else {
                block.run(b, lo, hi);
            }
        } catch (Throwable t) {
            failures[b] = t;
        }
    }

    /** Rethrows the failure of the lowest failed block, so the exception does not depend on timing. */
    private void rethrow() {
        Throwable first = null;
        for (int b = 0; b < failures.length; b++) {
            if (first == null) {
                first = failures[b];
            }
            failures[b] = null;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /** One pinned worker: runs block {@code index} of each call it is woken for. */
    private static final class Worker extends Thread {
        private final WorkerTeam team;
        private final int index;
        volatile int go; // calls issued to this worker; it has finished `done` of them
        private int done;

        Worker(WorkerTeam team, int index, String name) {
            super(name);
            this.team = team;
            this.index = index;
            setDaemon(true); // ssm4j never keeps a JVM alive
        }

        @Override
        public void run() {
            for (;;) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (go == done) {
                    if (System.nanoTime() - spinUntil < 0) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(team);
                        Thread.interrupted(); // nobody should interrupt a worker; if someone does, keep serving
                    }
                }
                done++;
                Thread caller = team.caller; // read before the decrement: after it the team may be reused
                team.runBlock(index);
                if (team.pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
