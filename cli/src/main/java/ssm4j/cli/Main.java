package ssm4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code ./ssm4j}: {@code check-golden}, {@code bench}, {@code run}, {@code backends}. Each command
 * is its own class, found by name here (the one list of commands).
 */
public final class Main {
    private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("check-golden", "ssm4j.cli.CheckGoldenCommand");
        COMMANDS.put("backends", "ssm4j.cli.BackendsCommand");
        COMMANDS.put("bench", "ssm4j.cli.bench.BenchCommand");
        COMMANDS.put("run", "ssm4j.cli.RunCommand");
        COMMANDS.put("generate", "ssm4j.cli.lm.GenerateCommand");
        COMMANDS.put("score", "ssm4j.cli.lm.ScoreCommand");
        COMMANDS.put("aot-train", "ssm4j.cli.lm.AotTrainCommand");
        COMMANDS.put("spark-demo", "ssm4j.spark.SparkDemoCommand");
    }

    private Main() {
    }

    /** Runs the command named by {@code args[0]} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit status (for tests). */
    public static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? System.err : System.out);
            return args.length == 0 ? 2 : 0;
        }
        String cls = COMMANDS.get(args[0]);
        if (cls == null) {
            String near = COMMANDS.keySet().stream()
                    .min(java.util.Comparator.comparingInt(c -> OptionSet.distance(args[0], c))).orElseThrow();
            System.err.println("ssm4j: unknown command '" + args[0] + "'" + (OptionSet.distance(args[0], near) <= 3
                    ? "; did you mean " + near + "?" : ""));
            usage(System.err);
            return 2;
        }
        Command cmd;
        try {
            cmd = (Command) Class.forName(cls).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("ssm4j: command '" + args[0] + "' is not available in this build (" + e + ")");
            return 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return cmd.run(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("ssm4j " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("ssm4j " + args[0] + ": " + e);
            return 2;
        }
    }

    private static void usage(java.io.PrintStream out) {
        out.print("""
                usage: ./ssm4j <command> [options]        (./ssm4j <command> --help lists a command's options)
                  check-golden [DIR] [--backend NAME|all] [--precision fp32|fp64|both] [--skip-missing] [--case REGEX]
                                 run a golden manifest (default ../shared/golden); ends with 'N passed, N failed'
                  bench [--quick|--full|--suite NAME|--gate]   JMH benchmarks, table, chart
                  run <operation> --weights FILE --input FILE --output FILE [--backend B] [--threads T]
                                 one operation on arrays from files; operations:
                """ + RunCommand.operationList() + """
                  generate --model DIR --prompt TEXT [--max-new-tokens N --temperature T --top-k K --top-p P ...]
                                 run a Mamba / Mamba-2 language model checkpoint, streaming its text
                  score --model DIR --text FILE   per-token log-likelihood and perplexity
                  backends       list the backends and why any is unavailable
                  spark-demo     batch inference with Apache Spark (module spark)
                """);
    }
}
