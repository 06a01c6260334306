package ssm4j.fft.simd;

/**
 * The schedule and twiddle factors of one power-of-two complex FFT of length M for a vector of VL lanes,
 * computed once in double precision (tiers round them to float). Forward = decimation in frequency, natural
 * order in, bit-reversed order out; inverse = decimation in time, the mirror image. Passes over memory, in
 * forward order: one radix-2 pass when the number of levels above the vector width is odd, then radix-4 passes
 * (two levels each) with block sizes M', M'/4, …, 4·VL, then one in-register pass for the last log2 VL levels
 * (butterfly spans VL/2 … 1, done with lane permutations). Immutable.
 *
 * <p>Twiddle layout: for a radix-4 pass on blocks of size B (quarter q = B/4) the six arrays
 * {@code w1r, w1i, w2r, w2i, w3r, w3i} of length q, {@code w_p = exp(−2πi·p·j/B)}; for a radix-2 pass (half
 * h = B/2) {@code wr, wi} of length h, {@code exp(−2πi·j/B)}; all concatenated in {@link #twiddles}.
 */
final class Stages {
    /** Complex length M (a power of two, ≥ VL). */
    final int m;
    /** Lanes of the vector species the schedule is built for. */
    final int vl;
    /** Per pass in forward order: radix (2 or 4) and block size; {@code offsets} into {@link #twiddles}. */
    final int[] radix;
    final int[] block;
    final int[] offsets;
    final double[] twiddles;
    /** Frequency k stored at bit-reversed position p ({@code k = bitrev(p)}), for the real-FFT pair step. */
    final int[] freqAt;

    Stages(int m, int vl) {
        if (Integer.bitCount(m) != 1 || m < vl) {
            throw new IllegalArgumentException("complex length: must be a power of two >= " + vl + ", got " + m);
        }
        this.m = m;
        this.vl = vl;
        int above = Integer.numberOfTrailingZeros(m) - Integer.numberOfTrailingZeros(vl);
        int passes = (above + 1) / 2;
        radix = new int[passes];
        block = new int[passes];
        offsets = new int[passes];
        int size = m;
        int total = 0;
        for (int s = 0; s < passes; s++) {
            boolean two = s == 0 && (above % 2 == 1);
            radix[s] = two ? 2 : 4;
            block[s] = size;
            offsets[s] = total;
            total += two ? size : 6 * (size / 4);
            size /= radix[s];
        }
        twiddles = new double[total];
        for (int s = 0; s < passes; s++) {
            int b = block[s];
            int off = offsets[s];
            if (radix[s] == 2) {
                int h = b / 2;
                for (int j = 0; j < h; j++) {
                    double a = -2 * Math.PI * j / b;
                    twiddles[off + j] = Math.cos(a);
                    twiddles[off + h + j] = Math.sin(a);
                }
            } else {
                int q = b / 4;
                for (int p = 1; p <= 3; p++) {
                    for (int j = 0; j < q; j++) {
                        // p·j reduced mod B keeps the angle small, so cos/sin stay accurate to an ulp.
                        double a = -2 * Math.PI * ((long) p * j % b) / b;
                        twiddles[off + (2 * p - 2) * q + j] = Math.cos(a);
                        twiddles[off + (2 * p - 1) * q + j] = Math.sin(a);
                    }
                }
            }
        }
        freqAt = new int[m];
        int bits = Integer.numberOfTrailingZeros(m);
        for (int p = 0; p < m; p++) {
            freqAt[p] = bits == 0 ? 0 : Integer.reverse(p) >>> (32 - bits);
        }
    }

    /** The twiddles rounded to float. */
    float[] twiddlesF32() {
        float[] f = new float[twiddles.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) twiddles[i];
        }
        return f;
    }

    /**
     * {@code exp(−2πi·k/n)} for n = 2M at each bit-reversed position p (k = bitrev(p)): real parts in
     * {@code [0, M)}, imaginary parts in {@code [M, 2M)}. The real-FFT pair step reads them by position.
     */
    double[] realTwiddles() {
        double[] w = new double[2 * m];
        int n = 2 * m;
        for (int p = 0; p < m; p++) {
            double a = -2 * Math.PI * freqAt[p] / n;
            w[p] = Math.cos(a);
            w[m + p] = Math.sin(a);
        }
        return w;
    }

    /** Per-lane constants of the in-register levels: see {@link InRegisterF32}. */
    static double[] laneTwiddles(int vl, int span, boolean imaginary) {
        double[] t = new double[vl];
        for (int l = 0; l < vl; l++) {
            if ((l & span) == 0) {
                t[l] = imaginary ? 0 : 1;
            } else {
                double a = -2 * Math.PI * (l & (span - 1)) / (2 * span);
                t[l] = imaginary ? Math.sin(a) : Math.cos(a);
            }
        }
        return t;
    }
}
