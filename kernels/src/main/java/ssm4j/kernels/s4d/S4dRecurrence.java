package ssm4j.kernels.s4d;

import ssm4j.api.Check;
import ssm4j.kernels.ref.Doubles;

/**
 * Step (recurrent) mode of a diagonal SSM (SPEC 4.6, 1.3): per batch b, channel h and state n,
 * {@code x ← Ā∘x + B̄·u_l}, then {@code y_l[c] = 2·Re Σ_n C[c,h,n]·x_n} (input before output, so from a zero
 * state the outputs equal the causal convolution with the kernel (4.2)).
 *
 * <p>Layouts (complex interleaved): {@code dA}, {@code dB} (H,N'); C (Cn,H,N'); state (B,H,N') holds x_{−1} on
 * entry and x after the last step on return (updated in place). Both precisions run one loop in double (the
 * tables are fp64); fp32 overloads keep the state in fp32 between steps, rounded once per step as a streaming
 * decoder's would be, and round each output once.
 *
 * <p>Immutable; safe for concurrent use with distinct state and output arrays.
 */
public final class S4dRecurrence {
    private final int h;
    private final int n;
    private final int channels;
    private final double[] dA;
    private final double[] dB;
    private final double[] c;

    /**
     * From discretised parameters.
     *
     * @param dA complex (H,N'), finite
     * @param dB complex (H,N'), finite
     * @param c  complex (Cn,H,N'), finite
     * @throws IllegalArgumentException naming the argument on bad sizes or non-finite values
     */
    public S4dRecurrence(int h, int n, int channels, double[] dA, double[] dB, double[] c) {
        S4dKernel.counts(h, n, channels);
        long hn = (long) h * n;
        S4dKernel.arrays(hn, channels, "dA", dA, "dB", dB, c);
        this.h = h;
        this.n = n;
        this.channels = channels;
        this.dA = java.util.Arrays.copyOf(dA, (int) (2 * hn));
        this.dB = java.util.Arrays.copyOf(dB, (int) (2 * hn));
        this.c = java.util.Arrays.copyOf(c, (int) (2 * channels * hn));
    }

    /** The recurrence of a kernel's own discretisation ({@link S4dKernel#dA()}, {@link S4dKernel#dB()}). */
    public static S4dRecurrence of(S4dKernel k) {
        return new S4dRecurrence(k.h(), k.n(), k.channels(), k.dA(), k.dB(), k.c());
    }

    /**
     * L steps (1.3) from {@code state}.
     *
     * @param state complex (B,H,N'): x_{−1} in, x_{L−1} out
     * @param u     real (B,H,L)
     * @param y     real (B,Cn,H,L), written
     * @throws IllegalArgumentException on short arrays, non-finite u or state, {@code batch} or {@code l} &lt; 1
     */
    public void steps(int batch, int l, double[] state, double[] u, double[] y) {
        steps(batch, l, Doubles.of(state), Doubles.of(u), Doubles.of(y));
    }

    /** fp32 overload of {@link #steps(int, int, double[], double[], double[])}. */
    public void steps(int batch, int l, float[] state, float[] u, float[] y) {
        steps(batch, l, Doubles.of(state), Doubles.of(u), Doubles.of(y));
    }

    /** The one loop of both precisions: arithmetic in double, each stored state and output rounded once. */
    private void steps(int batch, int l, Doubles state, Doubles u, Doubles y) {
        Check.positive("batch", batch);
        Check.positive("l", l);
        long hn = (long) h * n;
        state.range("state", 0, 2 * batch * hn);
        state.allFinite("state", 0, 2 * batch * hn);
        u.range("u", 0, (long) batch * h * l);
        u.allFinite("u", 0, (long) batch * h * l);
        y.range("y", 0, (long) batch * channels * h * l);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n;
                int po = 2 * i * n;
                int uo = (b * h + i) * l;
                for (int t = 0; t < l; t++) {
                    double ut = u.get(uo + t);
                    for (int j = 0; j < 2 * n; j += 2) {
                        double xr = state.get(so + j);
                        double xi = state.get(so + j + 1);
                        state.set(so + j, dA[po + j] * xr - dA[po + j + 1] * xi + dB[po + j] * ut);
                        state.set(so + j + 1, dA[po + j] * xi + dA[po + j + 1] * xr + dB[po + j + 1] * ut);
                    }
                    for (int ch = 0; ch < channels; ch++) {
                        int co = 2 * (ch * h + i) * n;
                        double acc = 0;
                        for (int j = 0; j < 2 * n; j += 2) {
                            acc += c[co + j] * state.get(so + j) - c[co + j + 1] * state.get(so + j + 1);
                        }
                        y.set(((b * channels + ch) * h + i) * l + t, 2 * acc);   // 2·Re (SPEC 9.2)
                    }
                }
            }
        }
    }

    /**
     * One step: {@code u} real (B,H) is the input at this time, {@code y} real (B,Cn,H) is written, {@code state}
     * complex (B,H,N') advances by one step. Same as {@link #steps} with L = 1.
     */
    public void step(int batch, double[] state, double[] u, double[] y) {
        steps(batch, 1, state, u, y);
    }

    /** fp32 overload of {@link #step(int, double[], double[], double[])}. */
    public void step(int batch, float[] state, float[] u, float[] y) {
        steps(batch, 1, state, u, y);
    }
}
