package ssm4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-JVM cache of built layers, keyed by layer kind and the weights' content hash ({@link Weights#sha256()}):
 * each executor JVM builds a layer (its precomputed Vandermonde arguments, copied projections, and through them the
 * backend's cached FFT plans) once, and every later task and partition of any transformer with the same weights
 * reuses it. Bounded (least recently used beyond {@value #MAX_ENTRIES} layers) so long-lived executors that see
 * many models do not grow without limit. Thread-safe.
 */
final class LayerCache {
    static final int MAX_ENTRIES = 8;

    private static final Map<String, RowLayer> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RowLayer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private static int builds;

    private LayerCache() {
    }

    /**
     * The layer {@code kind} ({@code conv}, {@code s4d}, {@code mamba}) for {@code weights}, built on first use.
     *
     * @throws IllegalArgumentException if the weights do not fit the layer (missing or mis-shaped tensors)
     */
    static RowLayer get(String kind, Weights weights) {
        String key = kind + ":" + weights.sha256();
        synchronized (CACHE) {
            RowLayer l = CACHE.get(key);
            if (l != null) {
                return l;
            }
        }
        RowLayer built = build(kind, weights); // outside the lock: building a large layer takes a while
        synchronized (CACHE) {
            RowLayer prev = CACHE.get(key);
            if (prev != null) {
                return prev;
            }
            CACHE.put(key, built);
            builds++;
            return built;
        }
    }

    /** Builds a layer without caching it (the driver's validation in {@code transform()}). */
    static RowLayer build(String kind, Weights weights) {
        try {
            return switch (kind) {
                case "conv" -> new ConvRowLayer(weights.tensors());
                case "s4d" -> BlockRowLayer.s4d(weights.tensors());
                case "mamba" -> BlockRowLayer.mamba(weights.tensors());
                default -> throw new IllegalArgumentException("layer: must be conv, s4d or mamba, got '" + kind + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("weights: do not fit layer '" + kind + "': " + e.getMessage(), e);
        }
    }

    /** How many layers this JVM has built (for tests of the reuse). */
    static int builds() {
        synchronized (CACHE) {
            return builds;
        }
    }
}
