package ssm4j.api;

import ssm4j.api.spi.CauchyOps;
import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.DiagScanOps;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.LogScanOps;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.ScanOps;
import ssm4j.api.spi.SelectiveScanOps;
import ssm4j.api.spi.SsdScanOps;
import ssm4j.api.spi.StateUpdateOps;
import ssm4j.api.spi.VandermondeOps;
import ssm4j.api.spi.VandermondeOps.Form;

/**
 * The facade every backend is reached through: validates each call once (through {@link Check}) and hands it to
 * the tier's part of that family, which trusts its input (netlib's AbstractBLAS split) and falls back to the
 * lower tiers for what it does not speed up (see {@link Part}). Built only by {@link Backends}.
 */
final class Backend implements SsmKernel, AutoCloseable {
    private final String name;
    private final Parallel parallel;
    private final CauchyOps cauchy;
    private final VandermondeOps vandermonde;
    private final DiagScanOps diag;
    private final SelectiveScanOps selective;
    private final StateUpdateOps stateUpdate;
    private final SsdScanOps ssd;
    private final LogScanOps logScan;
    private final ConvOps conv;

    /** One part per family; a module's part serves every family of that module. */
    Backend(String name, Parallel parallel, KernelOps kernels, ScanOps scan, ConvOps conv) {
        this.name = name;
        this.parallel = parallel;
        this.cauchy = kernels;
        this.vandermonde = kernels;
        this.diag = scan;
        this.selective = scan;
        this.stateUpdate = scan;
        this.ssd = scan;
        this.logScan = scan;
        this.conv = conv;
        if (!name.equals("scalar")) {
            Check.enableVectorScan(); // the scalar tier's checks stay plain Java (see Check.enableVectorScan)
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int threads() {
        return parallel.threads();
    }

    @Override
    public String describe() {
        return name + " [kernels=" + Part.chain(cauchy) + ", scan=" + Part.chain(diag) + ", conv=" + Part.chain(conv)
                + ", threads=" + parallel.threads() + "]";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Does nothing: every backend comes from {@link Backends}, which shares one instance per (tier, threads) with
     * every caller in the JVM, so no single user may free its resources (closing the shared {@code native} backend
     * used to break it for everyone). Native resources are freed when the registry drops an instance from its
     * bounded cache and nothing refers to it any more (a {@link java.lang.ref.Cleaner} in the native parts).
     */
    @Override
    public void close() {
        // shared: see above
    }

    // ------------------------------------------------------------------ shared argument checks

    /** Length of an array argument (float[] or double[]), or an exception naming it when null. */
    private static int len(String name, Object array) {
        Check.notNull(name, array);
        return java.lang.reflect.Array.getLength(array);
    }

    private static void need(String name, Object array, int off, long count) {
        int length = len(name, array);
        String unit = array instanceof float[] ? "floats" : "doubles";
        if (off < 0) {
            throw new IllegalArgumentException(name + ": offset must be >= 0, got " + off);
        }
        if (off + count > length) {
            throw new IllegalArgumentException(name + ": needs " + count + " " + unit + " from offset " + off
                    + ", array has " + length);
        }
    }

    private static void needOptional(String name, Object array, long count) {
        if (array != null) {
            need(name, array, 0, count);
        }
    }

    private static void finite(String name, Object array, int off, long count) {
        if (array instanceof float[] f) {
            Check.allFinite(name, f, off, count);
        } else {
            Check.allFinite(name, (double[]) array, off, count);
        }
    }

    private static void finiteOptional(String name, Object array, long count) {
        if (array != null) {
            finite(name, array, 0, count);
        }
    }

    private static void cauchyArgs(int h, int n, int l, Object v, int vOff, Object w, int wOff, Object z, int zOff,
                                   Object out, int outOff) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("l", l);
        need("v", v, vOff, 2L * h * n);
        need("w", w, wOff, 2L * h * n);
        need("z", z, zOff, 2L * l);
        need("out", out, outOff, 2L * h * l);
        finite("v", v, vOff, 2L * h * n);
        finite("w", w, wOff, 2L * h * n);
        finite("z", z, zOff, 2L * l);
    }

    /** (4.1a) in {@code form}: real (H,L) output for 2·Re, complex (H,L) otherwise; the bases are named q. */
    private static void vandermondeArgs(Form form, int h, int n, int l, Object v, int vOff, Object x, int xOff,
                                        Object out, int outOff) {
        vandermondeArgs(h, n, l, v, vOff, x, xOff, out, outOff, (form == Form.TWO_RE ? 1L : 2L) * h * l,
                form == Form.POWERS ? "q" : "x");
    }

    private static void vandermondeArgs(int h, int n, int l, Object v, int vOff, Object x, int xOff, Object out,
                                        int outOff, long outCount, String xName) {
        Check.positive("h", h);
        Check.positive("n", n);
        Check.positive("l", l);
        need("v", v, vOff, 2L * h * n);
        need(xName, x, xOff, 2L * h * n);
        need("out", out, outOff, outCount);
        finite("v", v, vOff, 2L * h * n);
        finite(xName, x, xOff, 2L * h * n);
    }

    private static void diagScanArgs(DiagScanShape s, Object a, Object b, Object c, Object d, Object x0, Object u,
                                     Object y, Object stateOut) {
        Check.notNull("shape", s);
        need("a", a, 0, s.paramSize());
        need("b", b, 0, s.paramSize());
        need("c", c, 0, s.paramSize());
        needOptional("d", d, s.h());
        needOptional("x0", x0, s.stateSize());
        need("u", u, 0, s.seqSize());
        need("y", y, 0, s.seqSize());
        needOptional("stateOut", stateOut, s.stateSize());
        // every input: a bad value in any of them reaches the state and every later output
        finite("a", a, 0, s.paramSize());
        finite("b", b, 0, s.paramSize());
        finite("c", c, 0, s.paramSize());
        finiteOptional("d", d, s.h());
        finiteOptional("x0", x0, s.stateSize());
        finite("u", u, 0, s.seqSize());
    }

    private static void selectiveScanArgs(SelectiveScanShape s, Object u, Object delta, Object a, Object b, Object c,
                                          Object d, Object z, Object deltaBias, Object x0, Object out,
                                          Object lastState) {
        Check.notNull("shape", s);
        need("u", u, 0, s.seqSize());
        need("delta", delta, 0, s.seqSize());
        need("A", a, 0, (long) s.dim() * s.dstate() * (s.complexA() ? 2 : 1));
        need("B", b, 0, s.bcSize(true));
        need("C", c, 0, s.bcSize(false));
        needOptional("D", d, s.dim());
        needOptional("z", z, s.seqSize());
        needOptional("deltaBias", deltaBias, s.dim());
        needOptional("x0", x0, s.stateSize());
        need("out", out, 0, s.seqSize());
        needOptional("lastState", lastState, s.stateSize());
        // every input: u, delta, A, B, x0 reach the state (and so every later output); C, D, z a whole time
        // step of every channel in their group
        finite("u", u, 0, s.seqSize());
        finiteOptional("deltaBias", deltaBias, s.dim()); // before delta: the delta check uses it
        if (s.deltaSoftplus()) {
            finite("delta", delta, 0, s.seqSize());
        } else {
            checkDelta(s, delta, deltaBias); // finite and delta + deltaBias >= 0, one pass
        }
        finite("A", a, 0, (long) s.dim() * s.dstate() * (s.complexA() ? 2 : 1));
        finite("B", b, 0, s.bcSize(true));
        finite("C", c, 0, s.bcSize(false));
        finiteOptional("D", d, s.dim());
        finiteOptional("z", z, s.seqSize());
        finiteOptional("x0", x0, s.stateSize());
    }

    /**
     * Without softplus the step must be finite and delta + deltaBias >= 0 (SPEC 0.6): one vectorised pass per
     * (b, d) row against the row's bound −deltaBias[d].
     */
    private static void checkDelta(SelectiveScanShape s, Object delta, Object deltaBias) {
        int dim = s.dim();
        int len = s.length();
        for (int bi = 0; bi < s.batch(); bi++) {
            for (int di = 0; di < dim; di++) {
                int base = (bi * dim + di) * len;
                double bias;
                int bad;
                if (delta instanceof float[] f) {
                    bias = deltaBias == null ? 0 : ((float[]) deltaBias)[di];
                    bad = Check.firstNonFiniteOrBelow(f, base, len, (float) -bias);
                } else {
                    bias = deltaBias == null ? 0 : ((double[]) deltaBias)[di];
                    bad = Check.firstNonFiniteOrBelow((double[]) delta, base, len, -bias);
                }
                if (bad >= 0) {
                    double v = delta instanceof float[] f ? f[base + bad] : ((double[]) delta)[base + bad];
                    throw new IllegalArgumentException("delta: must be finite and delta + deltaBias >= 0 without "
                            + "softplus, element [" + bi + "," + di + "," + bad + "] is " + v + (bias != 0
                            ? " (bias " + bias + ")" : ""));
                }
            }
        }
    }

    private static void ssuArgs(SsuShape s, Object state, Object x, Object dt, Object a, Object b, Object c, Object d,
                                Object z, Object dtBias, Object out) {
        Check.notNull("shape", s);
        need("state", state, 0, s.stateSize());
        need("x", x, 0, s.rowSize());
        need("dt", dt, 0, s.rowSize());
        long adn = (long) s.heads() * s.dim() * s.dstate();
        need("A", a, 0, adn);
        long bc = (long) s.batch() * s.groups() * s.dstate();
        need("B", b, 0, bc);
        need("C", c, 0, bc);
        needOptional("D", d, (long) s.heads() * s.dim());
        needOptional("z", z, s.rowSize());
        needOptional("dtBias", dtBias, (long) s.heads() * s.dim());
        need("out", out, 0, s.rowSize());
        // every input: each one reaches the caller's persistent decoding state or a whole row of the output
        finite("state", state, 0, s.stateSize());
        finite("x", x, 0, s.rowSize());
        finite("dt", dt, 0, s.rowSize());
        finite("A", a, 0, adn);
        finite("B", b, 0, bc);
        finite("C", c, 0, bc);
        finiteOptional("D", d, (long) s.heads() * s.dim());
        finiteOptional("z", z, s.rowSize());
        finiteOptional("dtBias", dtBias, (long) s.heads() * s.dim());
        if (!s.dtSoftplus()) {
            checkStep(s, dt, dtBias);
        }
    }

    /** Without softplus the decoding step dt + dtBias must be >= 0 (SPEC 0.6), as delta is for the scan. */
    private static void checkStep(SsuShape s, Object dt, Object dtBias) {
        int hd = s.heads() * s.dim();
        for (int i = 0; i < s.rowSize(); i++) {
            double v = dt instanceof float[] f ? f[i] : ((double[]) dt)[i];
            double bias = dtBias == null ? 0 : dtBias instanceof float[] f ? f[i % hd] : ((double[]) dtBias)[i % hd];
            if (!(v + bias >= 0)) {
                throw new IllegalArgumentException("dt: dt + dtBias must be >= 0 without softplus, element " + i
                        + " is " + v + (bias != 0 ? " (bias " + bias + ")" : ""));
            }
        }
    }

    private static void convArgs(ConvShape s, Object x, Object k, Object d, Object y) {
        Check.notNull("shape", s);
        need("x", x, 0, (long) s.batch() * s.h() * s.length());
        need("k", k, 0, (long) s.kernelRows() * s.h() * s.kernelLength());
        needOptional("D", d, (long) s.channels() * s.h());
        need("y", y, 0, (long) s.batch() * s.channels() * s.h() * s.length());
        // the transform spreads one bad value of x or k over its whole output row, earlier times included
        finite("x", x, 0, (long) s.batch() * s.h() * s.length());
        finite("k", k, 0, (long) s.kernelRows() * s.h() * s.kernelLength());
        finiteOptional("D", d, (long) s.channels() * s.h());
    }

    // ------------------------------------------------------------------ Cauchy

    @Override
    public void cauchy(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                       float[] out, int outOff) {
        cauchyArgs(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
        cauchy.cauchyK(false, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    @Override
    public void cauchy(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                       double[] out, int outOff) {
        cauchyArgs(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
        cauchy.cauchyK(false, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    @Override
    public void cauchyConj(int h, int n, int l, float[] v, int vOff, float[] w, int wOff, float[] z, int zOff,
                           float[] out, int outOff) {
        cauchyArgs(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
        cauchy.cauchyK(true, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    @Override
    public void cauchyConj(int h, int n, int l, double[] v, int vOff, double[] w, int wOff, double[] z, int zOff,
                           double[] out, int outOff) {
        cauchyArgs(h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
        cauchy.cauchyK(true, h, n, l, v, vOff, w, wOff, z, zOff, out, outOff);
    }

    // ------------------------------------------------------------------ Vandermonde

    @Override
    public void vandermonde(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out, int outOff) {
        vandermondeArgs(Form.TWO_RE, h, n, l, v, vOff, x, xOff, out, outOff);
        vandermonde.vandermondeK(Form.TWO_RE, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    @Override
    public void vandermonde(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                            int outOff) {
        vandermondeArgs(Form.TWO_RE, h, n, l, v, vOff, x, xOff, out, outOff);
        vandermonde.vandermondeK(Form.TWO_RE, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    @Override
    public void vandermondeComplex(int h, int n, int l, float[] v, int vOff, float[] x, int xOff, float[] out,
                                   int outOff) {
        vandermondeArgs(Form.COMPLEX, h, n, l, v, vOff, x, xOff, out, outOff);
        vandermonde.vandermondeK(Form.COMPLEX, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    @Override
    public void vandermondeComplex(int h, int n, int l, double[] v, int vOff, double[] x, int xOff, double[] out,
                                   int outOff) {
        vandermondeArgs(Form.COMPLEX, h, n, l, v, vOff, x, xOff, out, outOff);
        vandermonde.vandermondeK(Form.COMPLEX, h, n, l, v, vOff, x, xOff, out, outOff);
    }

    @Override
    public void vandermondePowers(int h, int n, int l, float[] v, int vOff, float[] q, int qOff, float[] out,
                                  int outOff) {
        vandermondeArgs(Form.POWERS, h, n, l, v, vOff, q, qOff, out, outOff);
        vandermonde.vandermondeK(Form.POWERS, h, n, l, v, vOff, q, qOff, out, outOff);
    }

    @Override
    public void vandermondePowers(int h, int n, int l, double[] v, int vOff, double[] q, int qOff, double[] out,
                                  int outOff) {
        vandermondeArgs(Form.POWERS, h, n, l, v, vOff, q, qOff, out, outOff);
        vandermonde.vandermondeK(Form.POWERS, h, n, l, v, vOff, q, qOff, out, outOff);
    }

    @Override
    public void vandermondeTranspose(int h, int n, int l, float[] u, int uOff, float[] v, int vOff, float[] x,
                                     int xOff, float[] out, int outOff) {
        vandermondeArgs(h, n, l, v, vOff, x, xOff, out, outOff, 2L * h * n, "x");
        need("u", u, uOff, (long) h * l);
        finite("u", u, uOff, (long) h * l);
        vandermonde.vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }

    @Override
    public void vandermondeTranspose(int h, int n, int l, double[] u, int uOff, double[] v, int vOff, double[] x,
                                     int xOff, double[] out, int outOff) {
        vandermondeArgs(h, n, l, v, vOff, x, xOff, out, outOff, 2L * h * n, "x");
        need("u", u, uOff, (long) h * l);
        finite("u", u, uOff, (long) h * l);
        vandermonde.vandermondeTransposeK(h, n, l, u, uOff, v, vOff, x, xOff, out, outOff);
    }

    // ------------------------------------------------------------------ scans

    @Override
    public void diagScan(DiagScanShape s, float[] a, float[] b, float[] c, float[] d, float[] x0, float[] u,
                         float[] y, float[] stateOut) {
        diagScanArgs(s, a, b, c, d, x0, u, y, stateOut);
        diag.diagScanK(s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void diagScan(DiagScanShape s, double[] a, double[] b, double[] c, double[] d, double[] x0, double[] u,
                         double[] y, double[] stateOut) {
        diagScanArgs(s, a, b, c, d, x0, u, y, stateOut);
        diag.diagScanK(s, a, b, c, d, x0, u, y, stateOut);
    }

    @Override
    public void selectiveScan(SelectiveScanShape s, float[] u, float[] delta, float[] a, float[] b, float[] c,
                              float[] d, float[] z, float[] deltaBias, float[] x0, float[] out, float[] lastState) {
        selectiveScanArgs(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        selective.selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    @Override
    public void selectiveScan(SelectiveScanShape s, double[] u, double[] delta, double[] a, double[] b, double[] c,
                              double[] d, double[] z, double[] deltaBias, double[] x0, double[] out,
                              double[] lastState) {
        selectiveScanArgs(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
        selective.selectiveScanK(s, u, delta, a, b, c, d, z, deltaBias, x0, out, lastState);
    }

    @Override
    public void selectiveStateUpdate(SsuShape s, float[] state, float[] x, float[] dt, float[] a, float[] b,
                                     float[] c, float[] d, float[] z, float[] dtBias, float[] out) {
        ssuArgs(s, state, x, dt, a, b, c, d, z, dtBias, out);
        stateUpdate.selectiveStateUpdateK(s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    @Override
    public void selectiveStateUpdate(SsuShape s, double[] state, double[] x, double[] dt, double[] a, double[] b,
                                     double[] c, double[] d, double[] z, double[] dtBias, double[] out) {
        ssuArgs(s, state, x, dt, a, b, c, d, z, dtBias, out);
        stateUpdate.selectiveStateUpdateK(s, state, x, dt, a, b, c, d, z, dtBias, out);
    }

    // ------------------------------------------------------------------ FFT convolution

    @Override
    public void fftConv(ConvShape s, float[] x, float[] k, float[] d, float[] y) {
        convArgs(s, x, k, d, y);
        conv.fftConvK(s, x, k, d, y);
    }

    @Override
    public void fftConv(ConvShape s, double[] x, double[] k, double[] d, double[] y) {
        convArgs(s, x, k, d, y);
        conv.fftConvK(s, x, k, d, y);
    }

    // ------------------------------------------------------------------ Mamba-2 SSD

    private static void ssdArgs(SsdScanShape s, Object x, Object dt, Object a, Object b, Object c, Object d,
                                Object z, Object dtBias, Object init, Object y, Object fin, Object chunkStates,
                                Object prevStates) {
        Check.notNull("shape", s);
        need("x", x, 0, s.seqSize());
        need("dt", dt, 0, s.dtSize());
        need("A", a, 0, s.heads());
        need("B", b, 0, s.bcSize());
        need("C", c, 0, s.bcSize());
        needOptional("D", d, s.dSize());
        needOptional("z", z, s.seqSize());
        needOptional("dtBias", dtBias, s.heads());
        needOptional("initialStates", init, s.stateSize());
        need("y", y, 0, s.seqSize());
        needOptional("finalStates", fin, s.stateSize());
        if (s.seqStarts() != null && (chunkStates != null || prevStates != null)) {
            throw new IllegalArgumentException((chunkStates != null ? "chunkStates" : "prevStates")
                    + ": not available with packed seqStarts (chunks restart at every sequence)");
        }
        needOptional("chunkStates", chunkStates, s.chunkStateSize());
        needOptional("prevStates", prevStates, s.chunkStateSize());
        if (y == x || y == z) {
            throw new IllegalArgumentException("y: must not alias " + (y == x ? "x" : "z"));
        }
        finite("A", a, 0, s.heads());
        if (dtBias != null) {
            finite("dtBias", dtBias, 0, s.heads());
        }
        int h = s.heads();
        long n = s.dtSize();
        for (long i = 0; i < n; i++) {
            int k = (int) i;
            double v = dt instanceof float[] f ? f[k] : ((double[]) dt)[k];
            double bias = dtBias == null ? 0 : dtBias instanceof float[] f ? f[k % h] : ((double[]) dtBias)[k % h];
            // without softplus (and without a clamp keeping it >= 0) the step must be >= 0 (SPEC 0.6)
            boolean negative = !s.dtSoftplus() && !(s.hasDtLimit() && s.dtLimitLo() >= 0) && !(v + bias >= 0);
            if (!Double.isFinite(v) || negative) {
                throw new IllegalArgumentException("dt: must be finite" + (s.dtSoftplus() ? "" : " and dt + dtBias"
                        + " >= 0 without softplus") + ", element " + i + " is " + v
                        + (bias != 0 ? " (bias " + bias + ")" : ""));
            }
        }
    }

    @Override
    public void ssdScan(SsdScanShape s, float[] x, float[] dt, float[] a, float[] b, float[] c, float[] d, float[] z,
                        float[] dtBias, float[] initialStates, float[] y, float[] finalStates, float[] chunkStates,
                        float[] prevStates) {
        ssdArgs(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
        ssd.ssdScanK(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
    }

    @Override
    public void ssdScan(SsdScanShape s, double[] x, double[] dt, double[] a, double[] b, double[] c, double[] d,
                        double[] z, double[] dtBias, double[] initialStates, double[] y, double[] finalStates,
                        double[] chunkStates, double[] prevStates) {
        ssdArgs(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
        ssd.ssdScanK(s, x, dt, a, b, c, d, z, dtBias, initialStates, y, finalStates, chunkStates, prevStates);
    }

    // ------------------------------------------------------------------ log-space scan (SPEC 14.3)

    /** Sizes and nulls; logH0 must hold no NaN or +∞ (−∞ is a zero state). The sequences are not scanned. */
    private static void logScanArgs(LogScanShape s, Object logCoeffs, Object logValues, Object logH0, Object logH,
                                    Object h, Object lastLogH) {
        Check.notNull("shape", s);
        need("logCoeffs", logCoeffs, 0, s.seqSize());
        need("logValues", logValues, 0, s.seqSize());
        needOptional("logH0", logH0, s.stateSize());
        needOptional("logH", logH, s.seqSize());
        needOptional("h", h, s.seqSize());
        needOptional("lastLogH", lastLogH, s.stateSize());
        if (logH == null && h == null && lastLogH == null) {
            throw new IllegalArgumentException("logH, h, lastLogH: at least one output must be non-null");
        }
        if (logH0 != null) {
            for (int i = 0; i < s.stateSize(); i++) {
                double v = logH0 instanceof float[] f ? f[i] : ((double[]) logH0)[i];
                if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("logH0: must not be NaN or +inf (-inf is a zero state), element "
                            + i + " is " + v);
                }
            }
        }
    }

    @Override
    public void logScan(LogScanShape s, float[] logCoeffs, float[] logValues, float[] logH0, float[] logH, float[] h,
                        float[] lastLogH) {
        logScanArgs(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
        logScan.logScanK(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }

    @Override
    public void logScan(LogScanShape s, double[] logCoeffs, double[] logValues, double[] logH0, double[] logH,
                        double[] h, double[] lastLogH) {
        logScanArgs(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
        logScan.logScanK(s, logCoeffs, logValues, logH0, logH, h, lastLogH);
    }
}
