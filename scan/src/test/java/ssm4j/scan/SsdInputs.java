package ssm4j.scan;

import static ssm4j.scan.ScanRef.f;
import static ssm4j.scan.ScanRef.uniform;

import java.util.SplittableRandom;

import ssm4j.api.SsdScanShape;
import ssm4j.api.SsmKernel;

/**
 * Seeded random inputs of one SSD scan (SPEC 12.1) in fp64, with the optional arguments present or absent as
 * asked, and helpers to run a kernel on them in either precision. Values keep the scan in its usual regime:
 * A in [-4, -0.05], dt around softplus's linear region, x, B, C, z of unit size.
 */
final class SsdInputs {
    final SsdScanShape s;
    final double[] x;
    final double[] dt;
    final double[] a;
    final double[] b;
    final double[] c;
    final double[] d;
    final double[] z;
    final double[] dtBias;
    final double[] init;

    SsdInputs(SsdScanShape s, long seed, boolean optionals) {
        this.s = s;
        SplittableRandom r = new SplittableRandom(seed);
        int h = s.heads();
        x = uniform(r, (int) s.seqSize(), -1, 1);
        // without softplus the step must be >= 0: draw positive steps directly
        dt = s.dtSoftplus() ? uniform(r, (int) s.dtSize(), -3, 0.5) : uniform(r, (int) s.dtSize(), 0.001, 0.3);
        a = uniform(r, h, -4, -0.05);
        b = uniform(r, (int) s.bcSize(), -1, 1);
        c = uniform(r, (int) s.bcSize(), -1, 1);
        d = optionals ? uniform(r, (int) s.dSize(), -1, 1) : null;
        z = optionals ? uniform(r, (int) s.seqSize(), -2, 2) : null;
        dtBias = optionals && s.dtSoftplus() ? uniform(r, h, -1, 0.5) : null;
        init = optionals ? uniform(r, (int) s.stateSize(), -1, 1) : null;
    }

    /** Outputs of one call: y, final states, chunk states, prev states (the last two null unless asked). */
    record Out(double[] y, double[] fin, double[] chunk, double[] prev) {
    }

    /** Runs {@code k} in fp32 ({@code f32}) or fp64; intermediates only when {@code intermediates}. */
    Out run(SsmKernel k, boolean f32, boolean intermediates) {
        int ny = (int) s.seqSize();
        int ns = (int) s.stateSize();
        int nc = (int) s.chunkStateSize();
        if (f32) {
            float[] y = new float[ny];
            float[] fin = new float[ns];
            float[] cs = intermediates ? new float[nc] : null;
            float[] ps = intermediates ? new float[nc] : null;
            k.ssdScan(s, f(x), f(dt), f(a), f(b), f(c), f(d), f(z), f(dtBias), f(init), y, fin, cs, ps);
            return new Out(ScanRef.d(y), ScanRef.d(fin), ScanRef.d(cs), ScanRef.d(ps));
        }
        double[] y = new double[ny];
        double[] fin = new double[ns];
        double[] cs = intermediates ? new double[nc] : null;
        double[] ps = intermediates ? new double[nc] : null;
        k.ssdScan(s, x, dt, a, b, c, d, z, dtBias, init, y, fin, cs, ps);
        return new Out(y, fin, cs, ps);
    }
}
