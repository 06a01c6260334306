package ssm4j.lm.proj;

/** Plain-Java {@link ProjectionOps}: float accumulation in column order, one row at a time. The oracle tier. */
public final class ScalarProjectionOps implements ProjectionOps {
    /** The one instance. */
    public static final ScalarProjectionOps INSTANCE = new ScalarProjectionOps();

    private ScalarProjectionOps() {
    }

    @Override
    public void gemv(WeightMatrix w, int lo, int hi, int n, float[] x, int xOff, int ldx, float[] y, int yOff,
                     int ldy) {
        int cols = w.cols();
        for (int o = lo; o < hi; o++) {
            for (int b = 0; b < n; b++) {
                float acc = 0f;
                int xb = xOff + b * ldx;
                for (int c = 0; c < cols; c++) {
                    acc += w.get(o, c) * x[xb + c];
                }
                y[yOff + b * ldy + o] = acc;
            }
        }
    }
}
