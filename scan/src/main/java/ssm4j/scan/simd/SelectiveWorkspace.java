package ssm4j.scan.simd;

/**
 * Per-thread buffers of the vector selective scan: one block of V channels (the vector lanes) and one time tile
 * of K steps, transposed so that a vector load reads V channels at one time step (anchors/scan_sol.c layout).
 * Grown on demand and then reused, so steady-state calls allocate nothing.
 */
final class SelectiveWorkspace {
    /** Time steps per tile: 4 tiles of K·V floats stay in L1 (K = 64, V = 8: 2 KiB each). */
    static final int TILE = 64;

    private static final ThreadLocal<SelectiveWorkspace> LOCAL = ThreadLocal.withInitial(SelectiveWorkspace::new);

    float[] delta = new float[0];   // (K, V): δ after bias and softplus
    float[] du = new float[0];      // (K, V): δ·u
    float[] u = new float[0];       // (K, V)
    float[] z = new float[0];       // (K, V)
    float[] y = new float[0];       // (K, V): Σ_n x·C
    float[] bt = new float[0];      // (K, V): B per lane when lanes of a block use different groups
    float[] ct = new float[0];      // (K, V): C likewise
    float[] state = new float[0];   // (N, V)
    float[] at = new float[0];      // (N, V): A transposed
    float[] bf = new float[0];      // (N, V): fixed B transposed
    float[] cf = new float[0];      // (N, V): fixed C transposed
    float[] skip = new float[0];    // (V): D per lane

    /** This thread's workspace, sized for {@code lanes} lanes and {@code n} states. */
    static SelectiveWorkspace get(int lanes, int n) {
        SelectiveWorkspace w = LOCAL.get();
        int tile = TILE * lanes;
        if (w.delta.length < tile) {
            w.delta = new float[tile];
            w.du = new float[tile];
            w.u = new float[tile];
            w.z = new float[tile];
            w.y = new float[tile];
            w.bt = new float[tile];
            w.ct = new float[tile];
        }
        if (w.state.length < n * lanes) {
            w.state = new float[n * lanes];
            w.at = new float[n * lanes];
            w.bf = new float[n * lanes];
            w.cf = new float[n * lanes];
            w.skip = new float[lanes];
        }
        return w;
    }
}
