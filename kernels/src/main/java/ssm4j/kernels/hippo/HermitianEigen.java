package ssm4j.kernels.hippo;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a complex Hermitian matrix through EJML's real symmetric solver (SPEC 2.3 step 3).
 *
 * <p>EJML has no complex Hermitian eigensolver, so {@code M = X + iY} (X symmetric, Y antisymmetric) is embedded
 * as the real symmetric 2n×2n matrix {@code E = [[X, −Y], [Y, X]]}. If {@code M v = λ v} with
 * {@code v = x + iy}, then both {@code [x; y]} and {@code [−y; x]} are eigenvectors of E for λ, so every
 * eigenvalue of M appears twice in E, and any unit real eigenvector {@code [x; y]} of E in that plane gives a
 * unit complex eigenvector {@code x + iy} of M. Clusters of (numerically) equal eigenvalues are handled by
 * orthonormalising the complex vectors of the whole cluster (modified Gram–Schmidt, dropping dependent ones).
 */
final class HermitianEigen {
    /** Eigenvalues ascending (n). */
    final double[] values;
    /** Eigenvectors as columns, (n,n) complex interleaved row-major: {@code V[r,k] = vectors[2(r*n+k)]}. */
    final double[] vectors;

    private HermitianEigen(double[] values, double[] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes the Hermitian matrix given by its real and imaginary parts (n×n row-major each; only the
     * Hermitian structure is assumed, it is not checked).
     */
    static HermitianEigen of(int n, double[] re, double[] im) {
        int n2 = 2 * n;
        DMatrixRMaj e = new DMatrixRMaj(n2, n2);
        double scale = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double x = re[r * n + c];
                double y = im[r * n + c];
                e.set(r, c, x);
                e.set(r, c + n, -y);
                e.set(r + n, c, y);
                e.set(r + n, c + n, x);
                scale = Math.max(scale, Math.hypot(x, y));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n2, true, true);
        if (!eig.decompose(e)) {
            throw new ArithmeticException("EJML symmetric eigensolver did not converge (n=" + n2 + ")");
        }
        // sort the 2n real eigenpairs ascending
        Integer[] order = new Integer[n2];
        double[] lam = new double[n2];
        for (int i = 0; i < n2; i++) {
            order[i] = i;
            lam[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(lam[a], lam[b]));

        double[] values = new double[n];
        double[] vectors = new double[2 * n * n];
        // eigenvalues closer than this belong to one cluster; EJML's eigenvalues are accurate to a few ulp of ‖E‖
        double tol = 1e-10 * Math.max(scale * n, Double.MIN_NORMAL);
        int filled = 0;
        int i = 0;
        while (i < n2) {
            int j = i + 1;
            while (j < n2 && lam[order[j]] - lam[order[j - 1]] <= tol) {
                j++;
            }
            // cluster [i, j): its complex span has dimension (j − i)/2; every real eigenvector x ⊕ y of the
            // cluster is read as the complex vector x + iy, then a pivoted Gram–Schmidt picks (j − i)/2 of them
            if (((j - i) & 1) == 1 && j < n2) {
                j++;   // a doubled pair split by rounding across the threshold: keep both halves together
            }
            int want = (j - i) / 2;
            int size = j - i;
            double[][] cand = new double[size][];
            for (int t = 0; t < size; t++) {
                DMatrixRMaj v = eig.getEigenVector(order[i + t]);
                double[] w = new double[2 * n];
                for (int r = 0; r < n; r++) {
                    w[2 * r] = v.get(r, 0);
                    w[2 * r + 1] = v.get(r + n, 0);
                }
                cand[t] = w;
            }
            for (int got = 0; got < want; got++) {
                int best = -1;
                double bestNorm = 0;
                for (int t = 0; t < size; t++) {
                    if (cand[t] == null) {
                        continue;
                    }
                    double nn = 0;
                    for (double x : cand[t]) {
                        nn += x * x;
                    }
                    if (nn > bestNorm) {
                        bestNorm = nn;
                        best = t;
                    }
                }
                if (best < 0 || bestNorm < 1e-12) {
                    throw new ArithmeticException("Hermitian eigensolver: cluster of " + size
                            + " real eigenvalues spans fewer than " + want + " complex vectors");
                }
                double[] q = cand[best];
                cand[best] = null;
                double inv = 1.0 / Math.sqrt(bestNorm);
                for (int r = 0; r < 2 * n; r++) {
                    q[r] *= inv;
                }
                for (int r = 0; r < n; r++) {
                    vectors[2 * (r * n + filled)] = q[2 * r];
                    vectors[2 * (r * n + filled) + 1] = q[2 * r + 1];
                }
                // each complex eigenvector accounts for two (equal) real eigenvalues of the cluster
                values[filled] = 0.5 * (lam[order[i + 2 * got]] + lam[order[i + 2 * got + 1]]);
                filled++;
                // project q out of the remaining candidates (complex inner product <q, w> = Σ conj(q) w)
                for (double[] w : cand) {
                    if (w == null) {
                        continue;
                    }
                    double dr = 0;
                    double di = 0;
                    for (int r = 0; r < n; r++) {
                        dr += q[2 * r] * w[2 * r] + q[2 * r + 1] * w[2 * r + 1];
                        di += q[2 * r] * w[2 * r + 1] - q[2 * r + 1] * w[2 * r];
                    }
                    for (int r = 0; r < n; r++) {
                        w[2 * r] -= dr * q[2 * r] - di * q[2 * r + 1];
                        w[2 * r + 1] -= dr * q[2 * r + 1] + di * q[2 * r];
                    }
                }
            }
            i = j;
        }
        return new HermitianEigen(values, vectors);
    }
}
