package ssm4j.conv;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import ssm4j.api.ConvShape;

/**
 * One reusable workspace per convolution shape, handed to one call at a time: {@link #acquire} takes the cached
 * workspace (or builds one when it is absent or held by a concurrent call), {@link #release} puts it back. A
 * steady stream of calls with one shape therefore allocates nothing, and concurrent calls never share scratch.
 * At most {@link #MAX_SHAPES} shapes are kept (workspaces hold kernel spectra, megabytes each); past that the
 * cache is emptied. Thread-safe.
 *
 * @param <W> workspace type
 */
public final class WorkspaceCache<W> {
    /** Shapes kept before the cache is cleared. */
    public static final int MAX_SHAPES = 8;

    private final ConcurrentHashMap<ConvShape, AtomicReference<W>> slots = new ConcurrentHashMap<>();
    private final Function<ConvShape, W> factory;

    /** @param factory builds a workspace for a shape (plans, spectra, per-thread scratch) */
    public WorkspaceCache(Function<ConvShape, W> factory) {
        this.factory = factory;
    }

    /** A workspace for {@code s} that no other call holds until {@link #release}. */
    public W acquire(ConvShape s) {
        AtomicReference<W> slot = slots.get(s);
        if (slot == null) {
            if (slots.size() >= MAX_SHAPES) {
                slots.clear();
            }
            slot = slots.computeIfAbsent(s, key -> new AtomicReference<>());
        }
        W w = slot.getAndSet(null);
        return w != null ? w : factory.apply(s);
    }

    /** Returns {@code w} (acquired for {@code s}) to the cache. */
    public void release(ConvShape s, W w) {
        AtomicReference<W> slot = slots.get(s);
        if (slot != null) {
            slot.set(w);
        }
    }

    /** Drops every cached workspace. */
    public void clear() {
        slots.clear();
    }
}
