package ssm4j.kernels.s4;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_ZDRM;

import ssm4j.api.Check;
import ssm4j.kernels.DiscreteSystem;

/**
 * The dense discretised form of an S4 layer (SPEC 3.6a) on the conjugate-expanded state of size 2N': per
 * channel {@code dA}, {@code dB} (3.2b) and {@code dC = C̃_full (I − dA^{l_kernel})^{−1}} (≈ ce(C), recovered
 * from C̃ by solving {@code (I − dA^{l_kernel})ᵀ dCᵀ = C̃_fullᵀ}), and the Krylov kernel
 * {@code K[c,h,l] = Re(dC dA^l dB)} which equals the Cauchy kernel (the reference's own check).
 *
 * <p>Layouts (complex interleaved): dA (H,2N',2N'), dB (H,2N'), dC (Cn,H,2N'). fp64, EJML for the solves.
 * Immutable after construction; the getters return copies.
 */
public final class S4DenseForm extends DiscreteSystem {
    private final int n2;
    private final double[] dC;

    private S4DenseForm(int h, int n2, int channels, double[] dA, double[] dB, double[] dC) {
        super(h, channels, dA, dB);
        this.n2 = n2;
        this.dC = dC;
    }

    /**
     * Builds the dense form of {@code sys} with output vector C̃ (Cn,H,N') attuned to {@code lKernel} (3.3a).
     *
     * @throws IllegalArgumentException naming the argument on bad sizes or values, or if
     *                                  {@code I − dA^{lKernel}} is singular
     */
    public static S4DenseForm of(DplrSystem sys, int channels, double[] cTilde, int lKernel) {
        S4Kernel.outputArgs(sys, channels, "lKernel", lKernel, false, "cTilde", cTilde);
        int n2 = 2 * sys.n;
        int h = sys.h;
        double[] dA = new double[2 * h * n2 * n2];
        double[] dB = new double[2 * h * n2];
        double[] dC = new double[2 * channels * h * n2];
        for (int i = 0; i < h; i++) {
            ZMatrixRMaj[] d = DplrMatrices.bilinear(sys, i);
            System.arraycopy(d[0].data, 0, dA, 2 * i * n2 * n2, 2 * n2 * n2);
            System.arraycopy(d[1].data, 0, dB, 2 * i * n2, 2 * n2);
            // (I − dA^L)ᵀ dCᵀ = C̃_fullᵀ, all channels as columns of one right-hand side
            ZMatrixRMaj m = DplrMatrices.power(d[0], lKernel);
            ZMatrixRMaj lhs = new ZMatrixRMaj(n2, n2);
            for (int row = 0; row < n2; row++) {
                for (int col = 0; col < n2; col++) {
                    int src = 2 * (col * n2 + row);   // transpose
                    int dst = 2 * (row * n2 + col);
                    lhs.data[dst] = (row == col ? 1 : 0) - m.data[src];
                    lhs.data[dst + 1] = -m.data[src + 1];
                }
            }
            ZMatrixRMaj rhs = new ZMatrixRMaj(n2, channels);
            for (int ch = 0; ch < channels; ch++) {
                double[] full = DplrMatrices.expand(cTilde, 2 * (ch * h + i) * sys.n, sys.n);
                for (int row = 0; row < n2; row++) {
                    rhs.data[2 * (row * channels + ch)] = full[2 * row];
                    rhs.data[2 * (row * channels + ch) + 1] = full[2 * row + 1];
                }
            }
            ZMatrixRMaj x = new ZMatrixRMaj(n2, channels);
            if (!CommonOps_ZDRM.solve(lhs, rhs, x)) {
                throw new IllegalArgumentException("lKernel: I − dA^" + lKernel + " is singular for channel " + i);
            }
            for (int ch = 0; ch < channels; ch++) {
                for (int row = 0; row < n2; row++) {
                    dC[2 * ((ch * h + i) * n2 + row)] = x.data[2 * (row * channels + ch)];
                    dC[2 * ((ch * h + i) * n2 + row) + 1] = x.data[2 * (row * channels + ch) + 1];
                }
            }
        }
        return new S4DenseForm(h, n2, channels, dA, dB, dC);
    }

    /** Full state size 2N'. */
    public int stateSize() {
        return n2;
    }

    /** A copy of dC, complex (Cn,H,2N'). */
    public double[] dC() {
        return dC.clone();
    }

    double[] dARef() {
        return dA;
    }

    double[] dBRef() {
        return dB;
    }

    double[] dCRef() {
        return dC;
    }

    /**
     * The Krylov kernel {@code K[c,h,l] = Re(dC dA^l dB)} (3.6a), real (Cn,H,L), by L matrix–vector products.
     *
     * @throws IllegalArgumentException if {@code l < 1} or {@code out} is short
     */
    public void krylovKernel(int l, double[] out) {
        Check.positive("l", l);
        Check.range("out", out, 0, (long) channels * h * l);
        double[] x = new double[2 * n2];
        double[] y = new double[2 * n2];
        for (int i = 0; i < h; i++) {
            System.arraycopy(dB, 2 * i * n2, x, 0, 2 * n2);
            int ao = 2 * i * n2 * n2;
            for (int t = 0; t < l; t++) {
                for (int ch = 0; ch < channels; ch++) {
                    int co = 2 * (ch * h + i) * n2;
                    double acc = 0;
                    for (int j = 0; j < 2 * n2; j += 2) {
                        acc += dC[co + j] * x[j] - dC[co + j + 1] * x[j + 1];
                    }
                    out[(ch * h + i) * l + t] = acc;
                }
                S4DenseStep.mulVec(dA, ao, n2, x, y);
                double[] s = x;
                x = y;
                y = s;
            }
        }
    }
}
