package ssm4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.io.SafeDtype;
import ssm4j.blocks.io.TensorView;
import ssm4j.lm.proj.Projector;
import ssm4j.lm.proj.WeightMatrix;

/**
 * Projections against a double-precision loop at awkward sizes (odd rows and columns: vector tails, row blocks of
 * 4 with a remainder, n on both sides of the GEMV/GEMM switch, strided x and y), F32 and BF16 weights, scalar and
 * vector tiers.
 */
class ProjectorTest {
    @Test
    void gemvAndGemmMatchADoubleLoop() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (SsmKernel k : new SsmKernel[] {LmTestModels.scalar(), LmTestModels.best()}) {
            Projector p = new Projector(k);
            for (int[] rc : new int[][] {{1, 1}, {37, 45}, {130, 17}, {5, 64}}) {
                int rows = rc[0];
                int cols = rc[1];
                float[] w = new float[rows * cols];
                short[] bf = new short[w.length];
                for (int i = 0; i < w.length; i++) {
                    bf[i] = SafeDtype.floatToBf16((float) rnd.nextGaussian());
                    w[i] = SafeDtype.bf16ToFloat(bf[i]); // the same values in both dtypes
                }
                WeightMatrix f32 = WeightMatrix.of(w, rows, cols);
                WeightMatrix b16 = WeightMatrix.of(new TensorView("w", SafeDtype.BF16, new int[] {rows, cols},
                        MemorySegment.ofArray(bf)), rows, cols);
                for (int n : new int[] {1, 3, Projector.GEMV_MAX, Projector.GEMV_MAX + 1, 33}) {
                    int ldx = cols + 3;
                    int ldy = rows + 2;
                    float[] x = new float[2 + n * ldx];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) rnd.nextGaussian();
                    }
                    for (WeightMatrix m : new WeightMatrix[] {f32, b16}) {
                        float[] y = new float[1 + n * ldy];
                        p.apply(m, 0, rows, n, x, 2, ldx, y, 1, ldy);
                        for (int t = 0; t < n; t++) {
                            for (int o = 0; o < rows; o++) {
                                double want = 0;
                                double mag = 0;
                                for (int c = 0; c < cols; c++) {
                                    want += (double) w[o * cols + c] * x[2 + t * ldx + c];
                                    mag += Math.abs((double) w[o * cols + c] * x[2 + t * ldx + c]);
                                }
                                assertEquals(want, y[1 + t * ldy + o], 1e-6 * mag + 1e-30, k.name() + " " + m.dtype()
                                        + " " + rows + "x" + cols + " n=" + n + " t=" + t + " o=" + o);
                            }
                        }
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> p.apply(f32, 0, rows, 2, new float[cols], 0,
                        cols, new float[2 * rows], 0, rows));
            }
        }
    }
}
