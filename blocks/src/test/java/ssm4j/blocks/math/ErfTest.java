package ssm4j.blocks.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Erf} against independent values and its own slow path. */
class ErfTest {
    /** x, erf(x), erfc(x) from CPython's math.erf / math.erfc (libm), printed with repr. */
    private static final double[][] REF = {
        {0.001, 0.0011283787909692365, 0.9988716212090307},
        {0.1, 0.1124629160182849, 0.8875370839817152},
        {0.5, 0.5204998778130465, 0.4795001221869535},
        {1.0, 0.8427007929497149, 0.15729920705028513},
        {1.5, 0.9661051464753108, 0.033894853524689274},
        {2.0, 0.9953222650189527, 0.004677734981047265},
        {2.4999, 0.9995928300996666, 0.0004071699003334514},
        {2.5, 0.999593047982555, 0.0004069520174449589},
        {3.0, 0.9999779095030014, 2.2090496998585438e-05},
        {3.7, 0.9999998328489421, 1.6715105790914596e-07},
        {4.5, 0.9999999998033839, 1.9661604415428873e-10},
        {5.5, 0.9999999999999927, 7.357847917974398e-15},
        {6.5, 1.0, 3.8421483271206475e-20},
    };

    @Test
    void exactPathMatchesLibmToAFewUlp() {
        for (double[] r : REF) {
            double x = r[0];
            // ~10 ulp: the series' powers of the rounded x² and exp each add a few (libm is within ~1 ulp);
            // GELU needs far less (1e-10, SPEC 11.1)
            assertEquals(r[1], Erf.erfExact(x), 1.5e-15, "erf(" + x + ")");
            assertEquals(-r[1], Erf.erfExact(-x), 1.5e-15, "erf(-" + x + ")");
            if (x >= 2.0) {
                // erfc keeps relative accuracy in the tail, where 1 − erf would lose it all
                assertEquals(r[2], Erf.erfcExact(x), 1e-13 * r[2], "erfc(" + x + ")");
            } else {
                assertEquals(r[2], Erf.erfcExact(x), 4 * Math.ulp(1.0), "erfc(" + x + ")");
            }
        }
        assertTrue(Double.isNaN(Erf.erfExact(Double.NaN)));
    }

    @Test
    void fastPathIsWithin2e15OfTheExactPathEverywhere() {
        double worst = 0;
        for (int i = -800_000; i <= 800_000; i++) {
            double x = i * 1e-5 + 0.37e-5; // off the piece boundaries too
            worst = Math.max(worst, Math.abs(Erf.erf(x) - Erf.erfExact(x)));
        }
        assertTrue(worst < 2e-15, "max |erf − erfExact| = " + worst);
        for (double[] r : REF) {
            assertEquals(r[1], Erf.erf(r[0]), 1.5e-15);
        }
        assertEquals(1.0, Erf.erf(40));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    }

    @Test
    void geluIsTheErfForm() {
        // gelu(x) − gelu(−x) = x exactly in real arithmetic (erf is odd); gelu(1) = ½(1 + erf(1/√2))
        for (double x = -9; x <= 9; x += 0.173) {
            assertEquals(x, Erf.gelu(x) - Erf.gelu(-x), 2e-15 * Math.max(1, Math.abs(x)));
        }
        assertEquals(0.5 * (1 + 0.6826894921370859), Erf.gelu(1.0), 1e-15); // erf(1/√2) from libm
        // the tanh approximation differs by ~1e-4 here: a test that confuses the two fails
        double tanhForm = 0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1 + 0.044715)));
        assertTrue(Math.abs(tanhForm - Erf.gelu(1.0)) > 1e-5);
    }
}
