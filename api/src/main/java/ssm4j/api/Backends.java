package ssm4j.api;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Part;
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
 * <p>A tier is built here, in one place, as one chain of parts per module (see {@link Part}): scalar ← vector ←
 * native (FFTW convolution) ← native-gpu (cuFFT convolution, cuBLAS Vandermonde), each part constructed over the
 * one below and overriding only what it speeds up. A level that adds nothing to a module is skipped, and so is the
 * vector level when {@code jdk.incubator.vector} is absent (the native tiers then stand on the scalar parts).
 *
 * <p>Instances are shared: one per (tier, thread count), kept in a bounded LRU cache ({@value #DEFAULT_CACHE_SIZE}
 * by default, {@code -Dssm4j.backendCache}); closing one is a no-op. Thread counts are bounded by
 * {@link Check#maxThreads()}.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("ssm4j");

    /** Tier names, best first. */
    public static final List<String> NAMES = List.of("native-gpu", "native", "vector", "scalar");

    /** Tier levels, lowest first: a tier's chains hold the parts of its level and of every level below it. */
    private static final List<String> LEVELS = NAMES.reversed();

    /**
     * The part classes of one module's families, by tier level (scalar, vector, native, native-gpu); {@code null}
     * where a tier adds nothing (its lower part serves). {@code definesNative}: the native tiers are this
     * module's part (FFTW, cuFFT), so without it they are unavailable.
     */
    private record Chain<P>(String group, Class<P> type, boolean definesNative, String... classes) {
    }

    private static final Chain<KernelOps> KERNELS = new Chain<>("kernels", KernelOps.class, false,
            "ssm4j.kernels.ref.ScalarKernelOps", "ssm4j.kernels.simd.VectorKernelOps", null,
            "ssm4j.nativ.cuda.CudaKernelOps");
    private static final Chain<ScanOps> SCAN = new Chain<>("scan", ScanOps.class, false,
            "ssm4j.scan.ref.ScalarScanOps", "ssm4j.scan.simd.VectorScanOps", null, null);
    private static final Chain<ConvOps> CONV = new Chain<>("conv", ConvOps.class, true,
            "ssm4j.conv.ref.JTransformsConvOps", "ssm4j.conv.simd.VectorConvOps", "ssm4j.nativ.fftw.FftwConvOps",
            "ssm4j.nativ.cuda.CudaConvOps");

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

    /**
     * Builds tier {@code name}: for each group its chain of parts, scalar first, each higher level's part constructed
     * with the chain so far as its lower part. The vector level is skipped when {@code jdk.incubator.vector} is
     * absent (the native tiers then fall back to the scalar parts); a lower level whose part cannot start here is
     * skipped with a debug line. The tier's own level must load: the vector tier needs the Vector API, the native
     * tiers their convolution part (FFTW, cuFFT).
     */
    private static SsmKernel build(String name, Parallel p) {
        int level = LEVELS.indexOf(name);
        if (level < 0) {
            throw new IllegalArgumentException("backend: unknown '" + name + "'");
        }
        try {
            if (level == 1) {
                requireVectorModule();
            }
            ConvOps conv = chain(CONV, level, p); // first: it defines the native tiers (fail before any GPU part)
            return new Backend(name, p, chain(KERNELS, level, p), chain(SCAN, level, p), conv);
        } catch (Unavailable e) {
            throw new IllegalStateException(name + " unavailable: " + e.getMessage(), e);
        }
    }

    private static <P> P chain(Chain<P> c, int top, Parallel p) {
        P part = scalar(c.type(), c.classes()[0], p);
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        for (int level = 1; level <= top; level++) {
            String cn = c.classes()[level];
            if (cn == null || level == 1 && !vector) {
                continue; // this tier adds nothing here, or cannot load: the lower part serves
            }
            Class<?> cls = load(cn);
            if (cls == null) {
                if (level == top && level >= 2 && c.definesNative()) {
                    throw new Unavailable(cn + " is not on the class path");
                }
                continue; // a build without that module: the lower part serves
            }
            try {
                part = construct(c.type(), cls, cn, new Class<?>[] {Parallel.class, c.type()}, p, part);
            } catch (Unavailable e) {
                if (level == top) {
                    throw e; // the tier asked for cannot run here
                }
                LOG.log(Level.DEBUG, "ssm4j: " + cn + " unavailable, " + c.group() + " falls back to "
                        + Part.chain(part) + ": " + e.getMessage());
            }
        }
        return part;
    }

    private static void requireVectorModule() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new Unavailable("jdk.incubator.vector is not in the boot layer: run with "
                    + "--add-modules jdk.incubator.vector (the ./ssm4j launcher does)");
        }
    }

    /** The scalar part of a group, or a stand-in when its module is not on the class path. */
    private static <P> P scalar(Class<P> type, String className, Parallel p) {
        Class<?> c = load(className);
        return c == null ? missing(type, className)
                : construct(type, c, className, new Class<?>[] {Parallel.class}, p);
    }

    /** The class, or null when it is not on the class path; a class that fails to link is {@link Unavailable}. */
    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            throw new Unavailable(className + " cannot be loaded (" + e + ")");
        }
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

    /** Constructs one part; every failure becomes {@link Unavailable} with a reason. */
    private static <P> P construct(Class<P> type, Class<?> c, String className, Class<?>[] params, Object... args) {
        try {
            return type.cast(c.getConstructor(params).newInstance(args));
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
