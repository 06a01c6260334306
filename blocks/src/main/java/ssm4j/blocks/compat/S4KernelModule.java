package ssm4j.blocks.compat;

import static ssm4j.blocks.compat.CompatShapes.concat;
import static ssm4j.blocks.compat.CompatShapes.lead;
import static ssm4j.blocks.compat.CompatShapes.prod;

import java.util.Locale;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.blocks.rows.BlockMathF32;
import ssm4j.kernels.s4.DplrSystem;
import ssm4j.kernels.s4.S4DenseForm;
import ssm4j.kernels.s4.S4DenseStep;
import ssm4j.kernels.s4.S4DiagonalStep;
import ssm4j.kernels.s4.S4Kernel;
import ssm4j.kernels.s4.S4LinearStep;
import ssm4j.kernels.s4.S4Step;

/**
 * The DPLR (S4) kernel module of state-spaces/s4, {@code SSMKernelDPLR} in {@code src/models/sequence/kernels/ssm.py},
 * as a thin wrapper over {@link S4Kernel}, {@link S4DenseForm} and the {@link S4Step} modes (SPEC 3.2–3.6); no
 * math is done here.
 *
 * <table>
 * <caption>Reference method → method</caption>
 * <tr><td>{@code SSMKernelDPLR(...)}: dt, Λ, P, B, C, {@code l_max}</td>
 *     <td>{@link #S4KernelModule(SsmKernel, Tensor, Tensor, Tensor, Tensor, Tensor, int)}</td></tr>
 * <tr><td>{@code forward(state=None, rate=1.0, L=None)} → {@code (K, K_state)} (C̃ set and doubled as needed,
 *     SPEC 3.3)</td><td>{@link #forward(Tensor, double, int)}, {@link #forward(Tensor, double)},
 *     {@link #forward(int)}</td></tr>
 * <tr><td>{@code forward_state(u, state)} → next_state (SPEC 3.5c)</td><td>{@link #forwardState(Tensor, Tensor)}</td></tr>
 * <tr><td>{@code default_state(*batch_shape)}</td><td>{@link #defaultState(int...)}</td></tr>
 * <tr><td>{@code _setup_step(mode='dense')}, modes {@code dense}, {@code linear}, {@code diagonal}</td>
 *     <td>{@link #setupStep(String)}, {@link #setupStep()}</td></tr>
 * <tr><td>{@code step(u, state)} → {@code (y, next_state)}</td><td>{@link #step(Tensor, Tensor)}</td></tr>
 * </table>
 *
 * <p><b>Parameters</b> (complex = trailing axis of 2, stored half of each conjugate pair, N = N'): dt (H) or (H,1),
 * finite &gt; 0 (the reference's {@code exp(inv_dt)}); Λ (H,N,2) with {@code Re Λ < 0}; P (R,H,N,2); B (H,N,2);
 * C (Cn,H,N,2), the module's C before it is turned into C̃. The module's precision is that of C: fp32 runs the
 * fp32 Cauchy path of {@link S4Kernel}; the step modes and state forwarding exist in fp64 only, so for an fp32
 * module their inputs are widened and results rounded.
 *
 * <p><b>rate.</b> Only {@code rate = 1.0} is supported: {@link S4Kernel} keeps C̃ attuned to the fixed dt of its
 * {@link DplrSystem}, and the reference's other rates (a kernel at {@code dt·rate} with C̃ and nodes of another
 * length) have no counterpart there; any other rate is an {@link IllegalArgumentException} naming {@code rate}.
 *
 * <p><b>State sizes.</b> As in the reference, the state of {@code step} depends on the step mode: N (the stored
 * half) for {@code linear}, 2N (the conjugate-expanded state, or its eigen-coordinates) for {@code dense} and
 * {@code diagonal}; {@link #defaultState} follows the mode set by the last {@link #setupStep} ({@code dense} before
 * any). States of {@code forward} and {@link #forwardState} are always the stored half (..., H, N, 2).
 *
 * <p>Thread-safe ({@link S4Kernel} is synchronized; the step setup is synchronized and the modes immutable). Bad
 * shapes or values throw {@link IllegalArgumentException} naming the argument.
 */
public final class S4KernelModule extends KernelModule {
    private final DplrSystem sys;
    private final S4Kernel s4;
    private final S4LinearStep forwarder;    // the state-only linear step of forward_state (3.5c)
    private String mode = "dense";
    private S4Step stepper;

