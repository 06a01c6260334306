package ssm4j.cli.golden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of golden case runners, by class name (one file per family of primitives in this package). A
 * class that is not there yet leaves its primitives "not implemented"; nothing else needs to change to add one.
 */
public final class GoldenRunners {
    private static final List<String> RUNNERS = List.of(
            "ssm4j.cli.golden.CauchyCases",      // cauchy, cauchy_conj
            "ssm4j.cli.golden.VandermondeCases", // log_vandermonde
            "ssm4j.cli.golden.ScanCases",        // selective_scan, selective_state_update, diag_lti_recurrence
            "ssm4j.cli.golden.ConvCases",        // fft_conv
            "ssm4j.cli.golden.HippoCases",       // hippo_transition, hippo_nplr
            "ssm4j.cli.golden.LsslCases",        // discretize_dense, krylov_dense, krylov_matrix, dense_linear_recurrence
            "ssm4j.cli.golden.S4dCases",         // s4d_kernel, s4d_kernel_state, s4d_recurrent
            "ssm4j.cli.golden.S4Cases",          // s4_dplr_kernel, s4_dplr_kernel_state, s4_dplr_dense_form, s4_dplr_recurrent
            "ssm4j.cli.golden.SsdCases",         // ssd_chunk_scan, mamba2_block
            "ssm4j.cli.golden.BlockCases",       // s4d_layer, mamba_block
            "ssm4j.cli.golden.LmCases");         // mamba_lm, mamba2_lm

    private GoldenRunners() {
    }

    /** Runner for each primitive that has one. */
    public static Map<String, CaseRunner> byPrimitive() {
        Map<String, CaseRunner> out = new LinkedHashMap<>();
        for (String cn : RUNNERS) {
            CaseRunner r;
            try {
                r = (CaseRunner) Class.forName(cn).getConstructor().newInstance();
            } catch (ClassNotFoundException e) {
                continue; // family not implemented yet
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build golden runner " + cn, e);
            }
            for (String p : r.primitives()) {
                out.put(p, r);
            }
        }
        return out;
    }
}
