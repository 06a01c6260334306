package ssm4j.blocks.compat;

import java.util.Arrays;

import ssm4j.api.Check;
import ssm4j.blocks.Tensor;

/** Shape checks and small conversions shared by the kernel-module wrappers (package-private). */
final class CompatShapes {
    private CompatShapes() {
    }

    /** The leading axes of {@code t} before its last {@code drop} axes. */
    static int[] lead(Tensor t, int drop) {
        return Arrays.copyOf(t.shape(), t.rank() - drop);
    }

    static int[] concat(int[] a, int... b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static int prod(int[] a) {
        long p = 1;
        for (int x : a) {
            p *= x;
        }
        return Math.toIntExact(p);
    }

    /** {@code t} must end in {@code tail} (with at least one leading axis when {@code needLead}). */
    static void tail(String name, Tensor t, boolean needLead, int... tail) {
        Check.notNull(name, t);
        int[] s = t.shape();
        boolean ok = s.length >= tail.length + (needLead ? 1 : 0);
        for (int i = 0; ok && i < tail.length; i++) {
            ok = s[s.length - tail.length + i] == tail[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(name + ": must have shape (" + (needLead ? "..., " : "")
                    + Arrays.toString(tail).replaceAll("[\\[\\]]", "") + "), got " + Arrays.toString(s));
        }
    }

    /** A step tensor dt of shape (H) or the reference's (H,1), as H doubles. */
    static double[] dt(Tensor dt, int h) {
        Check.notNull("dt", dt);
        if (!(dt.rank() == 1 && dt.dim(0) == h || dt.rank() == 2 && dt.dim(0) == h && dt.dim(1) == 1)) {
            throw new IllegalArgumentException("dt: must have shape (H=" + h + ") or (H, 1), got "
                    + Arrays.toString(dt.shape()));
        }
        return dt.toDoubles();
    }

    /** The reference's {@code rate}: finite and &gt; 0. */
    static double rate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: must be finite and > 0, got " + rate);
        }
        return rate;
    }
}
