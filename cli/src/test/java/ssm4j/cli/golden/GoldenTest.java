package ssm4j.cli.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import ssm4j.api.Backends;
import ssm4j.api.SsmKernel;

/**
 * Every case of the golden manifest named by {@code -Dssm4j.golden} (default {@code ../shared/golden}), on every
 * backend available in this JVM, in each precision the case has: one dynamic test per (backend, case,
 * precision), judged by the same {@link GoldenChecker} as {@code ./ssm4j check-golden}. A case whose primitive has
 * no runner in this build is reported as aborted (not implemented), never as passed.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException {
        assumeTrue(Files.isDirectory(GoldenChecker.defaultDir()),
                "golden data not found at " + GoldenChecker.defaultDir().toAbsolutePath());
        GoldenChecker checker = new GoldenChecker(GoldenChecker.defaultDir());
        List<DynamicNode> perBackend = new ArrayList<>();
        for (String name : Backends.availableNames()) {
            SsmKernel k = Backends.byName(name, 2);
            List<DynamicNode> tests = new ArrayList<>();
            for (GoldenCase c : checker.cases()) {
                for (Precision p : Precision.values()) {
                    if (!checker.applies(c, p)) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(c.name() + " " + p.label(), () -> {
                        assumeTrue(checker.implemented(c), "primitive " + c.primitive() + " not implemented");
                        GoldenChecker.Result r = checker.check(c, p, k, false);
                        assertEquals(GoldenChecker.Status.PASS, r.status(), r.line());
                    }));
                }
            }
            perBackend.add(DynamicContainer.dynamicContainer(k.describe(), tests));
        }
        return perBackend.stream();
    }
}
