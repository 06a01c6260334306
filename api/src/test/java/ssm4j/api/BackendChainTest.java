package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import ssm4j.api.spi.ConvOps;
import ssm4j.api.spi.KernelOps;
import ssm4j.api.spi.Part;
import ssm4j.api.spi.ScanOps;
import ssm4j.api.spi.VandermondeOps.Form;

/**
 * The one fallback idiom of the internal SPI (issue 18 item 2): a part that overrides nothing hands every
 * primitive of every family, both precisions, to its lower part, with the very arguments it got; and describe()
 * shows the chain. Checked by reflection over the family interfaces, so a method added to a family without a
 * default that reaches {@code lower()} fails here.
 */
class BackendChainTest {
    /** A kernels part that overrides nothing. */
    static final class BareKernels extends Part<KernelOps> implements KernelOps {
        BareKernels(KernelOps lower) {
            super(Parallel.of(1), lower);
        }
    }

    /** A scan part that overrides nothing. */
    static final class BareScan extends Part<ScanOps> implements ScanOps {
        BareScan(ScanOps lower) {
            super(Parallel.of(1), lower);
        }
    }

    /** A convolution part that overrides nothing. */
    static final class BareConv extends Part<ConvOps> implements ConvOps {
        BareConv(ConvOps lower) {
            super(Parallel.of(1), lower);
        }
    }

    @Test
    void everyKernelsMethodReachesTheLowerPart() throws Exception {
        check(KernelOps.class, BareKernels::new, 6);
    }

    @Test
    void everyScanMethodReachesTheLowerPart() throws Exception {
        check(ScanOps.class, BareScan::new, 10);
    }

    @Test
    void everyConvMethodReachesTheLowerPart() throws Exception {
        check(ConvOps.class, BareConv::new, 2);
    }

    @Test
    void describeShowsEachChainDownToTheBottom() {
        KernelOps bottom = recorder(KernelOps.class, new ArrayList<>());
        BareKernels mid = new BareKernels(bottom);
        BareKernels top = new BareKernels(mid);
        assertSame(mid, top.lower());
        assertEquals("BareKernels>BareKernels>missing", Part.chain(top));
        assertNull(new BareConv(null).lower());
    }

    /**
     * Calls every primitive ({@code …K}) of {@code family} on a part that overrides nothing, over a lower part
     * that records each call, and checks that the lower part saw each call once, with the same arguments.
     */
    private static <P> void check(Class<P> family, Function<P, ? extends P> bare, int primitives) throws Exception {
        List<Object[]> seen = new ArrayList<>();
        P part = bare.apply(recorder(family, seen));
        Method[] methods = Arrays.stream(family.getMethods())
                .filter(m -> m.getName().endsWith("K") && !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(Method::toString)).toArray(Method[]::new);
        assertEquals(primitives, methods.length, family + " primitives");
        for (Method m : methods) {
            Object[] args = arguments(m);
            m.invoke(part, args);
            Object[] last = seen.getLast();
            assertEquals(m, last[0], "the lower part got " + last[0] + " for " + m);
            Object[] got = (Object[]) last[1];
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Integer) {
                    assertEquals(args[i], got[i], m + " argument " + i);
                } else {
                    assertSame(args[i], got[i], m + " argument " + i); // the very arrays, form and flag
                }
            }
        }
        assertEquals(methods.length, seen.size(), family + ": one lower call per primitive");
    }

    /** A lower part that records (method, arguments) and has no lower part of its own. */
    private static <P> P recorder(Class<P> family, List<Object[]> seen) {
        return family.cast(Proxy.newProxyInstance(family.getClassLoader(), new Class<?>[] {family},
                (self, m, args) -> {
                    if (m.getName().equals("lower") || m.getName().equals("close")) {
                        return null;
                    }
                    seen.add(new Object[] {m, args});
                    return null;
                }));
    }

    /** Distinct arguments per position: ints 1, 2, ..., arrays of the parameter's type, a form other than 2·Re. */
    private static Object[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == int.class) {
                args[i] = i + 1;
            } else if (t == boolean.class) {
                args[i] = true;
            } else if (t == Form.class) {
                args[i] = Form.POWERS;
            } else if (t.isArray()) {
                args[i] = java.lang.reflect.Array.newInstance(t.getComponentType(), i + 1);
            } else {
                args[i] = null; // a shape: passed through untouched
            }
        }
        return args;
    }
}
