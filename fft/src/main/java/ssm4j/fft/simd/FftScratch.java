package ssm4j.fft.simd;

/**
 * Working arrays of one {@link FftPlan} for one thread at a time (not thread-safe). The fp32 and fp64 arrays
 * are made on the first transform of each precision, so steady use allocates nothing.
 */
public final class FftScratch {
    private final FftPlan plan;
    private AnyRealFftF32.Work f32;
    private AnyRealFftF64.Work f64;

    FftScratch(FftPlan plan) {
        this.plan = plan;
    }

    AnyRealFftF32.Work f32(FftPlan p) {
        owner(p);
        if (f32 == null) {
            f32 = p.engine32().newScratch();
        }
        return f32;
    }

    AnyRealFftF64.Work f64(FftPlan p) {
        owner(p);
        if (f64 == null) {
            f64 = p.engine64().newScratch();
        }
        return f64;
    }

    private void owner(FftPlan p) {
        if (p != plan) {
            throw new IllegalArgumentException("scratch: made by the plan of length " + plan.length()
                    + ", used with length " + p.length());
        }
    }
}