    /**
     * The module with its parameters.
     *
     * @param kernel the backend every kernel generation runs on
     * @param dt     (H) or (H,1) steps, finite &gt; 0
     * @param lambda complex (H,N,2), finite, {@code Re Λ < 0}
     * @param p      complex (R,H,N,2), finite, R ≥ 1
     * @param b      complex (H,N,2), finite
     * @param c      complex (Cn,H,N,2), finite; its precision is the module's
     * @param lMax   the reference's {@code l_max}: the length C̃ is first attuned to, or 0 for the first call's L
     * @throws IllegalArgumentException naming the argument
     */
    public S4KernelModule(SsmKernel kernel, Tensor dt, Tensor lambda, Tensor p, Tensor b, Tensor c, int lMax) {
        super(kernel, c, lMax);
        Check.notNull("Lambda", lambda).requireShape("Lambda", h, n, 2);
        Check.notNull("P", p).requireRank("P", 4);
        p.requireShape("P", p.dim(0), h, n, 2);
        Check.notNull("B", b).requireShape("B", h, n, 2);
        this.sys = new DplrSystem(h, n, p.dim(0), CompatShapes.dt(dt, h), lambda.toDoubles(), p.toDoubles(),
                b.toDoubles());
        this.s4 = S4Kernel.fromC(sys, channels, c.toDoubles(), lMax);
        this.forwarder = new S4LinearStep(sys, channels, null);
    }

    /** The underlying generator (its {@code lKernel()} and {@code cTilde()} are the reference's buffers). */
    public S4Kernel kernelClass() {
        return s4;
    }

    private static void rateOne(double rate) {
        if (CompatShapes.rate(rate) != 1.0) {
            throw new IllegalArgumentException("rate: only 1.0 is supported by ssm4j.kernels.s4.S4Kernel (C~ is "
                    + "attuned to the fixed dt of its DplrSystem), got " + rate);
        }
    }

    /** The reference's lazy {@code _setup_C(l_max)} on first use; returns {@code l_kernel} (0 if still unset). */
    private int initialLength() {
        if (s4.lKernel() == 0 && lMax > 0) {
            s4.attune(lMax);
        }
        return s4.lKernel();
    }

    /**
     * {@code forward(state, rate, L)} (SPEC 3.3–3.5): K (Cn,H,L) and, when {@code state} (..., H, N, 2) = x_{−1}
     * (stored half) is given, {@code K_state} (..., Cn, H, L) {@code = Re(C_full dA^{l+1} ce(state))}. C̃ is set
     * on first use and doubled while {@code L > l_kernel} (3.3b), as the reference does.
     *
     * @param state complex (..., H, N, 2), finite, or null
     * @param rate  must be 1.0 (see the class notes)
     * @param l     the kernel length L ≥ 1
     * @throws IllegalArgumentException naming the argument
     */
    @Override
    public KernelResult forward(Tensor state, double rate, int l) {
        rateOne(rate);
        Check.positive("L", l);
        int[] lead = stateLead(state);
        int batch = lead == null ? 0 : prod(lead);
        initialLength();
        Tensor kk = Tensor.zeros(fp64, channels, h, l);
        Tensor ks = lead == null ? null : Tensor.zeros(fp64, concat(lead, channels, h, l));
        if (ks == null && fp64) {
            s4.kernel(kernel, l, kk.doubles(), 0);
        } else if (ks == null) {
            s4.kernel(kernel, l, kk.floats(), 0);
        } else if (fp64) {
            s4.stateKernel(kernel, batch, state.doublesFromZero(), l, kk.doubles(), ks.doubles());
        } else {
            s4.stateKernel(kernel, batch, state.floatsFromZero(), l, kk.floats(), ks.floats());
        }
        return new KernelResult(kk, ks);
    }

    /**
     * {@code forward(state=state, rate=rate, L=None)}: L is {@code l_kernel} (C̃ first set at {@code l_max}).
     *
     * @throws IllegalArgumentException naming {@code L} when there is no {@code l_max} and no earlier call
     */
    public KernelResult forward(Tensor state, double rate) {
        rateOne(rate);
        int l = initialLength();
        if (l == 0) {
            throw new IllegalArgumentException("L: required, the module has no l_max and no kernel length yet");
        }
        return forward(state, rate, l);
    }

