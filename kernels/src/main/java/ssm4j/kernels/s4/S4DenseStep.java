package ssm4j.kernels.s4;

/**
 * Dense step mode (SPEC 3.6): {@code x ← dA x + dB u_l}, {@code y_l = Re(dC x)} on the full conjugate-expanded
 * state (2N' complex entries), O(N'²) per step. The reference for the other modes; see {@link S4Step}.
 */
public final class S4DenseStep extends S4Step {
    private final int n2;
    private final double[] dA;
    private final double[] dB;
    private final double[] dC;

    /** The dense mode of a dense form. */
    public S4DenseStep(S4DenseForm form) {
        super(form.h(), form.channels());
        this.n2 = form.stateSize();
        this.dA = form.dARef();
        this.dB = form.dBRef();
        this.dC = form.dCRef();
    }

    @Override
    public int stateSize() {
        return n2;
    }

    @Override
    void stepsK(int batch, int l, double[] state, double[] u, double[] y) {
        double[] x = new double[2 * n2];
        double[] nx = new double[2 * n2];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < h; i++) {
                int so = 2 * (b * h + i) * n2;
                System.arraycopy(state, so, x, 0, 2 * n2);
                for (int t = 0; t < l; t++) {
                    double ut = u[(b * h + i) * l + t];
                    mulVec(dA, 2 * i * n2 * n2, n2, x, nx);
                    for (int j = 0; j < 2 * n2; j++) {
                        nx[j] += dB[2 * i * n2 + j] * ut;
                    }
                    double[] s = x;
                    x = nx;
                    nx = s;
                    if (y != null) {
                        for (int ch = 0; ch < channels; ch++) {
                            y[((b * channels + ch) * h + i) * l + t] = realDot(dC, 2 * (ch * h + i) * n2, x, 0, n2);
                        }
                    }
                }
                System.arraycopy(x, 0, state, so, 2 * n2);
            }
        }
    }

    /** {@code out = M x} for the n×n complex matrix M at {@code mOff}. */
    static void mulVec(double[] m, int mOff, int n, double[] x, double[] out) {
        for (int r = 0; r < n; r++) {
            double sr = 0;
            double si = 0;
            int base = mOff + 2 * r * n;
            for (int j = 0; j < 2 * n; j += 2) {
                double mr = m[base + j];
                double mi = m[base + j + 1];
                sr += mr * x[j] - mi * x[j + 1];
                si += mr * x[j + 1] + mi * x[j];
            }
            out[2 * r] = sr;
            out[2 * r + 1] = si;
        }
    }
}
