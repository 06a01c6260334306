package ssm4j.spark;

import java.util.Map;

import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.StateDict;
import ssm4j.blocks.Tensor;

/**
 * Causal FFT convolution (SPEC 6.1) of each row with one kernel per channel plus the D skip:
 * {@code y[h,t] = Σ_s k[h,s]·u[h,t−s] + D[h]·u[h,t]}, through {@link SsmKernel#fftConv}. Weights: {@code k} of
 * shape (H,Lk) or (1,H,Lk); optional {@code D} of shape (H) or (1,H). Rows are (H,L) with L ≥ Lk.
 */
final class ConvRowLayer implements RowLayer {
    private final int h;
    private final int lk;
    private final float[] k32;
    private final double[] k64;
    private final float[] d32;
    private final double[] d64;

    ConvRowLayer(Map<String, Tensor> weights) {
        StateDict sd = new StateDict("FFT conv", weights);
        Tensor k = weights.get("k");
        if (k != null && k.rank() == 3) {
            k = sd.get("k", 1, -1, -1).reshape(k.dim(1), k.dim(2));
        } else {
            k = sd.get("k", -1, -1);
        }
        this.h = k.dim(0);
        this.lk = k.dim(1);
        ssm4j.api.Check.positive("k: H", h);
        ssm4j.api.Check.positive("k: Lk", lk);
        this.k64 = finite("k", k.toDoubles());
        this.k32 = k.toFloats();
        if (weights.containsKey("D")) {
            Tensor d = weights.get("D");
            d = d.rank() == 2 ? sd.get("D", 1, h) : sd.get("D", h);
            this.d64 = finite("D", d.toDoubles());
            this.d32 = d.toFloats();
        } else {
            this.d64 = null;
            this.d32 = null;
        }
    }

    private static double[] finite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + ": must be finite, element " + i + " is " + v[i]);
            }
        }
        return v;
    }

    @Override
    public int width() {
        return h;
    }

    @Override
    public int minLength() {
        return lk;
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, float[] in, float[] out) {
        kernel.fftConv(new ConvShape(batch, h, length, 1, lk, false), in, k32, d32, out);
    }

    @Override
    public void forward(SsmKernel kernel, int batch, int length, double[] in, double[] out) {
        kernel.fftConv(new ConvShape(batch, h, length, 1, lk, false), in, k64, d64, out);
    }
}
