package ssm4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argument checks name the argument, the need and the fact. */
class CheckTest {
    @Test
    void rangeMessageNamesEverything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Check.range("v", new float[50], 2, 64));
        assertEquals("v: needs 64 floats from offset 2, array has 50", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.range("v", new double[5], -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Check.range("v", (double[]) null, 0, 1));
        Check.range("v", new double[5], 1, 4); // exactly fits
    }

    @Test
    void sizeProductsDoNotOverflow() {
        long huge = (long) Integer.MAX_VALUE * 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Check.complexRange("out", new float[8], 0, huge));
        assertTrue(e.getMessage().startsWith("out: needs " + 2 * huge), e.getMessage());
    }

    @Test
    void valueChecks() {
        assertThrows(IllegalArgumentException.class, () -> Check.positive("l", 0));
        assertThrows(IllegalArgumentException.class, () -> Check.positiveFinite("dt", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Check.positiveFinite("dt", -1e-3));
        assertThrows(IllegalArgumentException.class, () -> Check.positiveFinite("dt", Double.POSITIVE_INFINITY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Check.allFinite("w", new float[] {1, Float.NaN}, 0, 2));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.allPositive("delta", new double[] {1, 0}, 0, 2));
    }

    @Test
    void shapesValidateThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DiagScanShape(1, 1, 1, 0, false))
                .getMessage().startsWith("length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SelectiveScanShape(1, 6, 4, 8,
                BcLayout.GROUPED, BcLayout.GROUPED, 4, false, true)).getMessage().startsWith("groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SelectiveScanShape(1, 6, 4, 8,
                BcLayout.FIXED, BcLayout.FIXED, 1, false, true, new int[] {0, 5, 4, 8})).getMessage()
                .startsWith("seqStarts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 1, 10, 1, 11, false))
                .getMessage().startsWith("kernelLength"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SsuShape(1, 3, 4, 4, 2, true))
                .getMessage().startsWith("groups"));
    }

    /** Each dimension of a shape is named by its own message, in declaration order, whichever comes first. */
    @Test
    void positiveDimsNamesTheFirstBadDimension() {
        Check.positiveDims("a, b, c", 1, 2, 3);
        assertEquals("b: must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Check.positiveDims("a, b, c", 1, 0, -1))
                        .getMessage());
        assertEquals("chunkSize: must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SsdScanShape.of(1, 8, 2, 4, 1, 4, 0)).getMessage());
        assertEquals("channels: must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ConvShape(1, 1, 8, 0, 4, false)).getMessage());
        assertEquals("groups: must divide heads=3, got 2", assertThrows(IllegalArgumentException.class,
                () -> new SsuShape(1, 3, 4, 4, 2, true)).getMessage());
        assertEquals("groups: must divide dim=6, got 4", assertThrows(IllegalArgumentException.class,
                () -> new SelectiveScanShape(1, 6, 4, 8, BcLayout.GROUPED, BcLayout.GROUPED, 4, false, true))
                .getMessage());
    }
}
