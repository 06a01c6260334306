package ssm4j.scan.ref;

import ssm4j.api.BcLayout;
import ssm4j.api.SelectiveScanShape;

/**
 * Where B and C of a selective scan live (SPEC 7.1: fixed, per time step, or grouped as Mamba's B/C of shape
 * (B, G, N, L)): offsets and strides of one channel row, shared by both precisions of the scalar scan and by
 * the vector tier.
 */
public final class BcStrides {
    private BcStrides() {
    }

    /**
     * Position of B or C for channel {@code d} of batch {@code b}: element (n, t) is at
     * {@code off + n·nStride + t·tStride} (complex: re there, im next).
     */
    public static long bcOffset(SelectiveScanShape s, BcLayout lay, int b, int d) {
        int cplx = s.complexA() ? 2 : 1;
        long lc = (long) s.length() * cplx;
        return switch (lay) {
            case FIXED -> (long) d * s.dstate() * cplx;
            case PER_TIME -> (long) b * s.dstate() * lc;
            case GROUPED -> ((long) b * s.groups() + d / (s.dim() / s.groups())) * s.dstate() * lc;
        };
    }

    /** Distance between consecutive n of B or C. */
    public static int bcStrideN(SelectiveScanShape s, BcLayout lay) {
        int cplx = s.complexA() ? 2 : 1;
        return lay == BcLayout.FIXED ? cplx : s.length() * cplx;
    }

    /** Distance between consecutive t of B or C (0: fixed in time). */
    public static int bcStrideT(SelectiveScanShape s, BcLayout lay) {
        return lay == BcLayout.FIXED ? 0 : s.complexA() ? 2 : 1;
    }
}
