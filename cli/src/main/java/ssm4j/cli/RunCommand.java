package ssm4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ssm4j.api.Backends;
import ssm4j.api.Check;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.compat.ReferenceOps;
import ssm4j.blocks.io.TensorFiles;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.mamba.MambaWeights;
import ssm4j.blocks.mamba2.Mamba2Block;
import ssm4j.blocks.mamba2.Mamba2Config;
import ssm4j.blocks.s4d.S4dLayer;

/**
 * {@code ./ssm4j run <op-or-layer> --weights FILE --input FILE --output FILE [--backend B] [--threads T]
 * [--precision fp32|fp64] [--repeat N]}: reads arrays from {@code .npy}, {@code .npz} or {@code .safetensors}
 * (tensor names as the reference's state_dict / argument names), runs one operation, writes the result in the
 * format of the output file's extension, and prints the time. Operations:
 * <ul>
 *   <li>{@code s4d-layer}: S4D weights; input {@code u} (B,H,L) → {@code y} (B,H,L) (and {@code K} in a
 *       multi-array output);</li>
 *   <li>{@code mamba-block}: Mamba weights; input {@code hidden_states} (B,L,d_model) → {@code out};</li>
 *   <li>{@code mamba2-block}: Mamba-2 weights; input {@code hidden_states} → {@code out}; {@code --ngroups G}
 *       (default 1), {@code --chunk-size Q} (default 256);</li>
 *   <li>{@code fft-conv}: weights {@code k} (C',H,Lk) and optional {@code D} (C,H); input {@code u} (B,H,L) →
 *       {@code y}; {@code --bidirectional};</li>
 *   <li>{@code selective-scan}: arrays {@code u, delta, A, B, C} and optional {@code D, z, delta_bias} from the
 *       weights and input files together → {@code out} (and {@code last_state} with
 *       {@code --return-last-state}); {@code --delta-softplus};</li>
 *   <li>{@code make-random-mamba}: writes seeded random Mamba weights to {@code --weights} and random hidden
 *       states to {@code --input} ({@code --d-model 768 --d-state 16 --d-conv 4 --expand 2 --batch 1
 *       --length 2048 --seed 0}).</li>
 * </ul>
 * A {@code .npy} input is taken as the operation's main input; a {@code .npy} output receives the main result.
 * The precision is that of the main input unless {@code --precision} says otherwise. Each operation declares its
 * options ({@link RunOp}); an undeclared one is an error naming the closest valid option, and
 * {@code run --help} / {@code run <op> --help} list the operations / an operation's options.
 */
public final class RunCommand implements Command {
    /** Options every computing operation takes. */
    static final List<Opt> COMMON = List.of(
            Opt.value("weights", "FILE", "weights (.safetensors, .npz or .npy), by state_dict / argument name"),
            Opt.value("input", "FILE", "input arrays; a .npy file is the operation's main input"),
            Opt.value("output", "FILE", "where the result goes (.npy: the main result; .npz/.safetensors: all)"),
            Opt.value("backend", "NAME", "scalar, vector, native or native-gpu (default: the best available)"),
            Opt.value("threads", "N", "threads per call (default: available processors)"),
            Opt.value("precision", "fp32|fp64", "arithmetic (default: that of the main input)"),
            Opt.value("repeat", "N", "run N times and print the median time (default 1)"));

