package ssm4j.blocks;

import ssm4j.api.Check;

/** The array-length check of the blocks' raw-array entry points (either precision, hence {@code Object}). */
public final class ArrayArgs {
    private ArrayArgs() {
    }

    /**
     * @param a a float[] or double[] argument
     * @throws IllegalArgumentException naming {@code name} when {@code a} is null or shorter than {@code count}
     */
    public static void need(String name, Object a, long count) {
        Check.notNull(name, a);
        int len = java.lang.reflect.Array.getLength(a);
        if (len < count) {
            throw new IllegalArgumentException(name + ": needs " + count + " elements, array has " + len);
        }
    }
}
