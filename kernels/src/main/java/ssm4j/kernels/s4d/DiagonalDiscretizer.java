package ssm4j.kernels.s4d;

/**
 * Per-entry discretisation of a diagonal system (SPEC 1.2c), in fp64 with cancellation-free forms: the ZOH
 * factor {@code (e^{dtA} − 1)/A} uses a complex expm1 (the naive difference loses {@code log10(1/|dtA|)} digits
 * when dt is small), and the bilinear exponent {@code log Ā} is {@code log1p(dtA/2) − log1p(−dtA/2)}.
 * Complex numbers are written into {@code out[off], out[off+1]} as (re, im).
 */
final class DiagonalDiscretizer {
    private DiagonalDiscretizer() {
    }

    /**
     * Writes, for one entry {@code a = ar + i·ai} and step {@code dt}: {@code dA = Ā}, {@code beta = β} (so that
     * {@code B̄ = B·β}) and {@code logDA = log Ā} (the Vandermonde exponent of (4.1a)), each complex at
     * {@code off}.
     */
    static void discretize(S4dDiscretization disc, double dt, double ar, double ai, double[] dA, double[] beta,
                           double[] logDA, int off) {
        double xr = dt * ar;
        double xi = dt * ai;
        if (disc == S4dDiscretization.ZOH) {
            // (1.2c) ZOH: Ā = e^{dtA}; β = (e^{dtA} − 1)/A with e^{x}−1 = expm1(xr)cos xi − 2 sin²(xi/2) + i e^{xr} sin xi
            double e = Math.exp(xr);
            double c = Math.cos(xi);
            double s = Math.sin(xi);
            dA[off] = e * c;
            dA[off + 1] = e * s;
            double sh = Math.sin(0.5 * xi);
            double mr = Math.expm1(xr) * c - 2 * sh * sh;
            double mi = e * s;
            div(mr, mi, ar, ai, beta, off);
            logDA[off] = xr;
            logDA[off + 1] = xi;
        } else {
            // (1.2c) bilinear: Ā = (1 + dtA/2)/(1 − dtA/2); β = dt/(1 − dtA/2)
            double hr = 0.5 * xr;
            double hi = 0.5 * xi;
            div(1 + hr, hi, 1 - hr, -hi, dA, off);
            div(dt, 0, 1 - hr, -hi, beta, off);
            // log Ā = log1p(dtA/2) − log1p(−dtA/2): accurate even when |Ā| is within rounding of 1
            logDA[off] = 0.5 * (Math.log1p(2 * hr + hr * hr + hi * hi) - Math.log1p(-2 * hr + hr * hr + hi * hi));
            logDA[off + 1] = Math.atan2(hi, 1 + hr) - Math.atan2(-hi, 1 - hr);
        }
    }

    /** {@code (ar + i·ai)/(br + i·bi)} into {@code out[off..off+1]} (Smith's algorithm: no overflow in |b|²). */
    static void div(double ar, double ai, double br, double bi, double[] out, int off) {
        if (Math.abs(br) >= Math.abs(bi)) {
            double r = bi / br;
            double d = br + bi * r;
            out[off] = (ar + ai * r) / d;
            out[off + 1] = (ai - ar * r) / d;
        } else {
            double r = br / bi;
            double d = bi + br * r;
            out[off] = (ar * r + ai) / d;
            out[off + 1] = (ai * r - ar) / d;
        }
    }
}
