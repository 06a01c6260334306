package ssm4j.blocks.rows;

import dev.ludovic.netlib.blas.BLAS;
import ssm4j.api.Parallel;

/**
 * The blocks' way to spread GEMMs over threads: netlib's GEMM is single-threaded, so each (batch row, time chunk)
 * item gets its own GEMM calls. The cut into chunks of a fixed number of time steps is the same for every thread
 * count, so results do not depend on it.
 */
public final class GemmChunks {
    /** Time steps per GEMM chunk of the Mamba blocks. */
    public static final int CHUNK = 256;

    private GemmChunks() {
    }

    /** The GEMM work of one item: time steps [t0, t0+m) of batch row {@code b}, on this thread's {@code blas}. */
    @FunctionalInterface
    public interface Body {
        /** Runs the item's GEMMs. */
        void run(BLAS blas, int b, int t0, int m);
    }

    /** Runs {@code body} for every chunk of {@link #CHUNK} time steps of each of {@code batch} rows of {@code len}. */
    public static void forEach(Parallel par, int batch, int len, Body body) {
        int chunks = (len + CHUNK - 1) / CHUNK;
        par.forRange(batch * chunks, (lo, hi) -> {
            BLAS blas = BLAS.getInstance();
            for (int item = lo; item < hi; item++) {
                int t0 = (item % chunks) * CHUNK;
                body.run(blas, item / chunks, t0, Math.min(CHUNK, len - t0));
            }
        });
    }
}
