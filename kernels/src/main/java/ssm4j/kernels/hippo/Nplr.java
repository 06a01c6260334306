package ssm4j.kernels.hippo;

/**
 * Normal-plus-low-rank / DPLR form of a HiPPO matrix, all seven steps of SPEC 2.3, in double precision.
 *
 * <p>The Hermitian eigenproblem is solved by EJML's real symmetric QR solver through the 2N×2N real embedding
 * (see {@code docs/hippo.md}). Eigenvectors are normalised to the reference solver's convention, {@code V[0,k]}
 * real and ≥ 0, before B and P are formed, because the clip of step 7 depends on it (SPEC 2.3 "Phase").
 * Thread-safe; allocates its result.
 */
public final class Nplr {
    /** Default clip of Im B (SPEC 2.3 step 7). */
    public static final double DEFAULT_B_CLIP = 2.0;

    /** Step 5: an eigenvalue this close to 0 is the FouT zero eigenvalue and gets the fixed eigenvector. */
    private static final double ZERO_EIGENVALUE = 1e-4;

    private Nplr() {
    }

    /**
     * The NPLR form of measure {@code measure}, state size {@code n}, rank {@code rank}, with
     * {@code Im B} clipped to {@code [−bClip, bClip]}.
     *
     * @throws IllegalArgumentException naming {@code measure}, {@code n} (N &lt; 2 or odd: the form keeps one member
     *         of each conjugate pair), {@code rank} (below the natural rank) or {@code bClip} (NaN or negative)
     * @param measure the HiPPO measure
     * @param n       state size N, even and ≥ 2
     * @param rank    low-rank size R ≥ the natural rank
     * @param bClip   bound of |Im B| (SPEC: 2)
     * @return the form (W, P, B, B_unclipped, V), newly allocated
     */
    public static NplrForm of(HippoMeasure measure, int n, int rank, double bClip) {
        if (measure == null) {
            throw new IllegalArgumentException("measure: must not be null");
        }
        if (n < 2 || n % 2 != 0) {
            throw new IllegalArgumentException("n: the NPLR form needs an even state size >= 2, got " + n);
        }
        if (!(bClip >= 0)) {
            throw new IllegalArgumentException("bClip: must be >= 0, got " + bClip);
        }
        double[] a = Hippo.transitionA(measure, n);
        double[] bh = Hippo.transitionB(measure, n);
        double[] p = Hippo.lowRank(measure, n, rank);
        int half = n / 2;

        // step 1: AP = A + Σ_r p_r p_rᵀ; FouT forms each product in single precision (SPEC 2.3.1, §9.4)
        double[] ap = a.clone();
        boolean f32Products = measure == HippoMeasure.FOUT;
        for (int r = 0; r < rank; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double pi = p[r * n + i];
                    double pj = p[r * n + j];
                    ap[i * n + j] += f32Products ? (double) ((float) pi * (float) pj) : pi * pj;
                }
            }
        }
        // step 2: W_re = mean(diag(AP))
        double wRe = 0;
        for (int i = 0; i < n; i++) {
            wRe += ap[i * n + i];
        }
        wRe /= n;

        // step 3: M = −i·AP read from the strictly lower triangle (LAPACK "L"), Hermitian, zero diagonal
        double[] mRe = new double[n * n];
        double[] mIm = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = ap[i * n + j];
                mIm[i * n + j] = -s;   // −i·s
                mIm[j * n + i] = s;    // conjugate
            }
        }
        HermitianEigen eig = HermitianEigen.of(n, mRe, mIm);

        // step 4: λ ascending already = Im W ascending; keep the first N' (the Im ≤ 0 half)
        double[] w = new double[2 * half];
        double[] v = new double[2 * n * half];
        for (int k = 0; k < half; k++) {
            w[2 * k] = wRe;
            w[2 * k + 1] = eig.values[k];
            // phase convention: rotate column k so that V[0,k] is real and ≥ 0
            double v0r = eig.vectors[2 * k];
            double v0i = eig.vectors[2 * k + 1];
            double mod = Math.hypot(v0r, v0i);
            double cr = mod > 0 ? v0r / mod : 1.0;   // multiply by conj(v0)/|v0|
            double ci = mod > 0 ? -v0i / mod : 0.0;
            for (int r = 0; r < n; r++) {
                double xr = eig.vectors[2 * (r * n + k)];
                double xi = eig.vectors[2 * (r * n + k) + 1];
                v[2 * (r * half + k)] = xr * cr - xi * ci;
                v[2 * (r * half + k) + 1] = xr * ci + xi * cr;
            }
            if (mod > 0) {
                v[2 * k + 1] = 0.0;   // exactly real
            }
        }
        // step 5: the FouT zero eigenvalue gets the eigenvector (e_0 + i·e_1)/√2
        int last = half - 1;
        if (Math.hypot(w[2 * last], w[2 * last + 1]) < ZERO_EIGENVALUE) {
            for (int r = 0; r < n; r++) {
                v[2 * (r * half + last)] = 0.0;
                v[2 * (r * half + last) + 1] = 0.0;
            }
            double s = Math.sqrt(0.5);
            v[2 * last] = s;                      // V[0, last] = 1/√2
            v[2 * (half + last) + 1] = s;         // V[1, last] = i/√2
        }

        // step 6: B = Vᴴ B_hippo, P_r = Vᴴ p_r
        double[] b = conjTransposeTimes(v, n, half, bh, 0);
        double[] pOut = new double[2 * rank * half];
        for (int r = 0; r < rank; r++) {
            double[] pr = conjTransposeTimes(v, n, half, p, r * n);
            System.arraycopy(pr, 0, pOut, 2 * r * half, 2 * half);
        }
        // step 7: clip the imaginary part only
        double[] bClipped = b.clone();
        for (int k = 0; k < half; k++) {
            bClipped[2 * k + 1] = Math.max(-bClip, Math.min(bClip, b[2 * k + 1]));
        }
        return new NplrForm(n, rank, w, pOut, bClipped, b, v);
    }

    /** {@code Vᴴ x} for V (n,half) complex and x real (n) starting at {@code xOff}. */
    private static double[] conjTransposeTimes(double[] v, int n, int half, double[] x, int xOff) {
        double[] out = new double[2 * half];
        for (int k = 0; k < half; k++) {
            double re = 0;
            double im = 0;
            for (int r = 0; r < n; r++) {
                re += v[2 * (r * half + k)] * x[xOff + r];
                im -= v[2 * (r * half + k) + 1] * x[xOff + r];
            }
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
        return out;
    }
}
