package ssm4j.blocks.compat;

import static ssm4j.blocks.compat.CompatShapes.concat;
import static ssm4j.blocks.compat.CompatShapes.lead;
import static ssm4j.blocks.compat.CompatShapes.prod;

import ssm4j.api.Check;
import ssm4j.api.SsmKernel;
import ssm4j.blocks.Tensor;
import ssm4j.kernels.s4d.S4dDiscretization;
import ssm4j.kernels.s4d.S4dKernel;
import ssm4j.kernels.s4d.S4dRecurrence;

/**
 * The diagonal (S4D) kernel module of state-spaces/s4, {@code SSMKernelDiag} in
 * {@code src/models/sequence/kernels/ssm.py}, as a thin wrapper over {@link S4dKernel} and {@link S4dRecurrence}
 * (SPEC 4.2–4.6); no math is done here.
 *
 * <table>
 * <caption>Reference method → method</caption>
 * <tr><td>{@code SSMKernelDiag(...)} after {@code _get_params()}: dt, A, B, C, {@code disc}</td>
 *     <td>{@link #S4dKernelModule(SsmKernel, Tensor, Tensor, Tensor, Tensor, String, int)}</td></tr>
 * <tr><td>{@code forward(L, state=None, rate=1.0)} → {@code (K, K_state)}</td>
 *     <td>{@link #forward(Tensor, double, int)}, {@link #forward(Tensor, double)}, {@link #forward(int)}</td></tr>
 * <tr><td>{@code forward_state(u, state)} → next_state</td><td>{@link #forwardState(Tensor, Tensor)}</td></tr>
 * <tr><td>{@code default_state(*batch_shape)}</td><td>{@link #defaultState(int...)}</td></tr>
 * <tr><td>{@code _setup_step()}</td><td>{@link #setupStep()}</td></tr>
 * <tr><td>{@code step(u, state)} → {@code (y, next_state)}</td><td>{@link #step(Tensor, Tensor)}</td></tr>
 * </table>
 *
 * <p><b>Parameters</b> (complex = trailing axis of 2): dt (H) or (H,1), finite &gt; 0 (the reference's
 * {@code exp(inv_dt)}); A (H,N,2) with {@code Re A < 0}; B (H,N,2); C (Cn,H,N,2); N is the stored state size
 * (d_state/2). The module's precision is that of C: an fp32 C runs the fp32 paths of the kernels classes (their
 * tables are built in fp64 and rounded once) and returns fp32 tensors.
 *
 * <p><b>rate.</b> The reference scales the step, {@code dt·rate}. {@link S4dKernel} fixes dt at construction, so a
 * rate other than 1 builds (and caches, one at a time) a second {@link S4dKernel} with {@code dt·rate}: the same
 * class and arithmetic, only the step differs. {@code step} ignores rate, as the reference does.
 *
 * <p>Thread-safe: the kernels classes are immutable and the rate cache and step setup are synchronized. Bad
 * shapes or values throw {@link IllegalArgumentException} naming the argument.
 */
public final class S4dKernelModule extends KernelModule {
    private final S4dDiscretization disc;
    private final double[] dt;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final S4dKernel base;
    private S4dKernel rated;
    private double ratedRate;
    private S4dRecurrence recurrence;

    /**
     * The module with the reference's post-{@code _get_params} parameters.
     *
     * @param kernel the backend every kernel generation runs on
     * @param dt     (H) or (H,1) steps, finite &gt; 0
     * @param a      complex (H,N,2), finite, {@code Re A < 0}
     * @param b      complex (H,N,2), finite
     * @param c      complex (Cn,H,N,2), finite; its precision is the module's
     * @param disc   {@code "zoh"} or {@code "bilinear"}
     * @param lMax   the reference's {@code l_max} (the default L of {@link #forward(Tensor, double)}), or 0 for none
     * @throws IllegalArgumentException naming the argument
     */
    public S4dKernelModule(SsmKernel kernel, Tensor dt, Tensor a, Tensor b, Tensor c, String disc, int lMax) {
        super(kernel, c, lMax);
        this.disc = S4dDiscretization.parse(disc);
        Check.notNull("A", a).requireShape("A", h, n, 2);
        Check.notNull("B", b).requireShape("B", h, n, 2);
        this.dt = CompatShapes.dt(dt, h);
        this.a = a.toDoubles();
        this.b = b.toDoubles();
        this.c = c.toDoubles();
        this.base = S4dKernel.of(this.disc, h, n, channels, this.dt, this.a, this.b, this.c);
    }

    /** {@link #S4dKernelModule(SsmKernel, Tensor, Tensor, Tensor, Tensor, String, int)} without {@code l_max}. */
    public S4dKernelModule(SsmKernel kernel, Tensor dt, Tensor a, Tensor b, Tensor c, String disc) {
        this(kernel, dt, a, b, c, disc, 0);
    }

    /** The underlying generator at rate 1 (its own accessors give Ā, B̄ and C). */
    public S4dKernel kernelClass() {
        return base;
    }

