package ssm4j.cli;

import java.util.List;
import java.util.Map;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;

/**
 * One operation of {@code ./ssm4j run}: its name, a one-line summary for {@code --help}, the options it takes
 * beyond the common ones, and its body. Adding an operation is one {@link #compute} or {@link #tool} entry in
 * {@link RunCommand}'s list; the parser, {@code --help}, unknown-option errors and timing come with it.
 *
 * @param name      the operation's name on the command line
 * @param summary   one line: what it reads and what it writes
 * @param mainInput for a computing operation, the name of its main input array (a {@code .npy} input is taken as
 *                  this array); {@code null} for a tool
 * @param options   the options of this operation: for a computing one, in addition to {@link RunCommand#COMMON}
 * @param compute   the body of a computing operation ({@code null} for a tool)
 * @param tool      the body of a tool ({@code null} for a computing operation)
 */
public record RunOp(String name, String summary, String mainInput, List<Opt> options, Compute compute, Tool tool) {
    /** The arrays a computing operation is given. */
    public record Inputs(SsmKernel kernel, Map<String, Tensor> weights, Map<String, Tensor> input, Tensor main,
                         boolean fp64, ParsedOptions options) {
    }

    /** Body of a computing operation: arrays in, named arrays out (the first is the main result). */
    @FunctionalInterface
    public interface Compute {
        /** Runs the operation once (it may be repeated for timing). */
        Map<String, Tensor> apply(Inputs in) throws Exception;
    }

    /** Body of a tool (writes files of its own, e.g. random weights): its options parsed, returns the status. */
    @FunctionalInterface
    public interface Tool {
        /** Runs the tool. */
        int run(ParsedOptions options) throws Exception;
    }

    /**
     * A computing operation: reads {@code --weights}/{@code --input}, runs on {@code --backend}, writes
     * {@code --output}, prints the time.
     */
    public static RunOp compute(String name, String summary, String mainInput, List<Opt> options, Compute body) {
        return new RunOp(name, summary, mainInput, options, body, null);
    }

    /** A tool with only its own options. */
    public static RunOp tool(String name, String summary, List<Opt> options, Tool body) {
        return new RunOp(name, summary, null, options, null, body);
    }
}
