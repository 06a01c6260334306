package ssm4j.kernels.s4;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Diagonal step mode (SPEC 3.6): {@code dA = U diag(μ) U^{−1}}, {@code x ← μ∘x + (U^{−1}dB)·u_l},
 * {@code y_l = Re((dC U)·x)}, O(N') per step on the 2N' eigen-coordinates.
 *
 * <p><b>Diagonalisation.</b> EJML has no complex eigensolver, but dA maps conjugate-symmetric vectors
 * {@code [x, x̄]} to conjugate-symmetric vectors, so in real coordinates {@code x = a + ib} it is a real
 * 2N'×2N' matrix {@code dA_r} similar to dA. Its eigenvalues μ come from EJML's real non-symmetric solver; each
 * eigenvector of the complex dA then comes from three steps of inverse iteration with the shifted matrix
 * {@code dA − (μ + δ)I}, δ ≈ 1e-10·max(1, |μ|) (a shift that leaves every other eigenvalue far away, so each
 * step shrinks their components by ≥ 1e-6). dA is far from normal, so U is ill-conditioned: the golden
 * tolerance of this mode is 1e-6 for that reason, and the dense or linear modes are the accurate ones.
 */
public final class S4DiagonalStep extends S4Step {
    private final int n2;
    private final double[] mu;      // (H,2N') complex eigenvalues
    private final double[] bEig;    // (H,2N') complex U^{-1} dB
    private final double[] cEig;    // (Cn,H,2N') complex dC U

    /**
     * Diagonalises each channel's dA of {@code form}.
     *
     * @throws IllegalArgumentException if some dA cannot be diagonalised (defective or a failed solve)
     */
    public S4DiagonalStep(S4DenseForm form) {
        super(form.h(), form.channels());
        this.n2 = form.stateSize();
        int h = form.h();
        int cn = form.channels();
        this.mu = new double[2 * h * n2];
        this.bEig = new double[2 * h * n2];
        this.cEig = new double[2 * cn * h * n2];
        double[] dA = form.dARef();
        double[] dB = form.dBRef();
        double[] dC = form.dCRef();
        int half = n2 / 2;
        for (int i = 0; i < h; i++) {
            ZMatrixRMaj a = new ZMatrixRMaj(n2, n2);
            System.arraycopy(dA, 2 * i * n2 * n2, a.data, 0, 2 * n2 * n2);
            // real coordinates: x' = (A11 + A12)a + i(A11 − A12)b for x = a + ib, [x, x̄] ↦ A[x, x̄]
            DMatrixRMaj real = new DMatrixRMaj(n2, n2);
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    int o11 = 2 * (r * n2 + c);
                    int o12 = 2 * (r * n2 + half + c);
                    double sr = a.data[o11] + a.data[o12];
                    double si = a.data[o11 + 1] + a.data[o12 + 1];
                    double dr = a.data[o11] - a.data[o12];
                    double di = a.data[o11 + 1] - a.data[o12 + 1];
                    real.set(r, c, sr);
                    real.set(r, half + c, -di);
                    real.set(half + r, c, si);
                    real.set(half + r, half + c, dr);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n2, false);
            if (!eig.decompose(real)) {
                throw new IllegalArgumentException("form: eigendecomposition of dA failed for channel " + i);
            }
            ZMatrixRMaj u = new ZMatrixRMaj(n2, n2);
            for (int k = 0; k < n2; k++) {
                Complex_F64 ev = eig.getEigenvalue(k);
                double[][] pair = eigenpair(a, ev.real, ev.imaginary, k, i);
                double[] v = pair[0];
                mu[2 * (i * n2 + k)] = pair[1][0];
                mu[2 * (i * n2 + k) + 1] = pair[1][1];
                for (int r = 0; r < n2; r++) {
                    u.data[2 * (r * n2 + k)] = v[2 * r];
                    u.data[2 * (r * n2 + k) + 1] = v[2 * r + 1];
                }
            }
            ZMatrixRMaj rhs = new ZMatrixRMaj(n2, 1);
            System.arraycopy(dB, 2 * i * n2, rhs.data, 0, 2 * n2);
            ZMatrixRMaj sol = new ZMatrixRMaj(n2, 1);
            if (!CommonOps_ZDRM.solve(u, rhs, sol)) {
                throw new IllegalArgumentException("form: dA of channel " + i + " is not diagonalisable");
            }
            System.arraycopy(sol.data, 0, bEig, 2 * i * n2, 2 * n2);
            for (int ch = 0; ch < cn; ch++) {
                double[] row = new double[2 * n2];
                System.arraycopy(dC, 2 * (ch * h + i) * n2, row, 0, 2 * n2);
                double[] cu = DplrMatrices.rowTimes(row, u);
                System.arraycopy(cu, 0, cEig, 2 * (ch * h + i) * n2, 2 * n2);
            }
        }
    }

    /**
     * Unit eigenvector of a near eigenvalue μ by inverse iteration; returns {v (2n doubles), μ refined by the
     * Rayleigh quotient vᴴ·a·v (2 doubles)}. The shift is re-centred on the refined μ each step, so an
     * eigenvalue that the real solver returned with error ε·cond(U) does not limit the result.
     */
    private static double[][] eigenpair(ZMatrixRMaj a, double mr, double mi, int k, int channel) {
        int n = a.numRows;
        ZMatrixRMaj v = new ZMatrixRMaj(n, 1);
        for (int j = 0; j < n; j++) {
            v.data[2 * j] = 1.0 + 0.37 * ((j * 7 + k) % 5);   // a start with components along every vector
            v.data[2 * j + 1] = 0.11 * ((j * 3 + k) % 7);
        }
        ZMatrixRMaj x = new ZMatrixRMaj(n, 1);
        ZMatrixRMaj m = new ZMatrixRMaj(n, n);
        for (int it = 0; it < 4; it++) {
            double scale = 1e-11 * Math.max(1, Math.hypot(mr, mi));
            m.setTo(a);
            for (int j = 0; j < n; j++) {
                m.data[2 * (j * n + j)] -= mr + scale;
                m.data[2 * (j * n + j) + 1] -= mi + scale;
            }
            if (!CommonOps_ZDRM.solve(m, v, x)) {
                throw new IllegalArgumentException("form: inverse iteration failed for channel " + channel);
            }
            double norm = 0;
            for (int j = 0; j < 2 * n; j++) {
                norm += x.data[j] * x.data[j];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("form: inverse iteration failed for channel " + channel);
            }
            for (int j = 0; j < 2 * n; j++) {
                v.data[j] = x.data[j] / norm;
            }
            double[] av = DplrMatrices.times(a, v.data);
            double qr = 0;
            double qi = 0;
            for (int j = 0; j < 2 * n; j += 2) {      // vᴴ·(a v), ‖v‖ = 1
                qr += v.data[j] * av[j] + v.data[j + 1] * av[j + 1];
                qi += v.data[j] * av[j + 1] - v.data[j + 1] * av[j];
            }
            mr = qr;
            mi = qi;
        }
        return new double[][] {v.data.clone(), {mr, mi}};
    }

    @Override
    public int stateSize() {
        return n2;
    }

    /** A copy of the eigenvalues μ of each dA, complex (H,2N'). */
    public double[] eigenvalues() {
        return mu.clone();
    }

    @Override
    void stepsK(int batch, int l, double[] state, double[] u, double[] y) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n2;
                int po = 2 * i * n2;
                for (int t = 0; t < l; t++) {
                    double ut = u[(b * h + i) * l + t];
                    for (int j = 0; j < 2 * n2; j += 2) {
                        double xr = state[so + j];
                        double xi = state[so + j + 1];
                        state[so + j] = mu[po + j] * xr - mu[po + j + 1] * xi + bEig[po + j] * ut;
                        state[so + j + 1] = mu[po + j] * xi + mu[po + j + 1] * xr + bEig[po + j + 1] * ut;
                    }
                    if (y != null) {
                        for (int ch = 0; ch < channels; ch++) {
                            double acc = realDot(cEig, 2 * (ch * h + i) * n2, state, so, n2);
                            y[((b * channels + ch) * h + i) * l + t] = acc;
                        }
                    }
                }
            }
        }
    }
}
