package ssm4j.api;

/**
 * Every SSM primitive of ssm4j, computed by one backend ({@code scalar}, {@code vector}, {@code native},
 * {@code native-gpu}). {@link #get()} returns the best backend available on this JVM; {@link Backends#byName}
 * picks one explicitly.
 *
 * <p><b>Layout.</b> All arrays are caller-provided and row-major; a complex array of shape {@code S} is a real
 * array of shape {@code S×2}, interleaved {@code (re, im)}. Offsets, where present, count array elements (floats
 * or doubles), not complex numbers. Sizes follow {@code shared/SPEC.md}; equation tags such as (3.1a) refer to it.
 *
 * <p><b>Contract.</b> Every method validates its arguments once (shapes, array lengths, offsets, nulls, NaN and
 * out-of-domain values where they matter) and throws {@link IllegalArgumentException} naming the argument, the
 * need and the fact. Behind that check the kernels trust their input, allocate nothing per call once warm
 * (plans and workspaces are cached per shape) and write only the output ranges documented. A kernel is safe
 * to call from several threads at once; each call may itself use {@link #threads()} threads, and results do not
 * depend on the thread count.
 *
 * <p>fp32 ({@code float[]}) is the fast path; every primitive also has an fp64 ({@code double[]}) overload.
 */
public interface SsmKernel {

    /** The best available backend, chosen once (native &gt; vector &gt; scalar, or {@code -Dssm4j.backend}). */
    static SsmKernel get() {
        return Backends.get();
    }

    /** Stable backend name: {@code "scalar"}, {@code "vector"}, {@code "native"} or {@code "native-gpu"}. */
    String name();

    /** Which implementation computes each family of primitives, and the thread count, for logs and reports. */
    String describe();

    /** Number of threads one call may use (at least 1). */
    int threads();

    // ---------------------------------------------------------------- Cauchy kernel (SPEC 3.1)

    /**
     * Plain Cauchy kernel (3.1a): {@code out[h,l] = Σ_n v[h,n] / (z[l] − w[h,n])}.
     *
     * @param h channels, {@code n} poles per channel, {@code l} evaluation points (all ≥ 1)
     * @param v complex (H,N) numerators from {@code vOff}
     * @param w complex (H,N) poles from {@code wOff}; finite
     * @param z complex (L) evaluation points from {@code zOff}; finite
     * @param out complex (H,L) result, written from {@code outOff}
     */
    void cauchy(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                float[] out, int outOff);

    /** fp64 overload of {@link #cauchy(int, int, int, float[], int, float[], int, float[], int, float[], int)}. */
    void cauchy(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                double[] out, int outOff);

    /**
     * Conjugate-pair Cauchy kernel (3.1b): {@code out[h,l] = Σ_{n<N'} v_n/(z_l − w_n) + v̄_n/(z_l − w̄_n)}, where
     * {@code v} and {@code w} hold one member of each conjugate pair ({@code n} = N').
     * Arguments as for {@link #cauchy(int, int, int, float[], int, float[], int, float[], int, float[], int)}.
     */
    void cauchyConj(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                    float[] out, int outOff);

    /** fp64 overload of {@link #cauchyConj(int, int, int, float[], int, float[], int, float[], int, float[], int)}. */
    void cauchyConj(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                    double[] out, int outOff);

    // ---------------------------------------------------------------- Vandermonde kernel (SPEC 4.1)

    /**
     * Log-Vandermonde kernel, conjugate form (4.1a): {@code out[h,l] = 2·Re Σ_n v[h,n]·exp(x[h,n]·l)}.
     *
     * @param v complex (H,N) from {@code vOff}
     * @param x complex (H,N) exponents from {@code xOff}; finite
     * @param out real (H,L), written from {@code outOff}
     */
    void vandermonde(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out, int outOff);

    /** fp64 overload of {@link #vandermonde(int, int, int, float[], int, float[], int, float[], int)}. */
    void vandermonde(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out, int outOff);

    /**
     * Log-Vandermonde kernel, complex form (4.1a without 2·Re): {@code out[h,l] = Σ_n v[h,n]·exp(x[h,n]·l)};
     * {@code out} is complex (H,L).
     */
    void vandermondeComplex(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out, int outOff);

    /** fp64 overload of {@link #vandermondeComplex(int, int, int, float[], int, float[], int, float[], int)}. */
    void vandermondeComplex(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                            int outOff);

    /**
     * Vandermonde kernel from the bases themselves ("powers", 4.1a): {@code out[h,l] = Σ_n v[h,n]·q[h,n]^l}
     * with integer powers; {@code q} complex (H,N) finite, {@code out} complex (H,L).
     */
    void vandermondePowers(int h, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out, int outOff);

    /** fp64 overload of {@link #vandermondePowers(int, int, int, float[], int, float[], int, float[], int)}. */
    void vandermondePowers(int h, int n, int l, double[] v, int vOff, double[] q, int qOff, double[] out,
                           int outOff);

    /**
     * Transposed log-Vandermonde (4.1b): {@code out[h,n] = Σ_l u[h,l]·v[h,n]·exp(x[h,n]·l)}.
     *
     * @param u real (H,L) from {@code uOff}
     * @param out complex (H,N), written from {@code outOff}
     */
    void vandermondeTranspose(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x, int xOff,
                              float[] out, int outOff);

