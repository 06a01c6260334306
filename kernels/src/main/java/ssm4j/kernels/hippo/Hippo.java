package ssm4j.kernels.hippo;

/**
 * HiPPO transition matrices and their low-rank corrections (SPEC 2.1, 2.2), computed in double precision.
 *
 * <p>All matrices are row-major {@code double[]}: A is (N,N) with {@code A[n,m] = a[n*N + m]}, B is (N,)
 * (the reference returns it as (N,1), which has the same layout), P is (R,N) with {@code P[r,n] = p[r*N + n]}.
 * Methods are static, allocate their results and are thread-safe.
 */
public final class Hippo {
    /**
     * {@code fl32(√2)}: the reference builds the FouT low-rank term in single precision whatever precision is
     * asked (SPEC 2.2, §9.4), so golden P holds this value and not {@code Math.sqrt(2)}.
     */
    public static final double SQRT2_F32 = (float) Math.sqrt(2.0);

    private Hippo() {
    }

    /**
     * The transition matrix A (N,N) row-major of measure {@code measure} (SPEC 2.1).
     *
     * @throws IllegalArgumentException naming {@code measure} or {@code n} (N &lt; 1, odd N for FouT)
     * @param measure the HiPPO measure
     * @param n       state size N ≥ 1 (even for FouT)
     * @return A (N,N) row-major, newly allocated
     */
    public static double[] transitionA(HippoMeasure measure, int n) {
        checkMeasure(measure);
        measure.checkSize(n);
        double[] a = new double[n * n];
        switch (measure) {
            case LEGS -> {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c <= r; c++) {
                        // (2.1) LegS: −q_n q_m below the diagonal, −(n+1) on it
                        a[r * n + c] = r == c ? -(r + 1.0) : -Math.sqrt(2.0 * r + 1) * Math.sqrt(2.0 * c + 1);
                    }
                }
            }
            case LEGT -> {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        // (2.1) LegT: −½ q_n q_m, times (−1)^(n−m) above the diagonal
                        double s = r < c && ((c - r) & 1) == 1 ? -1.0 : 1.0;
                        a[r * n + c] = -0.5 * Math.sqrt(2.0 * r + 1) * Math.sqrt(2.0 * c + 1) * s;
                    }
                }
            }
            case LAGT -> {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c <= r; c++) {
                        a[r * n + c] = r == c ? -0.5 : -1.0;
                    }
                }
            }
            case FOUT -> {
                double[] beta = fourierBeta(n, Math.sqrt(2.0));
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        a[r * n + c] = -beta[r] * beta[c];
                    }
                }
                // F[2k, 2k+1] = −πk, F[2k+1, 2k] = +πk, k = 1 .. N/2 − 1 (rows/columns 0, 1 of F are zero)
                for (int k = 1; k < n / 2; k++) {
                    a[2 * k * n + 2 * k + 1] += -Math.PI * k;
                    a[(2 * k + 1) * n + 2 * k] += Math.PI * k;
                }
            }
            default -> throw new AssertionError(measure);
        }
        return a;
    }

    /**
     * The input vector B (N,) of measure {@code measure} (SPEC 2.1).
     *
     * @throws IllegalArgumentException naming {@code measure} or {@code n}
     * @param measure the HiPPO measure
     * @param n       state size N ≥ 1 (even for FouT)
     * @return B (N,), newly allocated
     */
    public static double[] transitionB(HippoMeasure measure, int n) {
        checkMeasure(measure);
        measure.checkSize(n);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = switch (measure) {
                case LEGS -> Math.sqrt(2.0 * i + 1);
                case LEGT -> 0.5 * Math.sqrt(2.0 * i + 1);
                case LAGT -> 1.0;
                case FOUT -> 0.0;
            };
        }
        if (measure == HippoMeasure.FOUT) {
            System.arraycopy(fourierBeta(n, Math.sqrt(2.0)), 0, b, 0, n);
        }
        return b;
    }

    /**
     * The low-rank term P (R,N) row-major with {@code A + Σ_r p_r p_rᵀ = S + c·I}, S skew-symmetric (SPEC 2.2).
     * Rows beyond the natural rank are zero. FouT entries are {@code 1} and {@link #SQRT2_F32}, as the reference
     * builds them in single precision.
     *
     * @throws IllegalArgumentException naming {@code measure}, {@code n} or {@code rank} (rank below the
     *         measure's natural rank: 1, or 2 for LegT)
     * @param measure the HiPPO measure
     * @param n       state size N ≥ 1 (even for FouT)
     * @param rank    R ≥ the natural rank
     * @return P (R,N) row-major, newly allocated
     * @param measure the HiPPO measure
     * @return c
     */
    public static double[] lowRank(HippoMeasure measure, int n, int rank) {
        checkMeasure(measure);
        measure.checkSize(n);
        if (rank < 1) {
            throw new IllegalArgumentException("rank: must be >= 1, got " + rank);
        }
        measure.checkRank(rank);
        double[] p = new double[rank * n];
        switch (measure) {
            case LEGS -> {
                for (int i = 0; i < n; i++) {
                    p[i] = Math.sqrt(i + 0.5);
                }
            }
            case LEGT -> {
                // row 0: q_n/√2 at odd n; row 1: q_n/√2 at even n
                for (int i = 0; i < n; i++) {
                    p[((i & 1) == 1 ? 0 : n) + i] = Math.sqrt(2.0 * i + 1) / Math.sqrt(2.0);
                }
            }
            case LAGT -> {
                for (int i = 0; i < n; i++) {
                    p[i] = Math.sqrt(0.5);
                }
            }
            case FOUT -> System.arraycopy(fourierBeta(n, SQRT2_F32), 0, p, 0, n);
            default -> throw new AssertionError(measure);
        }
        return p;
    }

    /** The constant c of {@code A + PᵀP = S + c·I} (SPEC 2.2): −½ for LegS, 0 otherwise. */
    public static double normalShift(HippoMeasure measure) {
        return checkMeasure(measure) == HippoMeasure.LEGS ? -0.5 : 0.0;
    }

    /** β = (1, 0, r2, 0, r2, 0, …) of FouT with r2 standing for √2 (SPEC 2.1). */
    private static double[] fourierBeta(int n, double r2) {
        double[] beta = new double[n];
        beta[0] = 1.0;
        for (int i = 2; i < n; i += 2) {
            beta[i] = r2;
        }
        return beta;
    }

    private static HippoMeasure checkMeasure(HippoMeasure measure) {
        if (measure == null) {
            throw new IllegalArgumentException("measure: must not be null");
        }
        return measure;
    }
}
