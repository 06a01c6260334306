package ssm4j.blocks.mamba2;

/**
 * The sizes of one Mamba-2 block (SPEC 12.6), read from its weights and {@link Mamba2Config}: d_model, E = d_inner,
 * H heads of P = E/H, G groups, N = d_state, W = d_conv, and whether D is (H,P).
 */
record Mamba2Sizes(int dm, int e, int h, int g, int n, int w, boolean dPerHeaddim, Mamba2Config cfg) {
    /** P = headdim. */
    int p() {
        return e / h;
    }

    /** G·N, the width of B and of C. */
    int gn() {
        return g * n;
    }

    /** conv_dim = E + 2GN. */
    int convDim() {
        return e + 2 * g * n;
    }

    /** Rows of in_proj: 2E + 2GN + H (z, xBC, dt). */
    int rows() {
        return 2 * e + 2 * g * n + h;
    }
}
