package ssm4j.nativ.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the GPU tests without Maven, on a machine that has a GPU but no build tools (native/gpu-check.sh).
 * Exits 1 on any failure and 2 when every GPU test was skipped (no device: nothing was proven).
 */
public final class GpuTestMain {
    private GpuTestMain() {
    }

    /** Runs the CUDA test classes and prints the summary. */
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CudaSymbolsTest.class), selectClass(CudaConvOpsTest.class),
                        selectClass(CudaKernelOpsTest.class), selectClass(CudaAbsenceTest.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        var summary = listener.getSummary();
        summary.printTo(new PrintWriter(System.out));
        summary.printFailuresTo(new PrintWriter(System.out), 30);
        System.out.printf("GPU tests: run %d, succeeded %d, failed %d, skipped (assumption: no GPU) %d%n",
                summary.getTestsStartedCount(), summary.getTestsSucceededCount(), summary.getTestsFailedCount(),
                summary.getTestsAbortedCount());
        System.exit(summary.getTotalFailureCount() > 0 ? 1 : summary.getTestsSucceededCount() <= 3 ? 2 : 0);
    }
}
