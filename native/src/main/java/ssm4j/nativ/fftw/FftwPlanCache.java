package ssm4j.nativ.fftw;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * Forward (r2c) and inverse (c2r) 1-D plans of one FFTW library, one pair per transform length, created on
 * first use and destroyed by {@link #close()}. Planning runs under the library's planner lock (FFTW's planner
 * is not thread-safe) on scratch arrays of its own, 64-byte aligned; a plan is then executed by any thread with
 * the new-array functions on other arrays of the same alignment ({@link FftwConv32} and {@link FftwConv64} give
 * every buffer 64-byte alignment, so FFTW's SIMD alignment — 16 or 32 bytes — always matches).
 *
 * <p>Thread-safe. {@link #close()} must not overlap a call that executes one of its plans.
 */
final class FftwPlanCache implements AutoCloseable {
    /** Flags for every plan: FFTW_MEASURE unless {@code -Dssm4j.fftw.planner=estimate|patient}. */
    static final int FLAGS = plannerFlags(System.getProperty("ssm4j.fftw.planner", "measure"));

    /** One transform length: the r2c plan and the c2r plan (which may overwrite its complex input). */
    record Plans(int n, MemorySegment r2c, MemorySegment c2r) {
    }

    private final FftwApi api;
    private final long elementBytes;
    private final Map<Integer, Plans> plans = new HashMap<>();
    private boolean closed;

    /** @param elementBytes 4 for fftwf (float), 8 for fftw (double) */
    FftwPlanCache(FftwApi api, long elementBytes) {
        this.api = api;
        this.elementBytes = elementBytes;
    }

    /** The plans of length {@code n}, made on first use (milliseconds with MEASURE, once per length). */
    Plans plans(int n) {
        api.planner().lock();
        try {
            if (closed) {
                throw new IllegalStateException("FFTW backend is closed");
            }
            Plans p = plans.get(n);
            if (p == null) {
                try (Arena scratch = Arena.ofConfined()) {
                    // MEASURE overwrites its arrays: plan on scratch, never on caller data.
                    MemorySegment real = scratch.allocate(elementBytes * n, 64);
                    MemorySegment cplx = scratch.allocate(elementBytes * 2 * (n / 2 + 1), 64);
                    MemorySegment r2c = api.planR2c(n, real, cplx, FLAGS);
                    MemorySegment c2r = api.planC2r(n, cplx, real, FLAGS | FftwApi.DESTROY_INPUT);
                    p = new Plans(n, r2c, c2r);
                }
                plans.put(n, p);
            }
            return p;
        } finally {
            api.planner().unlock();
        }
    }

    /** Destroys every plan; idempotent. */
    @Override
    public void close() {
        api.planner().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Plans p : plans.values()) {
                api.destroyPlan(p.r2c());
                api.destroyPlan(p.c2r());
            }
            plans.clear();
        } finally {
            api.planner().unlock();
        }
    }

    private static int plannerFlags(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "estimate" -> FftwApi.ESTIMATE;
            case "patient" -> FftwApi.PATIENT;
            case "measure" -> FftwApi.MEASURE;
            default -> throw new IllegalArgumentException(
                    "ssm4j.fftw.planner: must be estimate, measure or patient, got '" + name + "'");
        };
    }
}
