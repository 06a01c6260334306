package ssm4j.jmh;

import java.util.Arrays;

/**
 * Interleaved A/B timing for a noisy shared machine, used by the probes' {@code main} methods (outside JMH): each
 * round runs every call once, back to back, so all of them see the same load; the figures are read as per-call
 * medians and quantiles over the rounds.
 */
final class Interleaved {
    private Interleaved() {
    }

    /**
     * Runs {@code calls} in order, {@code rounds} times, after the caller's warm-up. Returns, per call, its time in
     * each round in milliseconds ({@code [call][round]}); consecutive calls share one clock reading.
     */
    static double[][] time(int rounds, Runnable... calls) {
        double[][] ms = new double[calls.length][rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            for (int c = 0; c < calls.length; c++) {
                calls[c].run();
                long now = System.nanoTime();
                ms[c][r] = (now - t) / 1e6;
                t = now;
            }
        }
        return ms;
    }

    /** The median: the element at index {@code length / 2} of the sorted values. */
    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    /** The {@code q} quantile by the nearest rank {@code round(q·(length − 1))} of the sorted values. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
