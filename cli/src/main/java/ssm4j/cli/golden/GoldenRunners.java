package ssm4j.cli.golden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of golden case runners, by class name (one file per family of primitives in this package), with
 * the manifest primitives each computes. A class that is not there yet leaves its primitives "not implemented";
 * nothing else needs to change to add one.
 */
public final class GoldenRunners {
    /** A runner class (by simple name, in this package) and the manifest primitives it computes. */
    private record Entry(String runner, List<String> primitives) {
        Entry(String runner, String... primitives) {
            this(runner, List.of(primitives));
        }
    }

    private static final List<Entry> RUNNERS = List.of(
            new Entry("CauchyCases", "cauchy", "cauchy_conj"),
            new Entry("VandermondeCases", "log_vandermonde"),
            new Entry("ScanCases", "selective_scan", "selective_state_update", "diag_lti_recurrence"),
            new Entry("ConvCases", "fft_conv"),
            new Entry("HippoCases", "hippo_transition", "hippo_nplr"),
            new Entry("LsslCases", "discretize_dense", "krylov_dense", "krylov_matrix", "dense_linear_recurrence"),
            new Entry("S4dCases", "s4d_kernel", "s4d_kernel_state", "s4d_recurrent"),
            new Entry("S4Cases", "s4_dplr_kernel", "s4_dplr_kernel_state", "s4_dplr_dense_form",
                    "s4_dplr_recurrent"),
            new Entry("SsdCases", "ssd_chunk_scan", "mamba2_block"),
            new Entry("BlockCases", "s4d_layer", "mamba_block"),
            new Entry("MinRnnCases", "log_scan", "min_gru", "min_lstm"),
            new Entry("LmCases", "mamba_lm", "mamba2_lm"));

    private GoldenRunners() {
    }

    /** Runner for each primitive that has one. */
    public static Map<String, CaseRunner> byPrimitive() {
        Map<String, CaseRunner> out = new LinkedHashMap<>();
        for (Entry entry : RUNNERS) {
            String cn = GoldenRunners.class.getPackageName() + "." + entry.runner();
            CaseRunner r;
            try {
                r = (CaseRunner) Class.forName(cn).getConstructor().newInstance();
            } catch (ClassNotFoundException e) {
                continue; // family not implemented yet
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build golden runner " + cn, e);
            }
            for (String p : entry.primitives()) {
                out.put(p, r);
            }
        }
        return out;
    }
}
