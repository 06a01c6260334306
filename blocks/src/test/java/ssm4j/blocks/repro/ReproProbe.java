package ssm4j.blocks.repro;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

import ssm4j.api.Backends;
import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.mamba.MambaWeights;

/**
 * Runs a fixed set of calls on one backend and returns a digest of every output bit: a Mamba block forward with
 * caches and three decoding steps (projections, conv, selective scan, state update with its lane reduction), the
 * conjugate-pair Cauchy kernel and the transposed Vandermonde product (lane reductions), a chunked and a
 * decode-sized Mamba-2 SSD scan, all at awkward sizes.
 * {@link #main} prints the digest, so a fresh JVM (for instance {@code -Xint}, the coldest possible) can be
 * compared with a warm one by {@link ReproducibilityTest}.
 */
public final class ReproProbe {
    private ReproProbe() {
    }

    /** Digest of the outputs of the calls of the class comment on backend {@code name} with {@code threads}. */
    public static long digest(String name, int threads) {
        SsmKernel k = Backends.byName(name, threads);
        CRC32 crc = new CRC32();
        MambaBlock m = new MambaBlock(MambaWeights.random(17, 16, 2, 2, 99));
        int batch = 3;
        int len = 37;
        float[] h = MambaWeights.randomHidden(batch, len, m.dModel(), 5).floats();
        float[] out = new float[h.length];
        float[] conv = new float[batch * m.dInner() * m.dConv()];
        float[] ssm = new float[batch * m.dInner() * m.dState()];
        m.forward(k, batch, len, h, out, conv, ssm);
        add(crc, out);
        float[] tok = new float[batch * m.dModel()];
        float[] o = new float[batch * m.dModel()];
        for (int t = 0; t < 3; t++) {
            System.arraycopy(h, t * tok.length, tok, 0, tok.length);
            m.step(k, batch, tok, conv, ssm, o);
            add(crc, o);
        }
        add(crc, conv);
        add(crc, ssm);
        SplittableRandom r = new SplittableRandom(3);
        int hh = 5;
        int n = 7;
        int l = 53;
        float[] v = random(r, 2 * hh * n, 1);
        float[] w = random(r, 2 * hh * n, 1);
        for (int i = 0; i < w.length; i += 2) {
            w[i] = -Math.abs(w[i]) - 0.1f;
        }
        float[] z = random(r, 2 * l, 2);
        float[] kOut = new float[2 * hh * l];
        k.cauchyConj(hh, n, l, v, 0, w, 0, z, 0, kOut, 0);
        add(crc, kOut);
        float[] u = random(r, 2 * hh * l, 1);
        float[] x = random(r, 2 * hh * n, 0.9f);
        float[] tOut = new float[2 * hh * n];
        k.vandermondeTranspose(hh, n, l, u, 0, v, 0, x, 0, tOut, 0);
        add(crc, tOut);
        addSsd(crc, k, r, 37); // the chunked algorithm
        addSsd(crc, k, r, 2); // decode-sized: the sequential SIMD path and its lane sums
        return crc.getValue();
    }

    /** A Mamba-2 SSD scan of {@code len} steps, N = 19 (a masked tail at every width): outputs and final states. */
    private static void addSsd(CRC32 crc, SsmKernel k, SplittableRandom r, int len) {
        int batch = 2;
        int heads = 3;
        int p = 5;
        int n = 19;
        SsdScanShape s = SsdScanShape.of(batch, len, heads, p, 1, n, 16).withDtSoftplus(true);
        int xs = batch * len * heads * p;
        float[] a = random(r, heads, 1);
        for (int i = 0; i < heads; i++) {
            a[i] = -Math.abs(a[i]) - 0.1f;
        }
        float[] y = new float[xs];
        float[] fin = new float[batch * heads * p * n];
        k.ssdScan(s, random(r, xs, 1), random(r, batch * len * heads, 1), a, random(r, batch * len * n, 1),
                random(r, batch * len * n, 1), random(r, heads, 1), random(r, xs, 1), null, null, y, fin, null, null);
        add(crc, y);
        add(crc, fin);
    }

    private static float[] random(SplittableRandom r, int size, float scale) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) ((2 * r.nextDouble() - 1) * scale);
        }
        return a;
    }

    private static void add(CRC32 crc, float[] a) {
        for (float f : a) {
            int b = Float.floatToRawIntBits(f);
            crc.update(b);
            crc.update(b >>> 8);
            crc.update(b >>> 16);
            crc.update(b >>> 24);
        }
    }

    /** Prints {@link #digest} for backend {@code args[0]} and thread count {@code args[1]}. */
    public static void main(String[] args) {
        System.out.println("digest " + digest(args[0], Integer.parseInt(args[1])));
    }
}
