package ssm4j.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import ssm4j.api.simd.Species;

/**
 * The two-level power tables behind the vector Vandermonde kernels (SPEC 4.1). With a chunk length C, every
 * power splits as {@code q^{k·C+m} = q^{k·C}·q^m} (0 ≤ m &lt; C), so the kernel of one channel is a small complex
 * matrix product {@code Σ_n v_n q_n^{kC+m} = Σ_n A[k][n]·T[n][m]} of the anchor table
 * {@code A[k][n] = v_n·q_n^{kC}} and the lane table {@code T[n][m] = q_n^m}.
 *
 * <p>Both tables are built in double by vectorised power recurrences and rounded once to the kernel's precision:
 * <ul>
 *   <li>lane table, per pole: {@code T[m]} for m &lt; VL by the scalar recurrence, then doubling,
 *       {@code T[m + s] = T[m]·q^s} for m &lt; s, s = VL, 2VL, … (independent lanes, q^s by squaring): every entry
 *       is a product of at most log2(C) + VL factors, relative error ≲ 20·2^-53;</li>
 *   <li>anchor table, vectorised over poles: {@code A[k+1][n] = A[k][n]·q_n^C}, K = ⌈L/C⌉ steps, relative error
 *       ≲ (K + 20)·2^-53 ≈ 3e-14 at L = 16384.</li>
 * </ul>
 * So every fp32 term of the kernel is formed from table values exact to float precision (one rounding each) and
 * no error accumulates along l: this is the "power recurrence re-anchored from exact values" of issue 5 taken to
 * its limit, re-anchoring every chunk of C lanes from double.
 *
 * <p>Layouts for one channel (N poles, Np = N rounded up to whole double vectors, K chunks):
 * <ul>
 *   <li>lane table {@code t}: row n holds Re T[n][0..C) at {@code 2nC}, Im T[n][0..C) at {@code (2n+1)C};</li>
 *   <li>anchor table {@code a}: chunk k holds Re A[k][0..N) at {@code aOff + 2k·Np}, Im A[k][0..N) at
 *       {@code aOff + (2k+1)·Np}.</li>
 * </ul>
 * Stateless; every scratch array comes from the caller.
 */
final class PowerTables {
    private static final VectorSpecies<Double> D = Species.D;
    private static final int VLD = D.length();

    private PowerTables() {
    }

    /** N rounded up to whole double vectors: the stride of the planar anchor rows. */
    static int padPoles(int n) {
        return (n + VLD - 1) / VLD * VLD;
    }

    /**
     * The bases of channel h into {@code q} (2N doubles, interleaved): {@code exp(x[h,n])} when {@code logForm},
     * else the given {@code x[h,n]} widened.
     */
    static void bases(int h, int n, float[] x, int xOff, boolean logForm, double[] q) {
        for (int j = 0; j < n; j++) {
            int e = xOff + 2 * (h * n + j);
            setBase(q, j, x[e], x[e + 1], logForm);
        }
    }

    /** fp64 version of {@link #bases(int, int, float[], int, boolean, double[])}. */
    static void bases(int h, int n, double[] x, int xOff, boolean logForm, double[] q) {
        for (int j = 0; j < n; j++) {
            int e = xOff + 2 * (h * n + j);
            setBase(q, j, x[e], x[e + 1], logForm);
        }
    }

    private static void setBase(double[] q, int j, double re, double im, boolean logForm) {
        if (logForm) {
            double mag = Math.exp(re);
            q[2 * j] = mag * Math.cos(im);
            q[2 * j + 1] = mag * Math.sin(im);
        } else {
            q[2 * j] = re;
            q[2 * j + 1] = im;
        }
    }