    /** fp64 overload of {@link #vandermondeTranspose(int, int, int, float[], int, float[], int, float[], int, float[], int)}. */
    void vandermondeTranspose(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                              int xOff, double[] out, int outOff);

    // ---------------------------------------------------------------- recurrent mode (SPEC 8, 7)

    /**
     * Diagonal time-invariant scan (8.4 / 1.3): per batch b, channel h and state n,
     * {@code x_t = a∘x_{t−1} + b∘u_t} with {@code x_{−1} = x0} (zero when {@code x0} is null), and
     * {@code y[b,h,t] = Re Σ_n c[h,n]·x_t[n] + d[h]·u[b,h,t]} (no factor 2: pass {@code 2c} for a conjugate-pair
     * system). Shapes from {@code s}: a, b, c (H,N) real or complex; d (H) real or null; x0 (B,H,N) like a, or
     * null; u (B,H,L) real; y (B,H,L) real, written; stateOut (B,H,N) like a, written with x_{L−1}, or null.
     */
    void diagScan(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u, float[] y,
                  float[] stateOut);

    /** fp64 overload of {@link #diagScan(DiagScanShape, float[], float[], float[], float[], float[], float[], float[], float[])}. */
    void diagScan(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                  double[] y, double[] stateOut);

    /**
     * Selective scan, Mamba S6 (SPEC 7.1–7.2). Shapes from {@code s}: u, delta, z (B,D,L); A (D,N) (complex when
     * {@link SelectiveScanShape#complexA()}); B, C per their {@link BcLayout}; d, deltaBias (D); x0 and lastState
     * (B,D,N) (complex with complex A). Nullable: d, z, deltaBias, x0 (zero initial state), lastState (not
     * returned). {@code out} (B,D,L) is written. With {@link SelectiveScanShape#seqStarts()} the batch is one
     * packed sequence and x0 / lastState hold one state per sequence.
     */
    void selectiveScan(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c, float[] d,
                       float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState);

    /** fp64 overload of {@link #selectiveScan(SelectiveScanShape, float[], float[], float[], float[], float[], float[], float[], float[], float[], float[], float[])}. */
    void selectiveScan(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                       double[] d, double[] z, double[] deltaBias, double[] x0, double[] out, double[] lastState);

    /**
     * One Mamba decoding step (SPEC 7.3), updating {@code state} (B,Hh,D,N) in place. x, dt, z, out (B,Hh,D);
     * A (Hh,D,N); B, C (B,G,N); d, dtBias (Hh,D). Nullable: d, z, dtBias. Without heads use Hh = 1.
     */
    void selectiveStateUpdate(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b, float[] c,
                              float[] d, float[] z, float[] dtBias, float[] out);

    /** fp64 overload of {@link #selectiveStateUpdate(SsuShape, float[], float[], float[], float[], float[], float[], float[], float[], float[], float[])}. */
    void selectiveStateUpdate(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                              double[] c, double[] d, double[] z, double[] dtBias, double[] out);

    // ---------------------------------------------------------------- FFT convolution (SPEC 6)

    /**
     * FFT convolution (6.1, 6.2): {@code y[b,(c h),t] = Σ_s k[c,h,s]·x[b,h,t−s] (+ backward term) + D[c,h]·x[b,h,t]}.
     * Shapes from {@code s}: x (B,H,L); k (Cn',H,Lk) with Cn' = Cn, or 2·Cn when bidirectional (forward kernels
     * first); d (Cn,H) or null; y (B,Cn·H,L), written. Plans and the kernel's spectrum workspace are cached per
     * shape inside the backend, so repeated calls with one shape allocate nothing.
     */
    void fftConv(ConvShape s, float[] x, float[] k, float[] d, float[] y);

    /** fp64 overload of {@link #fftConv(ConvShape, float[], float[], float[], float[])}. */
    void fftConv(ConvShape s, double[] x, double[] k, double[] d, double[] y);

    // ---------------------------------------------------------------- Mamba-2 SSD (SPEC 12)

    /**
     * Mamba-2 SSD scan (SPEC 12.1–12.4): per batch row, head h and time t, {@code δ = clamp(softplus?(dt + dtBias))},
     * {@code S_t = exp(δ·A[h])·S_{t−1} + δ·x_t[h] B_t[g(h)]ᵀ}, {@code y_t[h,p] = (Σ_n S_t[p,n]·C_t[g(h),n] +
     * D·x_t[h,p])·silu(z_t[h,p])}. Shapes from {@code s}: x, z, y (B,L,H,P); dt (B,L,H); a (H); b, c (B,L,G,N);
     * d (H) or (H,P) ({@link SsdScanShape#dPerHeaddim()}); dtBias (H); initialStates and finalStates (S,H,P,N)
     * with S = {@link SsdScanShape#sequences()} (they may be the same array: the state is then updated in place);
     * chunkStates and prevStates (B,nc,H,P,N), the chunked algorithm's intermediates (12.4; not available with
     * packed sequences). Nullable: d, z, dtBias, initialStates (zero), finalStates, chunkStates, prevStates.
     * {@code y} is written.
     */
    void ssdScan(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                 float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                 float[] prevStates);

    /** fp64 overload of {@link #ssdScan(SsdScanShape, float[], float[], float[], float[], float[], float[], float[], float[], float[], float[], float[], float[], float[])}. */
    void ssdScan(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d, double[] z,
                 double[] dtBias, double[] initialStates, double[] y, double[] finalStates, double[] chunkStates,
                 double[] prevStates);
}
