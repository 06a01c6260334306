package ssm4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;

/**
 * Issue 17.1: a call cancelled with {@code Future.cancel(true)} (what Spark does to a killed task) must not corrupt
 * any later call. Calls run on one executor thread (so they share its per-thread workspaces); another thread
 * cancels them at random moments; the call after each cancellation must equal, bit for bit, the same call made
 * without any cancellation (same backend, same thread count: results are deterministic for a thread count).
 * Before the fix, {@code Parallel} returned to the interrupted caller while its workers still wrote into the
 * caller's workspace: wrong values on {@code vector}, {@code ArrayIndexOutOfBoundsException} on {@code native}.
 */
class CancelledCallsTest {
    private static final int THREADS = 3; // more blocks than cores: workers lag, as on a busy machine
    private static final int ROUNDS = 300;

    /** One call of the facade into its own output array; three kinds, so every family's workspace is exercised. */
    private record Call(int kind, int set, float[] outF, double[] outD) {
    }

    private static final ConvShape CONV = new ConvShape(2, 6, 3001, 1, 3001, false);
    private static final int H = 6;
    private static final int N = 32;
    private static final int L = 1500;

    private final SplittableRandom rnd = new SplittableRandom(17);
    /** Several input sets: a stale worker of a cancelled call then writes values that differ from the next call's. */
    private final Inputs[] sets = {new Inputs(rnd), new Inputs(rnd), new Inputs(rnd), new Inputs(rnd)};

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector", "native"})
    void cancelledCallsNeverCorruptLaterCalls(String backend) throws Exception {
        if (backend.equals("native")) { // the only tier that may be absent: libfftw3f is a system library
            Assumptions.assumeTrue(Backends.availableNames().contains("native"),
                    () -> "native unavailable here: " + Backends.availability().get("native"));
        }
        SsmKernel kernel = Backends.byName(backend, THREADS);
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cancelled-calls-" + backend);
            t.setDaemon(true);
            return t;
        });
        try {
            Call[][] expected = new Call[sets.length][3];
            for (int set = 0; set < sets.length; set++) {
                for (int kind = 0; kind < 3; kind++) {
                    Call c = newCall(kind, set);
                    exec.submit(() -> call(kernel, c)).get(); // the uncancelled reference run, on the same thread
                    expected[set][kind] = c;
                }
            }
            long callNanos = timeOneRound(kernel, exec);
            int wrong = 0;
            String firstWrong = null;
            for (int round = 0; round < ROUNDS; round++) {
                Call victim = newCall(rnd.nextInt(3), rnd.nextInt(sets.length));
                Future<?> f = exec.submit(() -> call(kernel, victim));
                LockSupport.parkNanos(rnd.nextLong(Math.max(1, 2 * callNanos)));
                f.cancel(true);
                Call check = newCall(rnd.nextInt(3), rnd.nextInt(sets.length));
                try {
                    exec.submit(() -> call(kernel, check)).get(30, TimeUnit.SECONDS);
                    Call ref = expected[check.set][check.kind];
                    if (check.kind == 1) {
                        assertArrayEquals(ref.outD, check.outD);
                    } else {
                        assertArrayEquals(ref.outF, check.outF);
                    }
                } catch (AssertionError | java.util.concurrent.ExecutionException e) {
                    wrong++;
                    if (firstWrong == null) {
                        firstWrong = "round " + round + ", call kind " + check.kind + ": " + e;
                    }
                }
            }
            assertEquals(0, wrong, backend + ": " + wrong + " of " + ROUNDS + " calls after a cancellation differ"
                    + " from an uncancelled run; first: " + firstWrong);
        } finally {
            exec.shutdownNow();
        }
    }

    private long timeOneRound(SsmKernel kernel, ExecutorService exec) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            Call c = newCall(i % 3, 0);
            long t0 = System.nanoTime();
            exec.submit(() -> call(kernel, c)).get();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    private static Call newCall(int kind, int set) {
        return switch (kind) {
            case 0 -> new Call(0, set, new float[CONV.batch() * CONV.h() * CONV.length()], null);
            case 1 -> new Call(1, set, null, new double[CONV.batch() * CONV.h() * CONV.length()]);
            default -> new Call(2, set, new float[2 * H * L], null);
        };
    }

    private void call(SsmKernel kernel, Call c) {
        Inputs in = sets[c.set];
        switch (c.kind) {
            case 0 -> kernel.fftConv(CONV, in.x, in.k, in.d, c.outF);
            case 1 -> kernel.fftConv(CONV, in.xD, in.kD, in.dD, c.outD);
            default -> kernel.cauchyConj(H, N, L, in.v, 0, in.w, 0, in.z, 0, c.outF, 0);
        }
    }

    /** One set of seeded inputs for the three kinds of call. */
    private static final class Inputs {
        final float[] x;
        final float[] k;
        final float[] d;
        final double[] xD;
        final double[] kD;
        final double[] dD;
        final float[] v;
        final float[] w;
        final float[] z;

        Inputs(SplittableRandom rnd) {
            x = floats(rnd, CONV.batch() * CONV.h() * CONV.length(), 1);
            k = floats(rnd, CONV.h() * CONV.length(), 0.02);
            d = floats(rnd, CONV.h(), 1);
            xD = doubles(x);
            kD = doubles(k);
            dD = doubles(d);
            v = floats(rnd, 2 * H * N, 1);
            w = poles(rnd);
            z = floats(rnd, 2 * L, 1);
        }
    }

    private static float[] floats(SplittableRandom rnd, int size, double scale) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (scale * (2 * rnd.nextDouble() - 1));
        }
        return a;
    }

    /** Poles in the left half-plane (Re w < 0), away from the evaluation points on the unit circle's inside. */
    private static float[] poles(SplittableRandom rnd) {
        float[] a = new float[2 * H * N];
        for (int i = 0; i < H * N; i++) {
            a[2 * i] = (float) (-0.5 - rnd.nextDouble());
            a[2 * i + 1] = (float) (10 * rnd.nextDouble());
        }
        return a;
    }

    private static double[] doubles(float[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }
}
