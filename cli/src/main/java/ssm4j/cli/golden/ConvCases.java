package ssm4j.cli.golden;

import java.util.Map;

import ssm4j.api.ConvShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.io.NpyArray;

/**
 * Golden runner for {@code fft_conv} (SPEC 6): x (B,H,L), k (Cn',H,Lk), D (Cn,H) → y (B,Cn·H,L), causal or
 * bidirectional, through {@link SsmKernel#fftConv}. Sizes come from the arrays' shapes; the case's
 * {@code bidirectional} and {@code channels} params say how to read the kernel's first axis.
 */
public final class ConvCases implements CaseRunner {
    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws Exception {
        NpyArray x = c.input("x");
        NpyArray k = c.input("k");
        NpyArray d = c.hasInput("D") ? c.input("D") : null;
        boolean bidirectional = c.boolParam("bidirectional", false);
        int channels = c.intParam("channels", bidirectional ? k.dim(0) / 2 : k.dim(0));
        ConvShape s = new ConvShape(x.dim(0), x.dim(1), x.dim(2), channels, k.dim(2), bidirectional);
        int ySize = s.batch() * s.channels() * s.h() * s.length();
        if (p == Precision.FP32) {
            float[] y = new float[ySize];
            kernel.fftConv(s, x.toFloats(), k.toFloats(), d == null ? null : d.toFloats(), y);
            double[] wide = new double[ySize];
            for (int i = 0; i < ySize; i++) {
                wide[i] = y[i];
            }
            return Map.of("y", wide);
        }
        double[] y = new double[ySize];
        kernel.fftConv(s, x.data(), k.data(), d == null ? null : d.data(), y);
        return Map.of("y", y);
    }
}
