package ssm4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the C anchor programs ({@code shared/anchors/run}) for the workloads in the table, in the same session as
 * the JMH run, and reads their medians. An anchor prints one line per variant and thread count:
 * {@code W1 H=256 N=32 L=4096 | avx2 pair-form div, U=2 | threads=1 | median 9.552 ms | ...}.
 */
public final class AnchorRunner {
    private static final Pattern LINE =
            Pattern.compile("^[^|]*\\|([^|]*)\\|\\s*threads=(\\d+)\\s*\\|\\s*median\\s+([0-9.]+) ms.*");

    private AnchorRunner() {
    }

    /**
     * Runs each anchor that matches at least one row, and returns its median per thread count.
     *
     * @param script   the anchors' {@code run} script
     * @param anchors  the anchors of {@code bench/baselines.json}
     * @param rows     the steady-state rows of this run
     * @param log      receives the anchors' output
     */
    public static List<ResultTable.AnchorTime> run(Path script, List<Baselines.Anchor> anchors, List<JmhResult> rows,
                                                   PrintStream log) throws IOException, InterruptedException {
        List<ResultTable.AnchorTime> out = new ArrayList<>();
        if (!Files.isExecutable(script)) {
            log.println("anchors: " + script + " not found or not executable; no C anchor column");
            return out;
        }
        for (Baselines.Anchor a : anchors) {
            if (rows.stream().noneMatch(a::matches)) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(script.toString()));
            cmd.addAll(a.run());
            log.println("anchors: " + String.join(" ", cmd));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.println("  " + line);
                    parse(line, a).ifPresent(out::add);
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                log.println("anchors: exit " + rc + " (a wrong result or a missing library); its figures are not used");
                out.removeIf(t -> t.anchor() == a);
            }
        }
        return out;
    }

    /** One anchor output line of the anchor's implementation label, as a time; empty for other lines. */
    static java.util.Optional<ResultTable.AnchorTime> parse(String line, Baselines.Anchor a) {
        Matcher m = LINE.matcher(line);
        if (m.matches() && m.group(1).contains(a.impl())) {
            return java.util.Optional.of(new ResultTable.AnchorTime(a, m.group(2), Double.parseDouble(m.group(3))));
        }
        return java.util.Optional.empty();
    }
}
