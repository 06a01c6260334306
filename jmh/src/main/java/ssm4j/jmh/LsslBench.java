package ssm4j.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.kernels.hippo.Hippo;
import ssm4j.kernels.hippo.HippoMeasure;
import ssm4j.kernels.lssl.DenseRecurrence;
import ssm4j.kernels.lssl.Discretization;
import ssm4j.kernels.lssl.Krylov;

/**
 * The two algorithms of each LSSL primitive side by side (backend-independent setup math, so no backend
 * parameter): Krylov kernel (5.1) by power loop vs doubling, dense recurrence (5.2) sequential vs divide and
 * conquer, in double and float, on the bilinear LegS system of the golden {@code krylov_legs_N64_L1024} shape.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Measurement(iterations = 3, time = 1)
public class LsslBench extends SuiteDefaults {
    @Param({"64"})
    int n;
    @Param({"1024"})
    int l;

    double[] dA;
    double[] dB;
    double[] c;
    double[] k;
    float[] fA;
    float[] fB;
    float[] fc;
    float[] fk;
    double[] u;
    double[] x;
    int batch = 4;

    @Setup
    public void setup() {
        double[] a = Hippo.transitionA(HippoMeasure.LEGS, n);
        double[] b = Hippo.transitionB(HippoMeasure.LEGS, n);
        dA = new double[n * n];
        dB = new double[n];
        Discretization.gbt(n, 1, a, 0, b, 0, new double[] {0.01}, 0, Discretization.BILINEAR, dA, 0, dB, 0);
        Random r = new Random(42);
        c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextGaussian();
        }
        k = new double[l];
        fA = Inputs.narrow(dA);
        fB = Inputs.narrow(dB);
        fc = Inputs.narrow(c);
        fk = new float[l];
        u = new double[l * batch * n];
        for (int i = 0; i < u.length; i++) {
            u[i] = r.nextGaussian();
        }
        x = new double[u.length];
    }

    @Benchmark
    public double[] krylovPower() {
        Krylov.kernelPower(1, n, l, dA, 0, dB, 0, c, 0, k, 0);
        return k;
    }

    @Benchmark
    public double[] krylovDoubling() {
        Krylov.kernelDoubling(1, n, l, dA, 0, dB, 0, c, 0, k, 0);
        return k;
    }

    @Benchmark
    public float[] krylovPowerF32() {
        Krylov.kernelPower(1, n, l, fA, 0, fB, 0, fc, 0, fk, 0);
        return fk;
    }

    @Benchmark
    public float[] krylovDoublingF32() {
        Krylov.kernelDoubling(1, n, l, fA, 0, fB, 0, fc, 0, fk, 0);
        return fk;
    }

    @Benchmark
    public double[] recurrenceSequential() {
        DenseRecurrence.sequential(n, l, batch, dA, 0, u, 0, null, 0, x, 0);
        return x;
    }

    @Benchmark
    public double[] recurrenceDivideAndConquer() {
        DenseRecurrence.divideAndConquer(n, l, batch, dA, 0, u, 0, null, 0, x, 0);
        return x;
    }
}
