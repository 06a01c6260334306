package ssm4j.nativ.fftw;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.io.IoLimits;

/**
 * Forward (r2c) and inverse (c2r) 1-D plans of one FFTW library, one pair per transform length, created on
 * first use. Planning runs under the library's planner lock (FFTW's planner is not thread-safe) on scratch arrays
 * of its own, 64-byte aligned; a plan is then executed by any thread with the new-array functions on other arrays
 * of the same alignment ({@link FftwConvF32} and {@link FftwConvF64} give every buffer 64-byte alignment, so FFTW's
 * SIMD alignment — 16 or 32 bytes — always matches).
 *
 * <p>Bounded: at most {@link #capacity} lengths are kept ({@value #DEFAULT_CAPACITY} by default,
 * {@code -Dssm4j.fftw.maxPlans}); past that the least recently used plan that no context holds is destroyed.
 * A context {@link #acquire acquires} its plans and {@link #release releases} them when it is closed, so a plan
 * in use is never destroyed (the cache may then hold more than its capacity until the holders let go).
 *
 * <p>Thread-safe. {@link #close()} destroys every plan and must not overlap a call that executes one of them.
 */
final class FftwPlanCache implements AutoCloseable {
    /** Default number of transform lengths kept. */
    static final int DEFAULT_CAPACITY = 32;

    /** One transform length: the r2c plan and the c2r plan (which may overwrite its complex input). */
    static final class Plans {
        private final int n;
        private final MemorySegment r2c;
        private final MemorySegment c2r;
        private int users; // guarded by the planner lock

        Plans(int n, MemorySegment r2c, MemorySegment c2r) {
            this.n = n;
            this.r2c = r2c;
            this.c2r = c2r;
        }

        /** Transform length. */
        int n() {
            return n;
        }

        /** The r2c plan. */
        MemorySegment r2c() {
            return r2c;
        }

        /** The c2r plan. */
        MemorySegment c2r() {
            return c2r;
        }
    }

    private final FftwApi api;
    private final long elementBytes;
    private final int capacity;
    private final int flags;
    private final Map<Integer, Plans> plans = new LinkedHashMap<>(16, 0.75f, true); // access order: LRU first
    private boolean closed;

    /**
     * A cache of the default capacity, planner flags from {@code -Dssm4j.fftw.planner}.
     *
     * @param elementBytes 4 for fftwf (float), 8 for fftw (double)
     * @throws IllegalArgumentException naming the property when {@code ssm4j.fftw.planner} or
     *                                  {@code ssm4j.fftw.maxPlans} is invalid
     */
    FftwPlanCache(FftwApi api, long elementBytes) {
        this(api, elementBytes, defaultCapacity());
    }

    /** A cache keeping at most {@code capacity} idle lengths. */
    FftwPlanCache(FftwApi api, long elementBytes, int capacity) {
        this.api = api;
        this.elementBytes = elementBytes;
        this.capacity = capacity;
        this.flags = plannerFlags(System.getProperty("ssm4j.fftw.planner", "measure"));
    }

    /**
     * The plans of length {@code n}, made on first use (milliseconds with MEASURE, once per length) and held until
     * {@link #release}.
     */
    Plans acquire(int n) {
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
                    MemorySegment r2c = api.planR2c(n, real, cplx, flags);
                    MemorySegment c2r = api.planC2r(n, cplx, real, flags | FftwApi.DESTROY_INPUT);
                    p = new Plans(n, r2c, c2r);
                }
                plans.put(n, p);
            }
            p.users++;
            trim();
            return p;
        } finally {
            api.planner().unlock();
        }
    }

    /** Gives back plans taken by {@link #acquire}; idle plans beyond the capacity are destroyed, oldest first. */
    void release(Plans p) {
        api.planner().lock();
        try {
            if (p.users > 0) {
                p.users--;
            }
            if (!closed) {
                trim();
            }
        } finally {
            api.planner().unlock();
        }
    }

    /** Number of lengths cached. */
    int size() {
        api.planner().lock();
        try {
            return plans.size();
        } finally {
            api.planner().unlock();
        }
    }

    /** Whether plans of length {@code n} are cached (does not count as a use). */
    boolean contains(int n) {
        api.planner().lock();
        try {
            return plans.containsKey(n);
        } finally {
            api.planner().unlock();
        }
    }

    /** Destroys idle plans, least recently used first, until at most {@code capacity} remain. Lock held. */
    private void trim() {
        Iterator<Plans> it = plans.values().iterator();
        int excess = plans.size() - capacity;
        while (excess > 0 && it.hasNext()) {
            Plans p = it.next();
            if (p.users == 0) {
                it.remove();
                destroy(p);
                excess--;
            }
        }
    }

    private void destroy(Plans p) {
        api.destroyPlan(p.r2c);
        api.destroyPlan(p.c2r);
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
                destroy(p);
            }
            plans.clear();
        } finally {
            api.planner().unlock();
        }
    }

    private static int defaultCapacity() {
        return (int) Math.min(1 << 16, IoLimits.get("ssm4j.fftw.maxPlans", DEFAULT_CAPACITY));
    }

    /** FFTW planner flags for {@code -Dssm4j.fftw.planner}. */
    static int plannerFlags(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "estimate" -> FftwApi.ESTIMATE;
            case "patient" -> FftwApi.PATIENT;
            case "measure" -> FftwApi.MEASURE;
            default -> throw new IllegalArgumentException(
                    "-Dssm4j.fftw.planner: must be estimate, measure or patient, got '" + name + "'");
        };
    }
}