    /** The operations, in the order {@code --help} lists them. Add an operation here. */
    private static final List<RunOp> OPS = List.of(
            RunOp.compute("s4d-layer", "S4D layer weights; input u (B,H,L) -> y (B,H,L) and K (H,L)", "u",
                    List.of(), in -> s4d(in.kernel(), in.weights(), in.main())),
            RunOp.compute("mamba-block", "Mamba weights; input hidden_states (B,L,d_model) -> out", "hidden_states",
                    List.of(), in -> Map.of("out", new MambaBlock(in.weights()).forward(in.kernel(), in.main()))),
            RunOp.compute("mamba2-block", "Mamba-2 weights; input hidden_states (B,L,d_model) -> out",
                    "hidden_states", List.of(Opt.value("ngroups", "G", "groups of B and C (default 1)"),
                            Opt.value("chunk-size", "Q", "SSD chunk length (default 256)")),
                    in -> Map.of("out", new Mamba2Block(in.weights(), Mamba2Config.of(in.options().positiveInt(
                            "ngroups", 1)).withChunkSize(in.options().positiveInt("chunk-size", 256)))
                            .forward(in.kernel(), in.main()))),
            RunOp.compute("fft-conv", "weights k (C',H,Lk), optional D (C,H); input u (B,H,L) -> y", "u",
                    List.of(Opt.flag("bidirectional", "two-sided kernel (k holds the forward and backward halves)")),
                    in -> fftConv(in.kernel(), in.weights(), in.main(), in.options().has("bidirectional"))),
            RunOp.compute("selective-scan", "u, delta, A, B, C and optional D, z, delta_bias (weights and input "
                    + "together) -> out (and last_state)", "u",
                    List.of(Opt.flag("delta-softplus", "apply softplus to delta + delta_bias"),
                            Opt.flag("return-last-state", "also write last_state (B,D,N)")),
                    in -> scan(in.kernel(), in.weights(), in.input(), in.main(), in.options())),
            RunOp.tool("make-random-mamba", "writes seeded random Mamba weights to --weights and hidden states to "
                    + "--input", List.of(
                            Opt.value("weights", "FILE", "where the weights go"),
                            Opt.value("input", "FILE", "where the hidden states go"),
                            Opt.value("d-model", "N", "model width (default 768)"),
                            Opt.value("d-state", "N", "state size (default 16)"),
                            Opt.value("d-conv", "N", "convolution width (default 4)"),
                            Opt.value("expand", "N", "inner width factor (default 2)"),
                            Opt.value("batch", "N", "batch of the hidden states (default 1)"),
                            Opt.value("length", "N", "sequence length (default 2048)"),
                            Opt.value("seed", "N", "random seed (default 0)")),
                    RunCommand::makeRandomMamba),
            RunOp.tool("make-random-lm", "writes a Mamba/Mamba-2 checkpoint directory with seeded random weights",
                    ssm4j.cli.lm.MakeRandomLm.OPTIONS, ssm4j.cli.lm.MakeRandomLm::run));

    /** The operations by name. */
    static Map<String, RunOp> operations() {
        Map<String, RunOp> m = new LinkedHashMap<>();
        for (RunOp op : OPS) {
            if (m.putIfAbsent(op.name(), op) != null) {
                throw new IllegalStateException("run: operation '" + op.name() + "' declared twice");
            }
        }
        return m;
    }

    /** One line per operation (name and summary), for {@code ./ssm4j --help} and {@code run --help}. */
    static String operationList() {
        StringBuilder sb = new StringBuilder();
        for (RunOp op : OPS) {
            sb.append(String.format(Locale.ROOT, "    %-18s %s%n", op.name(), op.summary()));
        }
        return sb.toString();
    }

    private static String usage() {
        return "usage: ./ssm4j run <operation> [options]   (./ssm4j run <operation> --help lists its options)\n"
                + "operations:\n" + operationList();
    }

