package ssm4j.scan.simd;

/**
 * Per-thread buffers of the vector diagonal scan: one block of V segments (the lanes) and one time tile,
 * transposed so that a vector load reads V segments at one step, plus the per-lane parameter tables.
 * Grown on demand and reused, so steady-state calls allocate nothing.
 */
final class DiagWorkspace {
    /** Steps per time tile: u and y tiles of TILE·V floats (8 KiB each at V = 8) stay in L1. */
    static final int TILE = 256;

    private static final ThreadLocal<DiagWorkspace> LOCAL = ThreadLocal.withInitial(DiagWorkspace::new);

    float[] u = new float[0];       // (TILE, V)
    float[] y = new float[0];       // (TILE, V)
    float[] par = new float[0];     // (N, 7, V): ar, ai, −ai, br, bi, cr, −ci per pole and lane (real: a, b, c)
    float[] state = new float[0];   // (N, 2, V)
    /** Chunk carries of the calling thread: segment end states and carried-in states (8.3 (i)–(ii)). */
    float[] ends = new float[0];
    float[] carry = new float[0];

    /** This thread's workspace for {@code lanes} lanes and {@code n} poles. */
    static DiagWorkspace get(int lanes, int n) {
        DiagWorkspace w = LOCAL.get();
        if (w.u.length < TILE * lanes) {
            w.u = new float[TILE * lanes];
            w.y = new float[TILE * lanes];
        }
        if (w.par.length < 7 * n * lanes) {
            w.par = new float[7 * n * lanes];
            w.state = new float[2 * n * lanes];
        }
        return w;
    }

    /** Grows the carry buffers of this (calling) thread's workspace to {@code size} floats each. */
    void carries(int size) {
        if (ends.length < size) {
            ends = new float[size];
            carry = new float[size];
        }
    }
}
