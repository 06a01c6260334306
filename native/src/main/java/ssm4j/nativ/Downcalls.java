package ssm4j.nativ;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The exception plumbing every binding shares around {@link MethodHandle#invokeExact}, which declares
 * {@code Throwable}: runtime exceptions and errors pass through unchanged, anything else (which a downcall does
 * not throw) is wrapped.
 */
public final class Downcalls {
    private Downcalls() {
    }

    /** A downcall returning a C {@code int} status, written as a lambda around one {@code invokeExact}. */
    @FunctionalInterface
    public interface IntCall {
        /** Makes the call. */
        int call() throws Throwable;
    }

    /**
     * Runs {@code c} and returns its status. The lambda keeps the call site's exact static types (no boxing of
     * the arguments, unlike {@link #invokeWithArguments}); it is small enough for C2 to inline and scalar-replace.
     */
    public static int invoke(IntCall c) {
        try {
            return c.call();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** For set-up calls returning a C {@code int} only: boxes its arguments; hot calls use {@link #invoke}. */
    public static int invokeWithArguments(MethodHandle h, Object... args) {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A library's own translation of a non-zero C status into an exception naming {@code function}. */
    @FunctionalInterface
    public interface StatusCheck {
        /** Throws for a non-zero {@code rc}. */
        void check(String function, int rc);
    }

    /**
     * A set-up call {@code function(&out, rest...)} that creates something (a stream, a handle, an allocation):
     * the pointer it wrote, after {@code check} accepted the status. Boxes its arguments, as
     * {@link #invokeWithArguments} does.
     */
    public static MemorySegment outPointer(StatusCheck check, String function, MethodHandle h, Object... rest) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check.check(function, invokeWithArguments(h, withFirst(out, rest)));
            return out.get(ValueLayout.ADDRESS, 0);
        }
    }

    /** As {@link #outPointer} for a call that writes one C {@code int} (a count, a version, a plan id). */
    public static int outInt(StatusCheck check, String function, MethodHandle h, Object... rest) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.JAVA_INT);
            check.check(function, invokeWithArguments(h, withFirst(out, rest)));
            return out.get(ValueLayout.JAVA_INT, 0);
        }
    }

    private static Object[] withFirst(Object first, Object[] rest) {
        Object[] args = new Object[rest.length + 1];
        args[0] = first;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return args;
    }

    /** {@code t} as an unchecked exception to throw; an {@link Error} is thrown here. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
