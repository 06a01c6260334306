package ssm4j.api.spi;

import ssm4j.api.Parallel;

/**
 * The common base of a tier part: the {@link Parallel} its calls split work over and the next-lower tier's part
 * of the same family, which computes every method this part does not override. The family interfaces
 * ({@link CauchyOps}, {@link ConvOps}, ...) implement each method by default as a call to {@link #lower()}, so a
 * part overrides only what it speeds up (netlib's {@code VectorBLAS extends Java11BLAS}) and writes no
 * forwarding of its own. The scalar tier is the bottom: it has no lower part and overrides every method.
 *
 * @param <P> the family interface (or the aggregate of the families this part implements)
 */
public abstract class Part<P> {
    /** How calls split their work over threads. */
    protected final Parallel parallel;
    private final P lower;

    /**
     * @param parallel how calls split their work over threads
     * @param lower    the next-lower tier's part of the same family; {@code null} only for the scalar tier
     */
    protected Part(Parallel parallel, P lower) {
        this.parallel = parallel;
        this.lower = lower;
    }

    /** The next-lower tier's part, or {@code null} in the scalar tier (which overrides every method). */
    public final P lower() {
        return lower;
    }

    /** The class names down the chain, e.g. {@code "VectorConvOps>JTransformsConvOps"}, for describe(). */
    public static String chain(Object part) {
        if (java.lang.reflect.Proxy.isProxyClass(part.getClass())) {
            return "missing";
        }
        String name = part.getClass().getSimpleName();
        Object below = part instanceof Part<?> p ? p.lower() : null;
        return below == null ? name : name + ">" + chain(below);
    }
}
