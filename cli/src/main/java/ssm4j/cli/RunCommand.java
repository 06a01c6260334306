package ssm4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import ssm4j.api.Backends;
import ssm4j.api.Parallel;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.compat.ReferenceOps;
import ssm4j.blocks.io.TensorFiles;
import ssm4j.blocks.mamba.MambaBlock;
import ssm4j.blocks.mamba.MambaWeights;
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
 *   <li>{@code fft-conv}: weights {@code k} (C',H,Lk) and optional {@code D} (C,H); input {@code u} (B,H,L) →
 *       {@code y}; {@code --bidirectional};</li>
 *   <li>{@code selective-scan}: arrays {@code u, delta, A, B, C} and optional {@code D, z, delta_bias} from the
 *       weights and input files together → {@code out} (and {@code last_state} with
 *       {@code --return-last-state}); {@code --delta-softplus};</li>
 *   <li>{@code min-gru}, {@code min-lstm}: minGRU / minLSTM weights; input {@code x} (B,L,dim) → {@code out}
 *       (and {@code hidden}, {@code log_hidden} (B,1,E) in a multi-array output); {@code --coeff-norm false}
 *       for a minLSTM without use_coeff_norm ({@link MinRnnRun});</li>
 *   <li>{@code make-random-mamba}: writes seeded random Mamba weights to {@code --weights} and random hidden
 *       states to {@code --input} ({@code --d-model 768 --d-state 16 --d-conv 4 --expand 2 --batch 1
 *       --length 2048 --seed 0}).</li>
 * </ul>
 * A {@code .npy} input is taken as the operation's main input; a {@code .npy} output receives the main result.
 * The precision is that of the main input unless {@code --precision} says otherwise.
 */
public final class RunCommand implements Command {
    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("needs an operation: s4d-layer, mamba-block, fft-conv, "
                    + "selective-scan or make-random-mamba");
        }
        String op = args[0];
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            boolean flag = switch (key) {
                case "bidirectional", "delta-softplus", "return-last-state" -> true;
                default -> false;
            };
            if (flag) {
                opt.put(key, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + ": needs a value");
                }
                opt.put(key, args[++i]);
            }
        }
        if (op.equals("make-random-mamba")) {
            return makeRandomMamba(opt);
        }
        String backend = opt.getOrDefault("backend", null);
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Parallel.defaultThreads())));
        SsmKernel kernel = backend == null ? Backends.byName(Backends.get().name(), threads)
                : Backends.byName(backend, threads);
        int repeat = Integer.parseInt(opt.getOrDefault("repeat", "1"));
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat: must be >= 1, got " + repeat);
        }
        Path output = Path.of(required(opt, "output"));
        String mainIn = switch (op) {
            case "s4d-layer", "fft-conv", "selective-scan" -> "u";
            case "mamba-block" -> "hidden_states";
            case "min-gru", "min-lstm" -> "x";
            default -> throw new IllegalArgumentException("unknown operation '" + op + "' (s4d-layer, mamba-block, "
                    + "fft-conv, selective-scan, make-random-mamba)");
        };
        Map<String, Tensor> weights = opt.containsKey("weights")
                ? TensorFiles.read(Path.of(opt.get("weights")), "weights") : new LinkedHashMap<>();
        Map<String, Tensor> input = TensorFiles.read(Path.of(required(opt, "input")), mainIn);
        Tensor main = input.get(mainIn);
        if (main == null) {
            throw new IllegalArgumentException("--input: has no array '" + mainIn + "' (has " + input.keySet() + ")");
        }
        boolean fp64 = switch (opt.getOrDefault("precision", main.isDouble() ? "fp64" : "fp32")) {
            case "fp32" -> false;
            case "fp64" -> true;
            default -> throw new IllegalArgumentException("--precision: must be fp32 or fp64");
        };
        main = fp64 ? main.asF64() : main.asF32();
        Map<String, Tensor> result = null;
        long[] times = new long[repeat];
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            result = switch (op) {
                case "s4d-layer" -> s4d(kernel, weights, main);
                case "mamba-block" -> Map.of("out", new MambaBlock(weights).forward(kernel, main));
                case "fft-conv" -> fftConv(kernel, weights, main, opt.containsKey("bidirectional"));
                case "min-gru", "min-lstm" -> MinRnnRun.run(op, kernel, weights, main, opt);
                default -> scan(kernel, weights, input, main, fp64, opt);
            };
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
        System.out.printf("%s on %s (%s): %s -> %s; time %.2f ms%s%n", op, kernel.name(), fp64 ? "fp64" : "fp32",
                Arrays.toString(main.shape()), output, sorted[repeat / 2] / 1e6,
                repeat > 1 ? String.format(" (median of %d runs; first %.2f ms, best %.2f ms)", repeat,
                        times[0] / 1e6, sorted[0] / 1e6) : " (one run, includes JIT warm-up)");
        return 0;
    }

    private static String required(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + ": is required");
        }
        return v;
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
                                            Tensor u, boolean fp64, Map<String, String> opt) {
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
                all.get("C"), all.get("D"), all.get("z"), all.get("delta_bias"), opt.containsKey("delta-softplus"),
                opt.containsKey("return-last-state"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("out", r.out());
        if (r.lastState() != null) {
            out.put("last_state", r.lastState());
        }
        return out;
    }

    private static int makeRandomMamba(Map<String, String> opt) throws Exception {
        int dModel = Integer.parseInt(opt.getOrDefault("d-model", "768"));
        int dState = Integer.parseInt(opt.getOrDefault("d-state", "16"));
        int dConv = Integer.parseInt(opt.getOrDefault("d-conv", "4"));
        int expand = Integer.parseInt(opt.getOrDefault("expand", "2"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "1"));
        int length = Integer.parseInt(opt.getOrDefault("length", "2048"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "0"));
        Path w = Path.of(required(opt, "weights"));
        Path in = Path.of(required(opt, "input"));
        TensorFiles.write(w, MambaWeights.random(dModel, dState, dConv, expand, seed));
        TensorFiles.write(in, Map.of("hidden_states", MambaWeights.randomHidden(batch, length, dModel, seed + 1)));
        System.out.printf("wrote Mamba(d_model=%d, d_state=%d, d_conv=%d, expand=%d) weights to %s and hidden states "
                + "(%d, %d, %d) to %s%n", dModel, dState, dConv, expand, w, batch, length, dModel, in);
        return 0;
    }
}
