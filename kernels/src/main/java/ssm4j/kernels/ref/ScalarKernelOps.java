package ssm4j.kernels.ref;

import ssm4j.api.Parallel;
import ssm4j.api.spi.KernelOps;

/**
 * The scalar tier of the Cauchy and Vandermonde kernels: plain Java, double arithmetic throughout (fp32 overloads
 * widen on read and round once on store), the oracle every faster tier is tested against. Each call splits its
 * H channels over the {@link Parallel} given at construction; a channel is computed by the same code whatever
 * block it lands in, so results do not depend on the thread count. Stateless apart from that; thread-safe.
 */
public final class ScalarKernelOps implements KernelOps {
    private final Parallel parallel;

    /** @param parallel how calls split their channels over threads */
    public ScalarKernelOps(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void cauchyK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                        float[] out, int outOff) {
        parallel.forRange(h, (a, b) -> ScalarCauchy.plain(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff));
    }

    @Override
    public void cauchyK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                        double[] out, int outOff) {
        parallel.forRange(h, (a, b) -> ScalarCauchy.plain(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff));
    }

    @Override
    public void cauchyConjK(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                            float[] out, int outOff) {
        parallel.forRange(h, (a, b) -> ScalarCauchy.conj(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff));
    }

    @Override
    public void cauchyConjK(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                            double[] out, int outOff) {
        parallel.forRange(h, (a, b) -> ScalarCauchy.conj(a, b, n, l, v, vOff, w, wOff, z, zOff, out, outOff));
    }

    @Override
    public void vandermondeK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                             int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.conj(a, b, n, l, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public void vandermondeK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                             int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.conj(a, b, n, l, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public void vandermondeComplexK(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                                    int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.complex(a, b, n, l, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public void vandermondeComplexK(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                                    int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.complex(a, b, n, l, v, vOff, x, xOff, out, outOff));
    }

    @Override
    public void vandermondePowersK(int h, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out,
                                   int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.powers(a, b, n, l, v, vOff, q, qOff, out, outOff));
    }

    @Override
    public void vandermondePowersK(int h, int n, int l, double[] v, int vOff, double[] q, int qOff, double[] out,
                                   int outOff) {
        parallel.forRange(h, (a, b) -> ScalarVandermonde.powers(a, b, n, l, v, vOff, q, qOff, out, outOff));
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