    /**
     * {@code forward_state(u, state)} (SPEC 3.5c): the stored half of {@code dA^L ce(state) + Σ_i dA^i dB
     * u[..., L−1−i]}, by the bilinear linear step ({@link S4LinearStep}) applied L times.
     *
     * @param u     real (..., H, L), finite
     * @param state complex (..., H, N, 2) with the leading axes of u, finite, or null for the zero state
     * @return complex (..., H, N, 2), new
     * @throws IllegalArgumentException naming the argument
     */
    public Tensor forwardState(Tensor u, Tensor state) {
        CompatShapes.tail("u", u, false, h, Check.notNull("u", u).dim(-1));
        int l = u.dim(-1);
        int[] lead = lead(u, 2);
        int[] shape = concat(lead, h, n, 2);
        if (state != null) {
            state.requireShape("state", shape);
        }
        int batch = prod(lead);
        double[] next = state == null ? new double[2 * batch * h * n] : state.toDoubles();
        forwarder.steps(batch, l, next, u.doublesFromZero(), null);
        return fp64 ? Tensor.wrap(next, shape) : Tensor.wrap(BlockMathF32.copyOf(next), shape);
    }

    /**
     * {@code default_state(*batch_shape)}: zeros, complex (*batch_shape, H, S, 2) with S = N in the {@code linear}
     * step mode and 2N otherwise, in the module's precision.
     */
    public synchronized Tensor defaultState(int... batchShape) {
        return zeroState(batchShape, stateSize(mode));
    }

    private int stateSize(String m) {
        return m.equals("linear") ? n : 2 * n;
    }

    /**
     * {@code _setup_step(mode)} (SPEC 3.6): the dense form {@code dA, dB, dC} from C̃ at {@code l_kernel}, then the
     * mode: {@code "dense"} ({@link S4DenseStep}), {@code "linear"} ({@link S4LinearStep}, O(N·R) per step) or
     * {@code "diagonal"} ({@link S4DiagonalStep}). C̃ is first set at {@code l_max} if no forward call did so.
     *
     * @throws IllegalArgumentException naming {@code mode} for another name
     * @throws IllegalStateException    when C̃ is unset and there is no {@code l_max}
     */
    public synchronized void setupStep(String mode) {
        String m = Check.notNull("mode", mode).trim().toLowerCase(Locale.ROOT);
        if (!m.equals("dense") && !m.equals("linear") && !m.equals("diagonal")) {
            throw new IllegalArgumentException("mode: must be 'dense', 'linear' or 'diagonal', got '" + mode + "'");
        }
        int lk = initialLength();
        if (lk == 0) {
            throw new IllegalStateException("setupStep needs C~: call forward first or build the module with l_max > 0");
        }
        S4DenseForm form = S4DenseForm.of(sys, channels, s4.cTilde(), lk);
        stepper = switch (m) {
            case "dense" -> new S4DenseStep(form);
            case "linear" -> S4LinearStep.of(sys, form);
            default -> new S4DiagonalStep(form);
        };
        this.mode = m;
    }

    /** {@code _setup_step()} with the reference default mode {@code "dense"}. */
    public void setupStep() {
        setupStep("dense");
    }

    /**
     * {@code step(u, state)} (SPEC 3.6, 1.3) in the mode of the last {@link #setupStep}: {@code x ← dA x + dB u},
     * then y read from the new state ({@code Re(dC x)}; {@code 2·Re} over the stored half in the linear mode).
     *
     * @param u     real (..., H), finite
     * @param state complex (..., H, S, 2) with the leading axes of u (S as in {@link #defaultState}), finite
     * @return y real (..., Cn, H) and the next state (a new tensor; {@code state} is not modified)
     * @throws IllegalArgumentException naming the argument
     * @throws IllegalStateException    before {@link #setupStep}
     */
    public StepResult step(Tensor u, Tensor state) {
        S4Step s;
        synchronized (this) {
            s = stepper;
        }
        if (s == null) {
            throw new IllegalStateException("setupStep() (the reference's _setup_step()) must be called before step()");
        }
        CompatShapes.tail("u", u, false, h);
        int[] lead = lead(u, 1);
        Check.notNull("state", state).requireShape("state", concat(lead, h, s.stateSize(), 2));
        int batch = prod(lead);
        double[] st = state.toDoubles();
        double[] y = new double[batch * channels * h];
        s.step(batch, st, u.doublesFromZero(), y);
        int[] yShape = concat(lead, channels, h);
        if (fp64) {
            return new StepResult(Tensor.wrap(y, yShape), Tensor.wrap(st, state.shape()));
        }
        return new StepResult(Tensor.wrap(BlockMathF32.copyOf(y), yShape), Tensor.wrap(BlockMathF32.copyOf(st),
                state.shape()));
    }
}
