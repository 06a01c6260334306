package ssm4j.cli.golden;

import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;

/**
 * Golden runner for {@code log_vandermonde} (SPEC 4.1): inputs v, x (H,N) complex and u (H,L) real. Outputs
 * {@code k_conj} ({@link SsmKernel#vandermonde}), {@code k_complex} ({@link SsmKernel#vandermondeComplex}),
 * {@code k_powers} ({@link SsmKernel#vandermondePowers} with bases {@code q = exp(x)} formed in double, then rounded
 * in fp32 runs) and {@code kT} ({@link SsmKernel#vandermondeTranspose} with u). fp32 runs round the inputs to
 * float, as the reference's {@code *_f32} run did.
 */
public final class VandermondeCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        NpyArray v = c.input("v");
        NpyArray x = c.input("x");
        NpyArray u = c.input("u");
        int h = v.dim(0);
        int n = v.dim(1);
        int l = u.dim(1);
        double[] q = expComplex(x.data());
        Map<String, double[]> m = new LinkedHashMap<>();
        if (p == Precision.FP32) {
            float[] vf = v.toFloats();
            float[] xf = x.toFloats();
            float[] kc = new float[h * l];
            kernel.vandermonde(h, n, l, vf, 0, xf, 0, kc, 0);
            float[] kx = new float[2 * h * l];
            kernel.vandermondeComplex(h, n, l, vf, 0, xf, 0, kx, 0);
            float[] kp = new float[2 * h * l];
            kernel.vandermondePowers(h, n, l, vf, 0, GoldenArrays.narrow(q), 0, kp, 0);
            float[] kt = new float[2 * h * n];
            kernel.vandermondeTranspose(h, n, l, u.toFloats(), 0, vf, 0, xf, 0, kt, 0);
            m.put("k_conj", GoldenArrays.widen(kc));
            m.put("k_complex", GoldenArrays.widen(kx));
            m.put("k_powers", GoldenArrays.widen(kp));
            m.put("kT", GoldenArrays.widen(kt));
        } else {
            double[] kc = new double[h * l];
            kernel.vandermonde(h, n, l, v.data(), 0, x.data(), 0, kc, 0);
            double[] kx = new double[2 * h * l];
            kernel.vandermondeComplex(h, n, l, v.data(), 0, x.data(), 0, kx, 0);
            double[] kp = new double[2 * h * l];
            kernel.vandermondePowers(h, n, l, v.data(), 0, q, 0, kp, 0);
            double[] kt = new double[2 * h * n];
            kernel.vandermondeTranspose(h, n, l, u.data(), 0, v.data(), 0, x.data(), 0, kt, 0);
            m.put("k_conj", kc);
            m.put("k_complex", kx);
            m.put("k_powers", kp);
            m.put("kT", kt);
        }
        return m;
    }

    /** Element-wise complex exp of an interleaved array, in double. */
    private static double[] expComplex(double[] x) {
        double[] q = new double[x.length];
        for (int i = 0; i < x.length; i += 2) {
            double mag = Math.exp(x[i]);
            q[i] = mag * Math.cos(x[i + 1]);
            q[i + 1] = mag * Math.sin(x[i + 1]);
        }
        return q;
    }
}
