package ssm4j.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Tensor}: a view, never a copy, with checked shapes. */
class TensorTest {
    @Test
    void wrapsWithoutCopyingAndSeesTheCallersWrites() {
        float[] a = {9, 1, 2, 3, 4, 5, 6, 9};
        Tensor t = Tensor.of(a, 1, 2, 3);
        assertSame(a, t.floats());
        assertEquals(1, t.offset());
        assertEquals(6, t.size());
        a[6] = 60;
        assertEquals(60, t.get(5));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 60}, t.toFloats());
        assertNotSame(a, t.floatsFromZero()); // offset 1: a copy starting at 0
        assertSame(a, Tensor.wrap(a, 8).floatsFromZero());
        Tensor r = t.reshape(3, 2);
        assertSame(a, r.floats());
        assertArrayEquals(new int[] {3, 2}, r.shape());
        assertEquals(2, r.dim(-1));
    }

    @Test
    void convertsPrecisionOnlyWhenAsked() {
        Tensor f = Tensor.wrap(new float[] {1.5f, 2.5f}, 2);
        assertSame(f, f.asF32());
        Tensor d = f.asF64();
        assertTrue(d.isDouble());
        assertArrayEquals(new double[] {1.5, 2.5}, d.doubles());
        assertArrayEquals(new float[] {1.5f, 2.5f}, d.floatsFromZero());
    }

    @Test
    void rejectsBadShapesNamingTheArgument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 1, 2, 3))
                .getMessage().startsWith("data: needs 6"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[4], -1, 4))
                .getMessage().startsWith("shape"));
        Tensor t = Tensor.zerosF64(2, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2)).getMessage()
                .startsWith("shape"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.requireShape("u", 3, 2)).getMessage()
                .startsWith("u: must have shape [3, 2], got [2, 3]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.requireRank("u", 3)).getMessage()
                .startsWith("u: must have 3 axes"));
    }
}
