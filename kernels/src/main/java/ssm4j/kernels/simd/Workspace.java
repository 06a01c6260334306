package ssm4j.kernels.simd;

/**
 * Per-thread scratch of the vector kernels, grown on demand and then reused, so that a call allocates nothing
 * once a thread has seen its shape. Held in a {@link ThreadLocal} by {@link VectorKernelOps}: never shared
 * between threads while written (the calling thread's z planes are read by the workers of the same call only
 * after {@link ssm4j.api.Parallel} has handed them the work, which orders the writes before the reads).
 */
final class Workspace {
    private float[] f32 = new float[0];
    private double[] f64 = new double[0];
    private float[] f32b = new float[0];
    private double[] f64b = new double[0];
    private float[] f32c = new float[0];
    private double[] f64c = new double[0];
    private double[] bases = new double[0];
    private double[] cur = new double[0];
    private double[] step = new double[0];
    private double[] lane = new double[0];
    private double[] anchor = new double[0];
    /** Two doubles: a complex result handed back by a helper. */
    final double[] pair = new double[2];

    /** First float buffer (z planes of the caller), at least {@code n} long. */
    float[] floats(int n) {
        if (f32.length < n) {
            f32 = new float[n];
        }
        return f32;
    }

    /** First double buffer (z planes of the caller), at least {@code n} long. */
    double[] doubles(int n) {
        if (f64.length < n) {
            f64 = new double[n];
        }
        return f64;
    }

    /** Second float buffer (per-channel tables and accumulators of this thread), at least {@code n} long. */
    float[] floats2(int n) {
        if (f32b.length < n) {
            f32b = new float[n];
        }
        return f32b;
    }

    /** Second double buffer (per-channel tables and accumulators of this thread), at least {@code n} long. */
    double[] doubles2(int n) {
        if (f64b.length < n) {
            f64b = new double[n];
        }
        return f64b;
    }

    /** Third float buffer (one output row as re and im planes, before interleaving), at least {@code n} long. */
    float[] floats3(int n) {
        if (f32c.length < n) {
            f32c = new float[n];
        }
        return f32c;
    }

    /** Third double buffer (one output row as re and im planes, before interleaving), at least {@code n} long. */
    double[] doubles3(int n) {
        if (f64c.length < n) {
            f64c = new double[n];
        }
        return f64c;
    }

    /** Power-table scratch: the bases q of one channel (2N doubles). */
    double[] bases(int n) {
        if (bases.length < n) {
            bases = new double[n];
        }
        return bases;
    }

    /** Power-table scratch: the running powers and steps as planes (4·Np doubles). */
    double[] cur(int n) {
        if (cur.length < n) {
            cur = new double[n];
        }
        return cur;
    }

    /** Power-table scratch: the chunk step q^C (2N doubles). */
    double[] step(int n) {
        if (step.length < n) {
            step = new double[n];
        }
        return step;
    }

    /** Power-table scratch: one lane-table row in double (2C doubles). */
    double[] lane(int n) {
        if (lane.length < n) {
            lane = new double[n];
        }
        return lane;
    }

    /** Power-table scratch: the anchor table in double (2·K·Np doubles). */
    double[] anchor(int n) {
        if (anchor.length < n) {
            anchor = new double[n];
        }
        return anchor;
    }
}
