package ssm4j.blocks.rows;

/** Plain-Java {@link RowOps}: the reference tier (SPEC 11.1 GLU, 11.2 conv1d + SiLU). Stateless, thread-safe. */
public final class ScalarRowOps implements RowOps {
    /** The one instance. */
    public static final ScalarRowOps INSTANCE = new ScalarRowOps();

    private ScalarRowOps() {
    }

    @Override
    public void convSilu(float[] x, float[] u, int off, int len, float[] w, int wOff, int width, float bias) {
        for (int t = 0; t < len; t++) {
            float c = bias;
            for (int k = Math.max(0, width - 1 - t); k < width; k++) {
                c += w[wOff + k] * x[off + t - width + 1 + k];
            }
            u[off + t] = c / (1f + (float) Math.exp(-c));
        }
    }

    @Override
    public void convSilu(double[] x, double[] u, int off, int len, double[] w, int wOff, int width, double bias) {
        for (int t = 0; t < len; t++) {
            double c = bias;
            for (int k = Math.max(0, width - 1 - t); k < width; k++) {
                c += w[wOff + k] * x[off + t - width + 1 + k];
            }
            u[off + t] = c / (1.0 + Math.exp(-c));
        }
    }

    @Override
    public void glu(float[] z, int aOff, int gOff, float ca, float cg, float[] y, int yOff, int len) {
        for (int t = 0; t < len; t++) {
            y[yOff + t] = (z[aOff + t] + ca) / (1f + (float) Math.exp(-(z[gOff + t] + cg)));
        }
    }

    @Override
    public void glu(double[] z, int aOff, int gOff, double ca, double cg, double[] y, int yOff, int len) {
        for (int t = 0; t < len; t++) {
            y[yOff + t] = (z[aOff + t] + ca) / (1.0 + Math.exp(-(z[gOff + t] + cg)));
        }
    }
}
