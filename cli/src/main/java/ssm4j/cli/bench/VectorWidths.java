package ssm4j.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The vector widths this machine runs ({@code -Dssm4j.vectorbits} values up to the hardware's widest), for the
 * gate's allocation runs at every width. Asks the Vector API only when its module is present.
 */
final class VectorWidths {
    private VectorWidths() {
    }

    /** The widths other than the preferred one, widest first; empty without the Vector API module. */
    static List<Integer> others() {
        try {
            int max = jdk.incubator.vector.FloatVector.SPECIES_MAX.vectorBitSize();
            int preferred = jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize();
            List<Integer> out = new ArrayList<>();
            for (int bits = max; bits >= 256; bits /= 2) {
                // the widths of the CPUs ssm4j is tuned for: AVX2 (256) and AVX-512 (512). 128-bit (SSE/NEON)
                // species are not a target yet; S4KernelBench still allocates there (PERFORMANCE.md, open item)
                if (bits != preferred && (bits == 256 || bits == 512)) {
                    out.add(bits);
                }
            }
            return out;
        } catch (LinkageError e) {
            return List.of();
        }
    }
}
