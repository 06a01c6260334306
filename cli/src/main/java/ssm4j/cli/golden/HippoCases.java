package ssm4j.cli.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.kernels.hippo.Hippo;
import ssm4j.kernels.hippo.HippoMeasure;
import ssm4j.kernels.hippo.Nplr;
import ssm4j.kernels.hippo.NplrForm;

/**
 * Golden runner for {@code hippo_transition} (A, B, P; SPEC 2.1, 2.2) and {@code hippo_nplr} (W, P, B, V and the
 * phase-free invariants; SPEC 2.3). Both are fp64-only math, so there is one fp64 line per case; the checker
 * also compares the fp64 result with the {@code *_f32} references.
 *
 * <p>Phase alignment (SPEC 2.3): each eigenvector column is defined up to a unit factor, so column k of V is
 * rotated by {@code e^{iφ_k}}, {@code φ_k = arg Σ_n conj(V_got[n,k])·V_ref[n,k]}, and P[:,k], B[k] (and
 * B_unclipped[k]) by {@code e^{−iφ_k}} (B = Vᴴ B_hippo). The reference's two runs (complex128 and complex64)
 * chose different phases for the columns whose phase is free (FouT: V[0,k] ≈ 0), so the {@code *_f32} outputs
 * are returned under their full names, aligned to {@code V_f32}; the checker prefers a full-name output.
 */
public final class HippoCases implements CaseRunner {
    @Override
    public boolean supportsFp32(GoldenCase c) {
        return false;
    }

    @Override
    public Map<String, double[]> run(GoldenCase c, Precision p, SsmKernel kernel) throws IOException {
        HippoMeasure m = HippoMeasure.of(c.stringParam("measure", null));
        int n = c.intParam("N");
        int rank = c.intParam("rank", 1);
        Map<String, double[]> out = new LinkedHashMap<>();
        if (c.primitive().equals("hippo_transition")) {
            out.put("A", Hippo.transitionA(m, n));
            out.put("B", Hippo.transitionB(m, n));
            out.put("P", Hippo.lowRank(m, n, rank));
            return out;
        }
        double clip = c.has("B_clip") ? c.doubleParam("B_clip") : Nplr.DEFAULT_B_CLIP;
        NplrForm f = Nplr.of(m, n, rank, clip);
        out.put("W", f.w());
        putAligned(out, "", f, c.expected("V").data());
        if (c.outputNames().contains("V_f32")) {
            putAligned(out, "_f32", f, c.expected("V_f32").data());
        }
        // phase-free invariants
        int half = f.half();
        double[] pbConj = new double[2 * half];
        for (int k = 0; k < half; k++) {
            double br = f.b()[2 * k];
            double bi = -f.b()[2 * k + 1];
            for (int r = 0; r < rank; r++) {   // Σ_r P[r,k]·conj(B[k])
                double pr = f.p()[2 * (r * half + k)];
                double pi = f.p()[2 * (r * half + k) + 1];
                pbConj[2 * k] += pr * br - pi * bi;
                pbConj[2 * k + 1] += pr * bi + pi * br;
            }
        }
        out.put("PB_conj", pbConj);
        double[] absP = new double[rank * half];
        for (int i = 0; i < absP.length; i++) {
            absP[i] = Math.hypot(f.p()[2 * i], f.p()[2 * i + 1]);
        }
        out.put("absP", absP);
        double[] absB = new double[half];
        for (int k = 0; k < half; k++) {
            absB[k] = Math.hypot(f.bUnclipped()[2 * k], f.bUnclipped()[2 * k + 1]);
        }
        out.put("absB_unclipped", absB);
        return out;
    }

    /**
     * Puts V, P, B, B_unclipped (names with {@code suffix}) rotated so that V's columns best match {@code vRef}
     * (N,N') complex interleaved.
     */
    private static void putAligned(Map<String, double[]> out, String suffix, NplrForm f, double[] vRef) {
        int n = f.n();
        int half = f.half();
        double[] v = f.v().clone();
        double[] pp = f.p().clone();
        double[] b = f.b().clone();
        double[] bu = f.bUnclipped().clone();
        for (int k = 0; k < half; k++) {
            double sr = 0;
            double si = 0;
            for (int r = 0; r < n; r++) {   // Σ conj(V_got)·V_ref
                int i = 2 * (r * half + k);
                sr += v[i] * vRef[i] + v[i + 1] * vRef[i + 1];
                si += v[i] * vRef[i + 1] - v[i + 1] * vRef[i];
            }
            double mod = Math.hypot(sr, si);
            double cr = mod > 0 ? sr / mod : 1.0;   // e^{iφ}
            double ci = mod > 0 ? si / mod : 0.0;
            for (int r = 0; r < n; r++) {
                rotate(v, 2 * (r * half + k), cr, ci);
            }
            // B = Vᴴ B_hippo and P = Vᴴ p: rotating V's column by e^{iφ} rotates B[k], P[:,k] by e^{−iφ}
            for (int r = 0; r < f.rank(); r++) {
                rotate(pp, 2 * (r * half + k), cr, -ci);
            }
            rotate(b, 2 * k, cr, -ci);
            rotate(bu, 2 * k, cr, -ci);
        }
        out.put("V" + suffix, v);
        out.put("P" + suffix, pp);
        out.put("B" + suffix, b);
        out.put("B_unclipped" + suffix, bu);
    }

    private static void rotate(double[] a, int i, double cr, double ci) {
        double re = a[i] * cr - a[i + 1] * ci;
        double im = a[i] * ci + a[i + 1] * cr;
        a[i] = re;
        a[i + 1] = im;
    }
}
