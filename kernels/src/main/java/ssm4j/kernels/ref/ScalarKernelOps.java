package ssm4j.kernels.ref;

import ssm4j.api.Parallel;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Part;

/**
 * The scalar tier of the Cauchy and Vandermonde kernels: plain Java, double arithmetic throughout (fp32 overloads
 * widen on read and round once on store), the oracle every faster tier is tested against and the bottom of every
 * kernels chain (it overrides every method; it has no lower part). Each call splits its H channels over the
 * {@link Parallel} given at construction; a channel is computed by the same code whatever block it lands in, so
 * results do not depend on the thread count. Stateless apart from that; thread-safe.
 */
public final class ScalarKernelOps extends Part<KernelOps> implements KernelOps {
    /** @param parallel how calls split their channels over threads */
    public ScalarKernelOps(Parallel parallel) {
        super(parallel, null);
    }

    @Override
    public void cauchyK(boolean conj, int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z,
                        int zOff, float[] out, int outOff) {
        parallel.forRange(h, (a, b) -> {
            if (conj) {
                ScalarCauchy.conj(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
            } else {
                ScalarCauchy.plain(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
            }
        });
    }

    @Override
    public void cauchyK(boolean conj, int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z,
                        int zOff, double[] out, int outOff) {
        parallel.forRange(h, (a, b) -> {
            if (conj) {
                ScalarCauchy.conj(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
            } else {
                ScalarCauchy.plain(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
            }
        });
    }

    @Override
    public void vandermondeK(Form form, int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                             int outOff) {
        parallel.forRange(h, (a, b) -> {
            switch (form) {
                case TWO_RE -> ScalarVandermonde.conj(a, b, n, l, v, vOff, x, xOff, out, outOff);
                case COMPLEX -> ScalarVandermonde.complex(a, b, n, l, v, vOff, x, xOff, out, outOff);
                case POWERS -> ScalarVandermonde.powers(a, b, n, l, v, vOff, x, xOff, out, outOff);
            }
        });
    }

    @Override
    public void vandermondeK(Form form, int h, int n, int l, double[] v, int vOff, double[] x, int xOff,
                             double[] out, int outOff) {
        parallel.forRange(h, (a, b) -> {
            switch (form) {
                case TWO_RE -> ScalarVandermonde.conj(a, b, n, l, v, vOff, x, xOff, out, outOff);
                case COMPLEX -> ScalarVandermonde.complex(a, b, n, l, v, vOff, x, xOff, out, outOff);
                case POWERS -> ScalarVandermonde.powers(a, b, n, l, v, vOff, x, xOff, out, outOff);
            }
        });
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                      int xOff, float[] out, int outOff) {
        parallel.forRange(h,
                (a, b) -> ScalarVandermonde.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public void vandermondeTransposeK(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                      int xOff, double[] out, int outOff) {
        parallel.forRange(h,
                (a, b) -> ScalarVandermonde.transpose(a, b, n, l, u, uOff, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public String toString() {
        return "scalar kernels (" + parallel.threads() + " threads)";
    }
}
