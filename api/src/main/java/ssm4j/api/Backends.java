package ssm4j.api;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.ScanOps;
import ssm4j.api.spi.Unavailable;

/**
 * The one registry of ssm4j backends. Only this class knows which tiers exist and which classes implement them;
 * the classes are loaded by name, inside {@code try/catch}, so a missing module ({@code jdk.incubator.vector}),
 * native library or device makes a tier unavailable with a one-line reason instead of a crash (Lucene's
 * VectorizationProvider pattern).
 *
 * <p>Tiers, best first: {@code native-gpu} (cuFFT/cuBLAS, only when a device answers), {@code native} (FFTW for
 * convolution, the vector tier for the rest), {@code vector} (Vector API), {@code scalar} (plain Java and
 * JTransforms: the reference oracle, always available). {@link #get()} picks the best once; the system property
 * {@code ssm4j.backend} forces one, and a forced tier that cannot load is an error (so a CI job meant for the
 * vector tier never silently tests the scalar one). {@code native-gpu} is never picked automatically over
 * {@code native} for the CPU-sized calls of this library unless forced or {@code ssm4j.gpu=true}.
 *
 * <p>Instances are shared: one per (tier, thread count), kept in a bounded LRU cache ({@value #DEFAULT_CACHE_SIZE}
 * by default, {@code -Dssm4j.backendCache}); closing one is a no-op. Thread counts are bounded by
 * {@link Check#maxThreads()}.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("ssm4j");

    /** Tier names, best first. */
    public static final List<String> NAMES = List.of("native-gpu", "native", "vector", "scalar");

    private static final String SCALAR_KERNELS = "ssm4j.kernels.ref.ScalarKernelOps";
    private static final String SCALAR_SCAN = "ssm4j.scan.ref.ScalarScanOps";
    private static final String SCALAR_CONV = "ssm4j.conv.ref.JTransformsConvOps";
    private static final String VECTOR_KERNELS = "ssm4j.kernels.simd.VectorKernelOps";
    private static final String VECTOR_SCAN = "ssm4j.scan.simd.VectorScanOps";
    private static final String VECTOR_CONV = "ssm4j.conv.simd.VectorConvOps";
    private static final String FFTW_CONV = "ssm4j.nativ.fftw.FftwConvOps";
    private static final String GPU_CONV = "ssm4j.nativ.cuda.CudaConvOps";
    private static final String GPU_KERNELS = "ssm4j.nativ.cuda.CudaKernelOps";

    /**
     * Default number of backend instances kept ({@code -Dssm4j.backendCache}): one per (tier, thread count) in use;
     * beyond it the least recently used is dropped (still usable by whoever holds it; its native memory is freed
     * once nothing refers to it).
     */
    public static final int DEFAULT_CACHE_SIZE = 16;

    private static final int CACHE_SIZE = (int) Math.min(1024, ssm4j.api.io.IoLimits.get("ssm4j.backendCache",
            DEFAULT_CACHE_SIZE));

    /** Shared instances by "name/threads", least recently used first; guarded by itself. */
    private static final Map<String, SsmKernel> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SsmKernel> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Backends() {
    }

    /**
     * Holder idiom: the best backend is chosen on first use, free of class-initialisation cycles. A failure (a bad
     * {@code -Dssm4j.threads}, a forced tier that cannot load) is kept and rethrown by every {@link #get()}, so it
     * surfaces as its own message, not as an {@code ExceptionInInitializerError} and then a
     * {@code NoClassDefFoundError}.
     */
    private static final class Holder {
        static final SsmKernel BEST;
        static final RuntimeException FAILURE;

        static {
            SsmKernel best = null;
            RuntimeException failure = null;
            try {
                best = choose();
            } catch (RuntimeException e) {
                failure = e;
            }
            BEST = best;
            FAILURE = failure;
        }
    }

    /**
     * The best available backend with the default thread count ({@link Parallel#defaultThreads()}).
     *
     * @throws IllegalArgumentException if {@code -Dssm4j.threads} or {@code -Dssm4j.backend} is invalid
     * @throws IllegalStateException    if the tier forced by {@code -Dssm4j.backend} cannot run here
     */
    public static SsmKernel get() {
        if (Holder.FAILURE != null) {
            RuntimeException f = Holder.FAILURE;
            throw f instanceof IllegalStateException ? new IllegalStateException(f.getMessage(), f)
                    : new IllegalArgumentException(f.getMessage(), f);
        }
        return Holder.BEST;
    }

    /**
     * The backend of tier {@code name} using {@code threads} threads per call; instances are cached and shared.
     *
     * @throws IllegalArgumentException if the name is unknown or {@code threads} is outside
     *                                  {@code [1, Check.maxThreads()]} (8 × available processors by default)
     * @throws IllegalStateException    if that tier cannot run here, with the reason
     */
    public static SsmKernel byName(String name, int threads) {
        Check.notNull("backend", name);
        Check.threads("threads", threads);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("backend: must be one of " + NAMES + ", got '" + name + "'");
        }
        String key = name + "/" + threads;
        synchronized (CACHE) {
            SsmKernel k = CACHE.get(key);
            if (k != null) {
                return k;
            }
        }
        SsmKernel k = build(name, Parallel.of(threads)); // throws Unavailable; outside the lock (FFTW plans, CUDA)
        synchronized (CACHE) {
            SsmKernel prev = CACHE.putIfAbsent(key, k);
            return prev != null ? prev : k;
        }
    }

    /** Number of backend instances the registry holds now (at most {@link #DEFAULT_CACHE_SIZE} by default). */
    static int cachedInstances() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** {@link #byName(String, int)} with the default thread count. */
    public static SsmKernel byName(String name) {
        return byName(name, Parallel.defaultThreads());
    }

    /** Every tier with "available" or the reason it is not, in order best first. Probes each tier. */
    public static Map<String, String> availability() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : NAMES) {
            try {
                byName(n, 1);
                m.put(n, "available");
            } catch (IllegalStateException e) {
                m.put(n, e.getMessage());
            }
        }
        return m;
    }

    /** Names of the tiers that can run here, best first. */
    public static List<String> availableNames() {
        List<String> out = new ArrayList<>();
        availability().forEach((n, why) -> {
            if (why.equals("available")) {
                out.add(n);
            }
        });
        return out;
    }

    private static SsmKernel choose() {
        String forced = System.getProperty("ssm4j.backend");
        int threads = Parallel.defaultThreads();
        if (forced != null && !forced.isBlank()) {
            SsmKernel k = byName(forced.trim(), threads);
            LOG.log(Level.INFO, "ssm4j backend: " + k.describe() + " (forced by -Dssm4j.backend)");
            return k;
        }
        boolean gpu = Boolean.getBoolean("ssm4j.gpu");
        List<String> skipped = new ArrayList<>();
        for (String n : NAMES) {
            if (n.equals("native-gpu") && !gpu) {
                continue;
            }
            try {
                SsmKernel k = byName(n, threads);
                LOG.log(Level.INFO, "ssm4j backend: " + k.describe() + (skipped.isEmpty() ? "" : " " + skipped));
                return k;
            } catch (IllegalStateException e) {
                skipped.add(e.getMessage());
            }
        }
        throw new AssertionError("the scalar backend is always available: " + skipped);
    }

    private static SsmKernel build(String name, Parallel p) {
        try {
            return switch (name) {
                case "scalar" -> new Backend(name, p, part(KernelOps.class, SCALAR_KERNELS, p),
                        part(ScanOps.class, SCALAR_SCAN, p), part(ConvOps.class, SCALAR_CONV, p));
                case "vector" -> {
                    requireVectorModule();
                    yield new Backend(name, p, part(KernelOps.class, VECTOR_KERNELS, p),
                            part(ScanOps.class, VECTOR_SCAN, p), part(ConvOps.class, VECTOR_CONV, p));
                }
                case "native" -> {
                    ConvOps conv = required(ConvOps.class, FFTW_CONV, p);
                    yield new Backend(name, p, bestCpu(KernelOps.class, VECTOR_KERNELS, SCALAR_KERNELS, p),
                            bestCpu(ScanOps.class, VECTOR_SCAN, SCALAR_SCAN, p), conv);
                }
                case "native-gpu" -> {
                    ConvOps conv = required(ConvOps.class, GPU_CONV, p);
                    yield new Backend(name, p, part(KernelOps.class, GPU_KERNELS, p),
                            bestCpu(ScanOps.class, VECTOR_SCAN, SCALAR_SCAN, p), conv);
                }
                default -> throw new IllegalArgumentException("backend: unknown '" + name + "'");
            };
        } catch (Unavailable e) {
            throw new IllegalStateException(name + " unavailable: " + e.getMessage(), e);
        }
    }

    private static void requireVectorModule() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new Unavailable("jdk.incubator.vector is not in the boot layer: run with "
                    + "--add-modules jdk.incubator.vector (the ./ssm4j launcher does)");
        }
    }

    /** The vector part when the Vector API is present and the part loads, else the scalar part. */
    private static <T> T bestCpu(Class<T> type, String vectorClass, String scalarClass, Parallel p) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return part(type, vectorClass, p);
            } catch (Unavailable e) {
                LOG.log(Level.DEBUG, "ssm4j: " + vectorClass + " unavailable, using " + scalarClass + ": "
                        + e.getMessage());
            }
        }
        return part(type, scalarClass, p);
    }

    /** Like {@link #part} but a missing class makes the whole tier unavailable (the part that defines a tier). */
    private static <T> T required(Class<T> type, String className, Parallel p) {
        try {
            Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new Unavailable(className + " is not on the class path");
        } catch (LinkageError e) {
            throw new Unavailable(className + " cannot be loaded (" + e + ")");
        }
        return part(type, className, p);
    }

    /**
     * A stand-in for a part whose module is not on the class path (e.g. a build without {@code conv}): every
     * primitive of that family throws {@link UnsupportedOperationException} naming the class, so the other
     * families of the tier still run. {@link SsmKernel#describe()} shows it as {@code missing}.
     */
    private static <T> T missing(Class<T> type, String className) {
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "toString" -> "missing " + className;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException(method.getName().replaceAll("K$", "")
                            + ": " + className + " is not on the class path of this build");
                });
        return type.cast(proxy);
    }

    /** Loads and constructs one part by class name; every failure becomes {@link Unavailable} with a reason. */
    private static <T> T part(Class<T> type, String className, Parallel p) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return missing(type, className);
        } catch (LinkageError e) {
            throw new Unavailable(className + " cannot be loaded (" + e + ")");
        }
        try {
            return type.cast(c.getConstructor(Parallel.class).newInstance(p));
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Unavailable u) {
                throw u;
            }
            if (cause instanceof IllegalArgumentException bad) {
                // a misconfiguration (say -Dssm4j.fftw.planner=fastest) is the user's to fix, not a missing tier
                throw new IllegalArgumentException(bad.getMessage(), bad);
            }
            // a static initialiser that refused (e.g. ssm4j.vectorbits wider than the hardware): report its reason
            while (cause instanceof LinkageError && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new Unavailable(className + " failed to start: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new Unavailable(className + " cannot be built: " + e, e);
        }
    }
}
