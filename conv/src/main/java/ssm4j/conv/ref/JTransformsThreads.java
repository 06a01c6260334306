package ssm4j.conv.ref;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jtransforms.utils.CommonUtils;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Keeps JTransforms single-threaded inside ssm4j. JTransforms 3.1 splits one transform over a static,
 * non-daemon pool (JLargeArrays' {@code ConcurrencyUtils}) once n passes a threshold; that pool would keep a JVM
 * alive after {@code main} returns, and its 2-thread mode is slower than one thread for rows of 8192 points
 * (STYLE.md 7). ssm4j parallelises over rows with {@link ssm4j.api.Parallel} instead, so here the thresholds
 * are raised out of reach, JTransforms' thread count is set to 1, and its pool is replaced by a daemon pool as
 * a backstop (a cached pool starts no thread before its first task, so the original pool never starts one).
 *
 * <p>These settings are JVM-global: other JTransforms users in the same JVM also run single-threaded.
 */
final class JTransformsThreads {
    private JTransformsThreads() {
    }

    private static final class Once {
        static final boolean DONE = apply();

        private static boolean apply() {
            CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Long.MAX_VALUE);
            CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Long.MAX_VALUE);
            ConcurrencyUtils.setNumberOfThreads(1);
            ExecutorService daemonPool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ssm4j-jtransforms");
                t.setDaemon(true);
                return t;
            });
            ConcurrencyUtils.setThreadPool(daemonPool);
            return true;
        }
    }

    /** Applies the settings once per JVM (idempotent, thread-safe through class initialisation). */
    static void singleThreaded() {
        if (!Once.DONE) {
            throw new AssertionError();
        }
    }
}
