package ssm4j.kernels.s4d;

import ssm4j.api.Check;

/**
 * Step (recurrent) mode of a diagonal SSM (SPEC 4.6, 1.3): per batch b, channel h and state n,
 * {@code x ← Ā∘x + B̄·u_l}, then {@code y_l[c] = 2·Re Σ_n C[c,h,n]·x_n} (input before output, so from a zero
 * state the outputs equal the causal convolution with the kernel (4.2)).
 *
 * <p>Layouts (complex interleaved): {@code dA}, {@code dB} (H,N'); C (Cn,H,N'); state (B,H,N') holds x_{−1} on
 * entry and x after the last step on return (updated in place). fp32 overloads keep the state in fp32 and
 * accumulate each output in fp32, as a streaming decoder would.
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
    private final float[] dA32;
    private final float[] dB32;
    private final float[] c32;

    /**
     * From discretised parameters.
     *
     * @param dA complex (H,N'), finite
     * @param dB complex (H,N'), finite
     * @param c  complex (Cn,H,N'), finite
     * @throws IllegalArgumentException naming the argument on bad sizes or non-finite values
     */
    public S4dRecurrence(int h, int n, int channels, double[] dA, double[] dB, double[] c) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("channels", channels);
        long hn = (long) h * n;
        Check.complexRange("dA", dA, 0, hn);
        Check.complexRange("dB", dB, 0, hn);
        Check.complexRange("c", c, 0, channels * hn);
        Check.allFinite("dA", dA, 0, 2 * hn);
        Check.allFinite("dB", dB, 0, 2 * hn);
        Check.allFinite("c", c, 0, 2 * channels * hn);
        this.h = h;
        this.n = n;
        this.channels = channels;
        this.dA = java.util.Arrays.copyOf(dA, (int) (2 * hn));
        this.dB = java.util.Arrays.copyOf(dB, (int) (2 * hn));
        this.c = java.util.Arrays.copyOf(c, (int) (2 * channels * hn));
        this.dA32 = S4dKernel.toFloats(this.dA);
        this.dB32 = S4dKernel.toFloats(this.dB);
        this.c32 = S4dKernel.toFloats(this.c);
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
        args(batch, l);
        long hn = (long) h * n;
        Check.complexRange("state", state, 0, batch * hn);
        Check.allFinite("state", state, 0, 2 * batch * hn);
        Check.range("u", u, 0, (long) batch * h * l);
        Check.allFinite("u", u, 0, (long) batch * h * l);
        Check.range("y", y, 0, (long) batch * channels * h * l);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n;
                int po = 2 * i * n;
                int uo = (b * h + i) * l;
                for (int t = 0; t < l; t++) {
                    double ut = u[uo + t];
                    for (int j = 0; j < 2 * n; j += 2) {
                        double xr = state[so + j];
                        double xi = state[so + j + 1];
                        state[so + j] = dA[po + j] * xr - dA[po + j + 1] * xi + dB[po + j] * ut;
                        state[so + j + 1] = dA[po + j] * xi + dA[po + j + 1] * xr + dB[po + j + 1] * ut;
                    }
                    for (int ch = 0; ch < channels; ch++) {
                        int co = 2 * (ch * h + i) * n;
                        double acc = 0;
                        for (int j = 0; j < 2 * n; j += 2) {
                            acc += c[co + j] * state[so + j] - c[co + j + 1] * state[so + j + 1];
                        }
                        y[((b * channels + ch) * h + i) * l + t] = 2 * acc;   // 2·Re (SPEC 9.2)
                    }
                }
            }
        }
    }

    /** fp32 overload of {@link #steps(int, int, double[], double[], double[])}. */
    public void steps(int batch, int l, float[] state, float[] u, float[] y) {
        args(batch, l);
        long hn = (long) h * n;
        Check.complexRange("state", state, 0, batch * hn);
        Check.allFinite("state", state, 0, 2 * batch * hn);
        Check.range("u", u, 0, (long) batch * h * l);
        Check.allFinite("u", u, 0, (long) batch * h * l);
        Check.range("y", y, 0, (long) batch * channels * h * l);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n;
                int po = 2 * i * n;
                int uo = (b * h + i) * l;
                for (int t = 0; t < l; t++) {
                    float ut = u[uo + t];
                    for (int j = 0; j < 2 * n; j += 2) {
                        float xr = state[so + j];
                        float xi = state[so + j + 1];
                        state[so + j] = dA32[po + j] * xr - dA32[po + j + 1] * xi + dB32[po + j] * ut;
                        state[so + j + 1] = dA32[po + j] * xi + dA32[po + j + 1] * xr + dB32[po + j + 1] * ut;
                    }
                    for (int ch = 0; ch < channels; ch++) {
                        int co = 2 * (ch * h + i) * n;
                        float acc = 0;
                        for (int j = 0; j < 2 * n; j += 2) {
                            acc += c32[co + j] * state[so + j] - c32[co + j + 1] * state[so + j + 1];
                        }
                        y[((b * channels + ch) * h + i) * l + t] = 2 * acc;
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

    private static void args(int batch, int l) {
        Check.positive("batch", batch);
        Check.positive("l", l);
    }
}
