package ssm4j.blocks.rows;

/**
 * How the blocks and the language model pick the tier of their row loops: the Vector API class, reached only by
 * name so that the library loads and runs without {@code --add-modules jdk.incubator.vector}, else the scalar one.
 */
public final class Tiers {
    private Tiers() {
    }

    /**
     * A new {@code className} (a {@code type} with a public no-arg constructor) when {@code jdk.incubator.vector}
     * is present and the class loads; {@code scalar} otherwise.
     */
    public static <T> T vectorOr(Class<T> type, String className, T scalar) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return scalar;
        }
        try {
            return type.cast(Class.forName(className).getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return scalar;
        }
    }
}
