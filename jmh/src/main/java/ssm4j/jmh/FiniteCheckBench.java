package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Check;

/**
 * The cost of the facade's value checks (issue 17 item 5) at the canonical sizes, to be read against the call they
 * guard measured in the same run ({@link FftConvBench} W3, {@link SelectiveScanBench} W4): one call checks
 * exactly the arrays below with {@link Check#allFinite}. {@code w3}: x (8·256·4096), k (256·4096), D (256);
 * {@code w4}: u and delta (1536·2048; delta row by row against its lower bound, the W4 bench has no softplus),
 * A (1536·16), B and C (16·2048), D (1536).
 */
public class FiniteCheckBench extends SuiteDefaults {
    @Param({"w3", "w4"})
    String workload;

    float[][] arrays;

    /** Seeded finite arrays of the workload's input sizes. */
    @Setup
    public void setup() {
        int[] sizes = workload.equals("w3") ? new int[] {8 * 256 * 4096, 256 * 4096, 256}
                : new int[] {1536 * 2048, 1536 * 2048, 1536 * 16, 16 * 2048, 16 * 2048, 1536};
        SplittableRandom r = new SplittableRandom(17);
        arrays = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            arrays[i] = new float[sizes[i]];
            for (int j = 0; j < sizes[i]; j++) {
                arrays[i][j] = (float) r.nextDouble(); // in [0, 1): finite, and a valid delta
            }
        }
    }

    /**
     * The value checks of one call: every array finite; for W4 (no softplus, as {@link SelectiveScanBench}) delta
     * instead row by row, finite and {@code >= −deltaBias} (0 here) in one pass, as the facade does.
     */
    @Benchmark
    public int check() {
        for (int i = 0; i < arrays.length; i++) {
            float[] a = arrays[i];
            if (workload.equals("w4") && i == 1) {
                for (int row = 0; row < 1536; row++) {
                    if (Check.firstNonFiniteOrBelow(a, row * 2048, 2048, 0f) >= 0) {
                        throw new IllegalStateException("delta row " + row);
                    }
                }
            } else {
                Check.allFinite("a", a, 0, a.length);
            }
        }
        return arrays.length;
    }
}
