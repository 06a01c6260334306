package ssm4j.blocks.io;

/**
 * The safetensors element types ssm4j understands, with their byte sizes. {@link #F32} and {@link #F64} are read
 * into float32 / float64 tensors as they are; {@link #BF16} and {@link #F16} are kept compact in a mapped view
 * ({@link SafeTensors#map}) and widened to float32 where a kernel reads them (or on {@link SafeTensors#read}).
 * The integer and 8-bit types are listed so that their headers validate (their byte spans are checked) even
 * though no ssm4j model takes them.
 */
public enum SafeDtype {
    /** IEEE binary32. */
    F32(4),
    /** IEEE binary64. */
    F64(8),
    /** IEEE binary16. */
    F16(2),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2),
    /** Signed 64-bit integer. */
    I64(8),
    /** Signed 32-bit integer. */
    I32(4),
    /** Signed 16-bit integer. */
    I16(2),
    /** Signed 8-bit integer. */
    I8(1),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** Boolean, one byte. */
    BOOL(1);

    private final int bytes;

    SafeDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is one of the floating-point types a model can be stored in (F32, F64, F16, BF16). */
    public boolean isFloat() {
        return this == F32 || this == F64 || this == F16 || this == BF16;
    }

    /** The dtype of a header's {@code "dtype"} string, or null when ssm4j does not know it. */
    public static SafeDtype byName(String name) {
        for (SafeDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** bfloat16 bits widened to float32 (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** float32 rounded to the nearest bfloat16 (ties to even), NaN kept a quiet NaN. */
    public static short floatToBf16(float v) {
        int b = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((b >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((b >>> 16) & 1);
        return (short) ((b + rounding) >>> 16);
    }
}
