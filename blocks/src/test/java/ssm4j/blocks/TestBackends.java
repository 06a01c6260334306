package ssm4j.blocks;

import java.util.ArrayList;
import java.util.List;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/** The backends the block tests run on: every available tier whose parts are all on the class path. */
public final class TestBackends {
    private TestBackends() {
    }

    /** Available backends with 1 thread and, for the first, also 3 threads (results must not depend on it). */
    public static List<SsmKernel> all() {
        List<SsmKernel> out = new ArrayList<>();
        for (String n : Backends.availableNames()) {
            SsmKernel k = Backends.byName(n, 1);
            if (!k.describe().contains("missing")) {
                out.add(k);
            }
        }
        out.add(Backends.byName("scalar", 3));
        return out;
    }
}
