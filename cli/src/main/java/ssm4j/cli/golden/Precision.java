package ssm4j.cli.golden;

/** Which arithmetic a golden run uses: the fp32 ({@code float[]}) or the fp64 ({@code double[]}) path. */
public enum Precision {
    /** Single precision; compared with the {@code *_f32} outputs (and float32-only outputs). */
    FP32,
    /** Double precision; compared with the plain outputs and, as SPEC 0.4 expects, the {@code *_f32} ones too. */
    FP64;

    /** "fp32" or "fp64", as printed. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
