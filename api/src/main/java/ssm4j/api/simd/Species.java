package ssm4j.api.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one place that picks the vector width of every ssm4j Vector API kernel. All four species (float, double,
 * int, long) have the same bit size, {@link #BITS}, so a float vector and the int vector of its bits have the same
 * lane count, and so do double and long.
 *
 * <p>The width is the machine's preferred one unless the system property {@code ssm4j.vectorbits} names another
 * of 128, 256 or 512: {@code -Dssm4j.vectorbits=256} runs the AVX2 code paths (and their width-keyed tuning: unroll
 * factors, tile lengths) on an AVX-512 machine, which is how the test suite covers both on one machine. A width
 * above the hardware's maximum is refused: the first use of this class throws {@link IllegalArgumentException}
 * naming the maximum (the registry reports it as the reason the vector tier is unavailable), because the Vector
 * API would otherwise emulate the wider vectors in Java, orders of magnitude slower.
 *
 * <p>Kernels must read the species from here (directly or through {@link VecMath#F} and friends), never from
 * {@code SPECIES_PREFERRED}: two definitions could disagree under the property and mix widths in one call.
 */
public final class Species {
    /** Name of the system property that selects the width in bits (128, 256 or 512). */
    public static final String PROPERTY = "ssm4j.vectorbits";

    /** The vector width in bits every kernel uses. */
    public static final int BITS = chooseBits(System.getProperty(PROPERTY),
            VectorShape.preferredShape().vectorBitSize(), FloatVector.SPECIES_MAX.vectorBitSize());
    private static final VectorShape SHAPE = VectorShape.forBitSize(BITS);

    /** Floats of {@link #BITS} bits. */
    public static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);
    /** Doubles of {@link #BITS} bits. */
    public static final VectorSpecies<Double> D = VectorSpecies.of(double.class, SHAPE);
    /** Ints of {@link #BITS} bits (as many lanes as {@link #F}). */
    public static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, SHAPE);
    /** Longs of {@link #BITS} bits (as many lanes as {@link #D}). */
    public static final VectorSpecies<Long> L = VectorSpecies.of(long.class, SHAPE);

    private Species() {
    }

    /**
     * The width for a property value: {@code preferred} when the value is absent or blank, else the value, which
     * must be 128, 256 or 512 and at most {@code max}.
     *
     * @throws IllegalArgumentException naming the property, the value and, when too wide, the maximum
     */
    static int chooseBits(String value, int preferred, int max) {
        if (value == null || value.isBlank()) {
            return preferred;
        }
        int bits;
        try {
            bits = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a number: use 128, 256 or 512");
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a vector width: use 128, 256 or 512");
        }
        if (bits > max) {
            throw new IllegalArgumentException(PROPERTY + "=" + bits + " is wider than this machine's widest vectors ("
                    + max + " bits): use " + max + " or less");
        }
        return bits;
    }

    /** One line for logs and backend descriptions, e.g. {@code "512-bit (16 float lanes)"}. */
    public static String describe() {
        return BITS + "-bit (" + F.length() + " float lanes)";
    }
}
