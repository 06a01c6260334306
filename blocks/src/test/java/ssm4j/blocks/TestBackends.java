package ssm4j.blocks;

import java.util.ArrayList;
import java.util.List;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/** The backends the block tests run on: every available tier whose parts are all on the class path. */
public final class TestBackends {
    private TestBackends() {
    }

    /**
     * Available backends (1 thread) whose parts for the named families ({@code "kernels"}, {@code "scan"},
     * {@code "conv"}) are on the class path, plus the scalar backend with 3 threads (results must not depend on
     * the thread count).
     */
    public static List<SsmKernel> with(String... families) {
        List<SsmKernel> out = new ArrayList<>();
        for (String n : Backends.availableNames()) {
            SsmKernel k = Backends.byName(n, 1);
            boolean ok = true;
            for (String f : families) {
                ok &= !k.describe().contains(f + "=missing");
            }
            if (ok) {
                out.add(k);
            }
        }
        out.add(Backends.byName("scalar", 3));
        return out;
    }
}
