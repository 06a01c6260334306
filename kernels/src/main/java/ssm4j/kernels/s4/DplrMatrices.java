package ssm4j.kernels.s4;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;

/**
 * Dense complex matrices of one DPLR channel on the conjugate-expanded state (2N' × 2N', EJML
 * {@link ZMatrixRMaj}, whose interleaved row-major storage is our layout): {@code A_full} (3.2a), the bilinear
 * {@code dA}, {@code dB} (3.2b), powers by repeated squaring (3.3a) and row-vector products. fp64 only; used
 * for set-up work (C̃, the dense form, the step modes), never on the kernel-generation hot path.
 */
final class DplrMatrices {
    private DplrMatrices() {
    }

    /** {@code ce(v)}: the 2N' expansion {@code [v, v̄]} of a stored half at {@code off}. */
    static double[] expand(double[] v, int off, int n) {
        double[] e = new double[4 * n];
        for (int j = 0; j < 2 * n; j += 2) {
            e[j] = v[off + j];
            e[j + 1] = v[off + j + 1];
            e[2 * n + j] = v[off + j];
            e[2 * n + j + 1] = -v[off + j + 1];
        }
        return e;
    }

    /** (3.2a) for channel i: {@code A[a,c] = ce(Λ)_a δ_ac − Σ_r ce(P_r)_a·conj(ce(P_r)_c)}. */
    static ZMatrixRMaj aFull(DplrSystem s, int i) {
        int n2 = 2 * s.n;
        ZMatrixRMaj a = new ZMatrixRMaj(n2, n2);
        double[] d = a.data;
        double[] lam = expand(s.lambda, 2 * i * s.n, s.n);
        for (int j = 0; j < n2; j++) {
            d[2 * (j * n2 + j)] = lam[2 * j];
            d[2 * (j * n2 + j) + 1] = lam[2 * j + 1];
        }
        for (int r = 0; r < s.rank; r++) {
            double[] pr = expand(s.p, s.pOff(r, i), s.n);
            for (int row = 0; row < n2; row++) {
                double ar = pr[2 * row];
                double ai = pr[2 * row + 1];
                for (int col = 0; col < n2; col++) {
                    double br = pr[2 * col];
                    double bi = -pr[2 * col + 1];    // conj(ce(P_r)_col)
                    int o = 2 * (row * n2 + col);
                    d[o] -= ar * br - ai * bi;
                    d[o + 1] -= ar * bi + ai * br;
                }
            }
        }
        return a;
    }

    /**
     * (3.2b) bilinear discretisation of channel i: solves {@code (I − dt/2·A) [dA | dB] = [I + dt/2·A | dt·B]}
     * (no explicit inverse). Returns {dA (2N'×2N'), dB (2N'×1)}.
     */
    static ZMatrixRMaj[] bilinear(DplrSystem s, int i) {
        int n2 = 2 * s.n;
        double dt = s.dt[i];
        ZMatrixRMaj a = aFull(s, i);
        ZMatrixRMaj lhs = new ZMatrixRMaj(n2, n2);
        ZMatrixRMaj rhs = new ZMatrixRMaj(n2, n2 + 1);
        double[] bf = expand(s.b, 2 * i * s.n, s.n);
        for (int row = 0; row < n2; row++) {
            for (int col = 0; col < n2; col++) {
                int o = 2 * (row * n2 + col);
                double re = 0.5 * dt * a.data[o];
                double im = 0.5 * dt * a.data[o + 1];
                double id = row == col ? 1 : 0;
                lhs.data[o] = id - re;
                lhs.data[o + 1] = -im;
                int q = 2 * (row * (n2 + 1) + col);
                rhs.data[q] = id + re;
                rhs.data[q + 1] = im;
            }
            int q = 2 * (row * (n2 + 1) + n2);
            rhs.data[q] = dt * bf[2 * row];
            rhs.data[q + 1] = dt * bf[2 * row + 1];
        }
        ZMatrixRMaj x = new ZMatrixRMaj(n2, n2 + 1);
        if (!CommonOps_ZDRM.solve(lhs, rhs, x)) {
            throw new IllegalArgumentException("dt: I − dt/2·A is singular for channel " + i);
        }
        ZMatrixRMaj dA = new ZMatrixRMaj(n2, n2);
        ZMatrixRMaj dB = new ZMatrixRMaj(n2, 1);
        for (int row = 0; row < n2; row++) {
            System.arraycopy(x.data, 2 * row * (n2 + 1), dA.data, 2 * row * n2, 2 * n2);
            dB.data[2 * row] = x.data[2 * (row * (n2 + 1) + n2)];
            dB.data[2 * row + 1] = x.data[2 * (row * (n2 + 1) + n2) + 1];
        }
        return new ZMatrixRMaj[] {dA, dB};
    }

    /** {@code a^e} for e ≥ 0 by repeated squaring. */
    static ZMatrixRMaj power(ZMatrixRMaj a, long e) {
        int n = a.numRows;
        ZMatrixRMaj result = CommonOps_ZDRM.identity(n);
        ZMatrixRMaj base = a.copy();
        ZMatrixRMaj tmp = new ZMatrixRMaj(n, n);
        boolean first = true;
        while (e > 0) {
            if ((e & 1) != 0) {
                if (first) {
                    result.setTo(base);
                    first = false;
                } else {
                    CommonOps_ZDRM.mult(result, base, tmp);
                    result.setTo(tmp);
                }
            }
            e >>= 1;
            if (e > 0) {
                CommonOps_ZDRM.mult(base, base, tmp);
                base.setTo(tmp);
            }
        }
        return result;
    }

    /** Row vector times matrix: {@code out = row·m} (complex, length m.numCols). */
    static double[] rowTimes(double[] row, ZMatrixRMaj m) {
        int rows = m.numRows;
        int cols = m.numCols;
        double[] out = new double[2 * cols];
        for (int k = 0; k < rows; k++) {
            double xr = row[2 * k];
            double xi = row[2 * k + 1];
            int base = 2 * k * cols;
            for (int j = 0; j < cols; j++) {
                double mr = m.data[base + 2 * j];
                double mi = m.data[base + 2 * j + 1];
                out[2 * j] += xr * mr - xi * mi;
                out[2 * j + 1] += xr * mi + xi * mr;
            }
        }
        return out;
    }

    /** Matrix times column vector {@code out = m·x}. */
    static double[] times(ZMatrixRMaj m, double[] x) {
        int rows = m.numRows;
        int cols = m.numCols;
        double[] out = new double[2 * rows];
        for (int r = 0; r < rows; r++) {
            double sr = 0;
            double si = 0;
            int base = 2 * r * cols;
            for (int j = 0; j < cols; j++) {
                double mr = m.data[base + 2 * j];
                double mi = m.data[base + 2 * j + 1];
                sr += mr * x[2 * j] - mi * x[2 * j + 1];
                si += mr * x[2 * j + 1] + mi * x[2 * j];
            }
            out[2 * r] = sr;
            out[2 * r + 1] = si;
        }
        return out;
    }
}