    private static OptionSet optionsOf(RunOp op) {
        return op.compute() != null ? new OptionSet(COMMON).with(op.options()) : new OptionSet(op.options());
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("needs an operation\n" + usage());
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(usage());
            return 0;
        }
        if (args[0].startsWith("-")) {
            throw new IllegalArgumentException("needs an operation before the options\n" + usage());
        }
        Map<String, RunOp> ops = operations();
        RunOp op = ops.get(args[0]);
        if (op == null) {
            throw new IllegalArgumentException("unknown operation '" + args[0] + "'\n" + usage());
        }
        OptionSet set = optionsOf(op);
        ParsedOptions opt = set.parse(Arrays.copyOfRange(args, 1, args.length), 0);
        if (opt.helpRequested()) {
            System.out.print("usage: ./ssm4j run " + op.name() + " [options]\n  " + op.summary() + "\noptions:\n"
                    + set.help());
            return 0;
        }
        return op.tool() != null ? op.tool().run(opt) : compute(op, opt);
    }

    private static int compute(RunOp op, ParsedOptions opt) throws Exception {
        int threads = opt.positiveInt("threads", Parallel.defaultThreads());
        Check.threads("--threads", threads);
        String backend = opt.get("backend", Backends.get().name());
        SsmKernel kernel = Backends.byName(backend, threads);
        int repeat = opt.positiveInt("repeat", 1);
        Path output = Path.of(opt.required("output"));
        String mainIn = op.mainInput();
        Map<String, Tensor> weights = opt.has("weights")
                ? TensorFiles.read(Path.of(opt.get("weights", null)), "weights") : new LinkedHashMap<>();
        Map<String, Tensor> input = TensorFiles.read(Path.of(opt.required("input")), mainIn);
        Tensor main = input.get(mainIn);
        if (main == null) {
            throw new IllegalArgumentException("--input: has no array '" + mainIn + "' (has " + input.keySet() + ")");
        }
        boolean fp64 = switch (opt.get("precision", main.isDouble() ? "fp64" : "fp32")) {
            case "fp32" -> false;
            case "fp64" -> true;
            default -> throw new IllegalArgumentException("--precision: must be fp32 or fp64, got '"
                    + opt.get("precision", "") + "'");
        };
        main = fp64 ? main.asF64() : main.asF32();
        RunOp.Inputs in = new RunOp.Inputs(kernel, weights, input, main, fp64, opt);
        Map<String, Tensor> result = null;
        long[] times = new long[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            result = op.compute().apply(in);
            times[r] = System.nanoTime() - t0;
        }
        Map<String, Tensor> toWrite = result;
        if (output.getFileName().toString().endsWith(".npy")) {
            String first = result.keySet().iterator().next();
            toWrite = Map.of(first, result.get(first));
        }
        TensorFiles.write(output, toWrite);
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("%s on %s (%s): %s -> %s; time %.2f ms%s%n", op.name(), kernel.name(),
                fp64 ? "fp64" : "fp32", Arrays.toString(main.shape()), output, sorted[repeat / 2] / 1e6,
                repeat > 1 ? String.format(" (median of %d runs; first %.2f ms, best %.2f ms)", repeat,
                        times[0] / 1e6, sorted[0] / 1e6) : " (one run, includes JIT warm-up)");
        return 0;
    }

    private static Map<String, Tensor> s4d(SsmKernel kernel, Map<String, Tensor> weights, Tensor u) {
        S4dLayer layer = new S4dLayer(weights);
        Tensor y = layer.forward(kernel, u);
        int l = u.dim(2);
        Tensor k;
        if (u.isDouble()) {
            double[] kk = new double[layer.h() * l];
            layer.kernel(kernel, l, kk);
            k = Tensor.wrap(kk, layer.h(), l);
        } else {
            float[] kk = new float[layer.h() * l];
            layer.kernel(kernel, l, kk);
            k = Tensor.wrap(kk, layer.h(), l);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("y", y);
        out.put("K", k);
        return out;
    }

    private static Map<String, Tensor> fftConv(SsmKernel kernel, Map<String, Tensor> w, Tensor u, boolean bidir) {
        Tensor k = w.get("k");
        if (k == null) {
            throw new IllegalArgumentException("--weights: needs the kernel 'k' (C',H,Lk) (and optionally 'D')");
        }
        return Map.of("y", new ReferenceOps(kernel).fftConv(u, k, w.get("D"), bidir));
    }

    private static Map<String, Tensor> scan(SsmKernel kernel, Map<String, Tensor> weights, Map<String, Tensor> input,
                                            Tensor u, ParsedOptions opt) {
        Map<String, Tensor> all = new LinkedHashMap<>(weights);
        all.putAll(input);
        for (String need : new String[] {"delta", "A", "B", "C"}) {
            if (!all.containsKey(need)) {
                throw new IllegalArgumentException("selective-scan: array '" + need + "' is in neither --weights nor "
                        + "--input (have " + all.keySet() + ")");
            }
        }
        ReferenceOps ops = new ReferenceOps(kernel);
        ReferenceOps.ScanResult r = ops.selectiveScanFn(u, all.get("delta"), all.get("A"), all.get("B"),
                all.get("C"), all.get("D"), all.get("z"), all.get("delta_bias"), opt.has("delta-softplus"),
                opt.has("return-last-state"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("out", r.out());
        if (r.lastState() != null) {
            out.put("last_state", r.lastState());
        }
        return out;
    }

    private static int makeRandomMamba(ParsedOptions opt) throws Exception {
        int dModel = opt.positiveInt("d-model", 768);
        int dState = opt.positiveInt("d-state", 16);
        int dConv = opt.positiveInt("d-conv", 4);
        int expand = opt.positiveInt("expand", 2);
        int batch = opt.positiveInt("batch", 1);
        int length = opt.positiveInt("length", 2048);
        long seed = opt.longValue("seed", 0);
        Path w = Path.of(opt.required("weights"));
        Path in = Path.of(opt.required("input"));
        TensorFiles.write(w, MambaWeights.random(dModel, dState, dConv, expand, seed));
        TensorFiles.write(in, Map.of("hidden_states", MambaWeights.randomHidden(batch, length, dModel, seed + 1)));
        System.out.printf("wrote Mamba(d_model=%d, d_state=%d, d_conv=%d, expand=%d) weights to %s and hidden states "
                + "(%d, %d, %d) to %s%n", dModel, dState, dConv, expand, w, batch, length, dModel, in);
        return 0;
    }
}
