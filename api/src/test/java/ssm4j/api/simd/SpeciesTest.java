package ssm4j.api.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import org.junit.jupiter.api.Test;

/** The width choice of {@link Species}: default, explicit widths, and the refusals with their messages. */
class SpeciesTest {
    @Test
    void absentOrBlankPropertyGivesThePreferredWidth() {
        assertEquals(256, Species.chooseBits(null, 256, 512));
        assertEquals(512, Species.chooseBits("  ", 512, 512));
    }

    @Test
    void explicitWidthUpToTheMaximumIsTaken() {
        assertEquals(128, Species.chooseBits("128", 512, 512));
        assertEquals(256, Species.chooseBits(" 256 ", 512, 512));
        assertEquals(512, Species.chooseBits("512", 512, 512));
    }

    @Test
    void widthAboveTheMaximumIsRefusedNamingTheMaximum() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Species.chooseBits("512", 256, 256));
        assertTrue(e.getMessage().contains("256 bits"), e.getMessage());
        assertTrue(e.getMessage().contains(Species.PROPERTY), e.getMessage());
    }

    @Test
    void otherValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Species.chooseBits("300", 512, 512));
        assertThrows(IllegalArgumentException.class, () -> Species.chooseBits("64", 512, 512));
        assertThrows(IllegalArgumentException.class, () -> Species.chooseBits("wide", 512, 512));
    }

    @Test
    void allFourSpeciesShareTheChosenWidthAndItIsTheOneInEffect() {
        String prop = System.getProperty(Species.PROPERTY);
        int expected = prop == null || prop.isBlank() ? VectorShape.preferredShape().vectorBitSize()
                : Integer.parseInt(prop.trim());
        assertEquals(expected, Species.BITS);
        assertEquals(Species.BITS, Species.F.vectorBitSize());
        assertEquals(Species.BITS, Species.D.vectorBitSize());
        assertEquals(Species.BITS, Species.I.vectorBitSize());
        assertEquals(Species.BITS, Species.L.vectorBitSize());
        assertEquals(Species.F.length(), Species.I.length());
        assertEquals(Species.D.length(), Species.L.length());
        assertEquals(Species.F, VecMath.F);
        assertTrue(Species.BITS <= FloatVector.SPECIES_MAX.vectorBitSize());
    }
}