    private synchronized S4dKernel at(double rate) {
        if (CompatShapes.rate(rate) == 1.0) {
            return base;
        }
        if (rated == null || ratedRate != rate) {
            double[] scaled = new double[h];
            for (int i = 0; i < h; i++) {
                scaled[i] = dt[i] * rate;      // the reference's dt·rate
            }
            rated = S4dKernel.of(disc, h, n, channels, scaled, a, b, c);
            ratedRate = rate;
        }
        return rated;
    }

    /**
     * {@code forward(L, state, rate)} (SPEC 4.2, 4.5a): K (Cn,H,L) by (4.2) and, when {@code state} (..., H, N, 2)
     * = x_{−1} is given, {@code K_state} (..., Cn, H, L) {@code = 2·Re Σ_n C·Ā^{l+1}·state}, both at step
     * {@code dt·rate}.
     *
     * @param state complex (..., H, N, 2), finite, or null
     * @param rate  finite &gt; 0 (1 is the reference default)
     * @param l     the kernel length L ≥ 1
     * @throws IllegalArgumentException naming the argument
     */
    @Override
    public KernelResult forward(Tensor state, double rate, int l) {
        Check.positive("L", l);
        S4dKernel k = at(rate);
        int[] lead = stateLead(state);
        int batch = lead == null ? 0 : prod(lead);
        Tensor kk = Tensor.zeros(fp64, channels, h, l);
        Tensor ks = lead == null ? null : Tensor.zeros(fp64, concat(lead, channels, h, l));
        if (fp64) {
            k.kernel(kernel, l, kk.doubles(), 0);
            if (ks != null) {
                k.stateKernel(kernel, batch, state.doublesFromZero(), l, ks.doubles());
            }
        } else {
            k.kernel(kernel, l, kk.floats(), 0);
            if (ks != null) {
                k.stateKernel(kernel, batch, state.floatsFromZero(), l, ks.floats());
            }
        }
        return new KernelResult(kk, ks);
    }

    /**
     * {@code forward(state=state, rate=rate)} with the reference's default length {@code L = round(l_max/rate)}.
     *
     * @throws IllegalArgumentException naming {@code L} when the module has no {@code l_max}
     */
    public KernelResult forward(Tensor state, double rate) {
        if (lMax == 0) {
            throw new IllegalArgumentException("L: required, the module was built without l_max");
        }
        return forward(state, rate, Math.max(1, (int) Math.round(lMax / CompatShapes.rate(rate))));
    }

    /**
     * {@code forward_state(u, state)} (SPEC 4.5b): the state after the sequence u,
     * {@code Ā^L·state + Σ_j u[..., L−1−j]·B̄·Ā^j}.
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
        if (state != null) {
            state.requireShape("state", concat(lead, h, n, 2));
        }
        int batch = prod(lead);
        int[] shape = concat(lead, h, n, 2);
        if (fp64) {
            double[] out = new double[2 * batch * h * n];
            base.nextState(kernel, batch, state == null ? null : state.doublesFromZero(), u.doublesFromZero(), l, out);
            return Tensor.wrap(out, shape);
        }
        float[] out = new float[2 * batch * h * n];
        base.nextState(kernel, batch, state == null ? null : state.floatsFromZero(), u.floatsFromZero(), l, out);
        return Tensor.wrap(out, shape);
    }

    /** {@code default_state(*batch_shape)}: zeros, complex (*batch_shape, H, N, 2), in the module's precision. */
    public Tensor defaultState(int... batchShape) {
        return zeroState(batchShape, n);
    }

    /** {@code _setup_step()}: builds the recurrence (SPEC 4.6) from the kernel's own Ā, B̄ (rate 1). Idempotent. */
    public synchronized void setupStep() {
        if (recurrence == null) {
            recurrence = S4dRecurrence.of(base);
        }
    }

    private synchronized S4dRecurrence recurrence() {
        if (recurrence == null) {
            throw new IllegalStateException("setupStep() (the reference's _setup_step()) must be called before step()");
        }
        return recurrence;
    }

    /**
     * {@code step(u, state)} (SPEC 4.6, 1.3): {@code x ← Ā∘x + B̄·u}, {@code y = 2·Re Σ_n C·x}.
     *
     * @param u     real (..., H), finite
     * @param state complex (..., H, N, 2) with the leading axes of u, finite (e.g. from {@link #defaultState})
     * @return y real (..., Cn, H) and the next state (a new tensor; {@code state} is not modified)
     * @throws IllegalArgumentException naming the argument
     * @throws IllegalStateException    before {@link #setupStep()}
     */
    public StepResult step(Tensor u, Tensor state) {
        S4dRecurrence r = recurrence();
        CompatShapes.tail("u", u, false, h);
        int[] lead = lead(u, 1);
        Check.notNull("state", state).requireShape("state", concat(lead, h, n, 2));
        int batch = prod(lead);
        if (fp64) {
            double[] st = state.toDoubles();
            double[] y = new double[batch * channels * h];
            r.step(batch, st, u.doublesFromZero(), y);
            return new StepResult(Tensor.wrap(y, concat(lead, channels, h)), Tensor.wrap(st, state.shape()));
        }
        float[] st = state.toFloats();
        float[] y = new float[batch * channels * h];
        r.step(batch, st, u.floatsFromZero(), y);
        return new StepResult(Tensor.wrap(y, concat(lead, channels, h)), Tensor.wrap(st, state.shape()));
    }
}
