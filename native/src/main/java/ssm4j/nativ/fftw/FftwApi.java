package ssm4j.nativ.fftw;

import static ssm4j.nativ.Downcalls.rethrow;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import ssm4j.nativ.NativeBinding;
import ssm4j.nativ.NativeLibrary;

/**
 * The FFTW 3 functions ssm4j calls, bound once from one library: {@link Fftw3f} (single precision, prefix
 * {@code fftwf_}) or {@link Fftw3} (double, prefix {@code fftw_}). The C prototypes of both precisions differ only in
 * {@code R} (float/double) and {@code C} (fftwf_complex/fftw_complex), all passed as pointers, so one class with
 * the prefix as a parameter binds either. C prototypes (fftw3.h, 3.3.10):
 *
 * <pre>
 * X(plan) X(plan_dft_r2c_1d)(int n, R *in, C *out, unsigned flags);
 * X(plan) X(plan_dft_c2r_1d)(int n, C *in, R *out, unsigned flags);
 * void    X(execute_dft_r2c)(const X(plan) p, R *in, C *out);
 * void    X(execute_dft_c2r)(const X(plan) p, C *in, R *out);
 * void    X(destroy_plan)(X(plan) p);
 * int     X(alignment_of)(R *p);
 * </pre>
 *
 * <p>Thread safety (fftw3 manual, <i>Thread safety</i>): only the execute functions are thread-safe. Planning
 * and {@code destroy_plan} go through {@link #planner()}, one lock per library, held by {@link FftwPlanCache}.
 * Execute handles use {@link Linker.Option#critical(boolean) critical(false)}: a transform of a few thousand
 * points takes microseconds and never blocks, so the thread-state transition is saved (the GC waits for the
 * call to return; no heap segment is ever passed).
 */
public sealed class FftwApi extends NativeBinding permits Fftw3f, Fftw3 {
    /** FFTW_MEASURE: time a few algorithms at plan time (the anchor's choice). */
    public static final int MEASURE = 0;
    /** FFTW_ESTIMATE: plan from a heuristic, instantly. */
    public static final int ESTIMATE = 1 << 6;
    /** FFTW_PATIENT: time many algorithms (slow planning). */
    public static final int PATIENT = 1 << 5;
    /** FFTW_DESTROY_INPUT: the c2r default; an out-of-place c2r may overwrite its input. */
    public static final int DESTROY_INPUT = 1;

    /** Base names of every bound function, without the precision prefix; a test resolves each. */
    public static final List<String> FUNCTIONS = List.of("plan_dft_r2c_1d", "plan_dft_c2r_1d", "execute_dft_r2c",
            "execute_dft_c2r", "destroy_plan", "alignment_of");

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private final String prefix;
    private final ReentrantLock planner = new ReentrantLock();
    private final MethodHandle planR2c;
    private final MethodHandle planC2r;
    private final MethodHandle executeR2c;
    private final MethodHandle executeC2r;
    private final MethodHandle destroyPlan;
    private final MethodHandle alignmentOf;

    FftwApi(NativeLibrary library, String prefix) {
        super(library);
        this.prefix = prefix;
        FunctionDescriptor plan = FunctionDescriptor.of(PTR, INT, PTR, PTR, INT);
        FunctionDescriptor exec = FunctionDescriptor.ofVoid(PTR, PTR, PTR);
        Linker.Option critical = Linker.Option.critical(false);
        planR2c = library.downcall(prefix + "plan_dft_r2c_1d", plan);
        planC2r = library.downcall(prefix + "plan_dft_c2r_1d", plan);
        executeR2c = library.downcall(prefix + "execute_dft_r2c", exec, critical);
        executeC2r = library.downcall(prefix + "execute_dft_c2r", exec, critical);
        destroyPlan = library.downcall(prefix + "destroy_plan", FunctionDescriptor.ofVoid(PTR));
        alignmentOf = library.downcall(prefix + "alignment_of", FunctionDescriptor.of(INT, PTR), critical);
    }

    /** Full C names of every bound function, e.g. {@code fftwf_execute_dft_r2c}. */
    public List<String> symbols() {
        return FUNCTIONS.stream().map(f -> prefix + f).toList();
    }

    /** The planner lock of this library: hold it around plan creation and destruction. */
    public ReentrantLock planner() {
        return planner;
    }

    /**
     * {@code plan_dft_r2c_1d}: caller holds {@link #planner()}. {@code in} has n reals, {@code out} n/2+1 complex;
     * MEASURE overwrites both. @return the plan, never NULL
     * @throws IllegalStateException if FFTW returns NULL
     */
    public MemorySegment planR2c(int n, MemorySegment in, MemorySegment out, int flags) {
        assert planner.isHeldByCurrentThread();
        return checkPlan("plan_dft_r2c_1d", n, invokePlan(planR2c, n, in, out, flags));
    }

    /** {@code plan_dft_c2r_1d}, as {@link #planR2c}; {@code in} n/2+1 complex, {@code out} n reals. */
    public MemorySegment planC2r(int n, MemorySegment in, MemorySegment out, int flags) {
        assert planner.isHeldByCurrentThread();
        return checkPlan("plan_dft_c2r_1d", n, invokePlan(planC2r, n, in, out, flags));
    }

    /** {@code execute_dft_r2c} on new arrays with the plan's alignment; thread-safe. */
    public void executeR2c(MemorySegment plan, MemorySegment in, MemorySegment out) {
        try {
            executeR2c.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code execute_dft_c2r} on new arrays with the plan's alignment; thread-safe; overwrites {@code in}. */
    public void executeC2r(MemorySegment plan, MemorySegment in, MemorySegment out) {
        try {
            executeC2r.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code destroy_plan}: caller holds {@link #planner()}. */
    public void destroyPlan(MemorySegment plan) {
        assert planner.isHeldByCurrentThread();
        try {
            destroyPlan.invokeExact(plan);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code alignment_of}: the pointer's address modulo FFTW's SIMD alignment (0 when aligned). */
    public int alignmentOf(MemorySegment p) {
        try {
            return (int) alignmentOf.invokeExact(p);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment invokePlan(MethodHandle h, int n, MemorySegment in, MemorySegment out, int flags) {
        try {
            return (MemorySegment) h.invokeExact(n, in, out, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private MemorySegment checkPlan(String fn, int n, MemorySegment plan) {
        if (plan.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(prefix + fn + "(n=" + n + ") returned NULL");
        }
        return plan;
    }
}