    /**
     * The lane table of pole j into {@code td} (Re at [0, C), Im at [C, 2C)), in double, and {@code q^C} into
     * {@code step[2j], step[2j+1]}. C must be VL·2^k (the kernels' chunk lengths are).
     */
    private static void laneRow(int j, int c, double[] q, double[] td, double[] step) {
        double qr = q[2 * j];
        double qi = q[2 * j + 1];
        int s = Math.min(c, VLD);
        double pr = 1;
        double pi = 0;
        for (int m = 0; m < s; m++) {          // T[m] = q^m for the first vector, scalar recurrence
            td[m] = pr;
            td[c + m] = pi;
            double t = pr * qr - pi * qi;
            pi = pr * qi + pi * qr;
            pr = t;
        }
        // (pr, pi) = q^s; doubling: the upper half of [0, 2s) is the lower half times q^s
        for (; s < c; s *= 2) {
            DoubleVector br = DoubleVector.broadcast(D, pr);
            DoubleVector bi = DoubleVector.broadcast(D, pi);
            for (int m = 0; m < s; m += VLD) {
                DoubleVector tr = DoubleVector.fromArray(D, td, m);
                DoubleVector ti = DoubleVector.fromArray(D, td, c + m);
                tr.mul(br).sub(ti.mul(bi)).intoArray(td, s + m);
                tr.fma(bi, ti.mul(br)).intoArray(td, c + s + m);
            }
            double t = pr * pr - pi * pi;
            pi = 2 * pr * pi;
            pr = t;
        }
        step[2 * j] = pr;
        step[2 * j + 1] = pi;
    }

    /** Fills the fp32 lane table {@code t} (rows of C) and {@code step} = q^C; {@code td} is 2C doubles of scratch. */
    static void lanes(int n, int c, double[] q, float[] t, double[] td, double[] step) {
        for (int j = 0; j < n; j++) {
            laneRow(j, c, q, td, step);
            int row = 2 * j * c;
            for (int m = 0; m < 2 * c; m++) {
                t[row + m] = (float) td[m];
            }
        }
    }

    /** fp64 version of {@link #lanes(int, int, double[], float[], double[], double[])}. */
    static void lanes(int n, int c, double[] q, double[] t, double[] td, double[] step) {
        for (int j = 0; j < n; j++) {
            laneRow(j, c, q, td, step);
            System.arraycopy(td, 0, t, 2 * j * c, 2 * c);
        }
    }

    /**
     * Fills the fp64 anchor table: {@code a[aOff + 2k·Np + j] + i·a[aOff + (2k+1)·Np + j] = v_j·step_j^k} for
     * k &lt; chunks, with {@code v} row h of the (H,N) numerators ({@code vOff} its array offset), or null for v = 1.
     * {@code planes} is 4·Np doubles of scratch. Padding poles j ≥ N hold 0.
     */
    static void anchors(int h, int n, int chunks, double[] v, int vOff, float[] vf, double[] step, double[] a,
                        int aOff, double[] planes) {
        int np = padPoles(n);
        // planes: [0,np) Re cur, [np,2np) Im cur, [2np,3np) Re step, [3np,4np) Im step
        for (int j = 0; j < np; j++) {
            boolean real = j < n;
            int e = 2 * (h * n + j);
            double cr = !real ? 0 : v != null ? v[vOff + e] : vf != null ? vf[vOff + e] : 1;
            double ci = !real ? 0 : v != null ? v[vOff + e + 1] : vf != null ? vf[vOff + e + 1] : 0;
            planes[j] = cr;
            planes[np + j] = ci;
            planes[2 * np + j] = real ? step[2 * j] : 0;
            planes[3 * np + j] = real ? step[2 * j + 1] : 0;
        }
        for (int k = 0; k < chunks; k++) {
            int row = aOff + 2 * k * np;
            for (int j = 0; j < np; j += VLD) {
                DoubleVector cr = DoubleVector.fromArray(D, planes, j);
                DoubleVector ci = DoubleVector.fromArray(D, planes, np + j);
                DoubleVector sr = DoubleVector.fromArray(D, planes, 2 * np + j);
                DoubleVector si = DoubleVector.fromArray(D, planes, 3 * np + j);
                cr.intoArray(a, row + j);
                ci.intoArray(a, row + np + j);
                cr.mul(sr).sub(ci.mul(si)).intoArray(planes, j);
                cr.fma(si, ci.mul(sr)).intoArray(planes, np + j);
            }
        }
    }

    /** Rounds {@code count} doubles of {@code src} to floats in {@code dst} (the anchor table of an fp32 kernel). */
    static void toFloats(double[] src, int count, float[] dst, int dstOff) {
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = (float) src[i];
        }
    }
}
