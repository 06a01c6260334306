package ssm4j.kernels.hippo;

/**
 * The normal-plus-low-rank (DPLR) form of a HiPPO matrix (SPEC 2.3): in the eigenbasis V of its normal part the
 * state matrix is {@code diag(W) − P Pᴴ} on the conjugate-expanded state. Complex arrays are interleaved
 * {@code (re, im)} and row-major; arrays are owned by the record (callers must not modify them).
 *
 * @param n           full state size N (even)
 * @param rank        low-rank size R
 * @param w           W (N') complex: eigenvalues kept, Im ascending (most negative first)
 * @param p           P (R,N') complex: {@code Vᴴ p_r}
 * @param b           B (N') complex: {@code Vᴴ B_hippo} with its imaginary part clipped to ±bClip
 * @param bUnclipped  B (N') complex before the clip
 * @param v           V (N,N') complex: eigenvector columns, {@code V[0,k]} real and ≥ 0
 */
public record NplrForm(int n, int rank, double[] w, double[] p, double[] b, double[] bUnclipped, double[] v) {
    /** N' = N/2, the number of stored conjugate-pair entries. */
    public int half() {
        return n / 2;
    }
}
