package ssm4j.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One line saying what machine and JDK a measurement ran on (CPU model, vector extension, cores, JDK build): every
 * table, chart and proposed floor carries it, because ratios from different machines do not compare.
 */
final class Environment {
    private Environment() {
    }

    /** E.g. {@code AMD EPYC 7B13 (avx2), 2 cores, JDK 25.0.3+9-LTS}. */
    static String describe() {
        String cpu = "unknown CPU";
        String simd = "";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name") && cpu.equals("unknown CPU")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                }
                if (l.startsWith("flags") && simd.isEmpty()) {
                    simd = l.contains(" avx512f") ? "avx512" : l.contains(" avx2") ? "avx2" : "no avx2";
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        return cpu + (simd.isEmpty() ? "" : " (" + simd + ")") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + Runtime.version();
    }
}
