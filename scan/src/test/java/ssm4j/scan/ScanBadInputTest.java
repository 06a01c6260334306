package ssm4j.scan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ssm4j.api.Backends;
import ssm4j.api.BcLayout;
import ssm4j.api.DiagScanShape;
import ssm4j.api.SelectiveScanShape;
import ssm4j.api.SsmKernel;
import ssm4j.api.SsuShape;

/** Bad input through the facade: IllegalArgumentException naming the argument, before any kernel runs. */
class ScanBadInputTest {
    private static void rejects(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(name), "message should name '" + name + "': " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void selectiveScanRejects(String backend) {
        SsmKernel k = Backends.byName(backend, 2);
        int nb = 1;
        int dim = 4;
        int n = 3;
        int len = 5;
        SelectiveScanShape s = new SelectiveScanShape(nb, dim, n, len, BcLayout.PER_TIME, BcLayout.PER_TIME, 1,
                false, false);
        float[] u = new float[nb * dim * len];
        float[] delta = new float[nb * dim * len];
        java.util.Arrays.fill(delta, 0.1f);
        float[] a = new float[dim * n];
        float[] b = new float[nb * n * len];
        float[] c = new float[nb * n * len];
        float[] out = new float[nb * dim * len];
        rejects("length", () -> new SelectiveScanShape(1, dim, n, 0, BcLayout.FIXED, BcLayout.FIXED, 1, false, false));
        rejects("groups", () -> new SelectiveScanShape(1, dim, n, len, BcLayout.GROUPED, BcLayout.FIXED, 3, false,
                false));
        rejects("u", () -> k.selectiveScan(s, new float[3], delta, a, b, c, null, null, null, null, out, null));
        rejects("B", () -> k.selectiveScan(s, u, delta, a, new float[2], c, null, null, null, null, out, null));
        rejects("x0", () -> k.selectiveScan(s, u, delta, a, b, c, null, null, null, new float[dim * n - 1], out,
                null));
        rejects("lastState", () -> k.selectiveScan(s, u, delta, a, b, c, null, null, null, null, out, new float[1]));
        float[] nanDelta = delta.clone();
        nanDelta[7] = Float.NaN;
        rejects("delta", () -> k.selectiveScan(s, u, nanDelta, a, b, c, null, null, null, null, out, null));
        float[] negDelta = delta.clone();
        negDelta[3] = -0.5f;      // negative step without softplus
        rejects("delta", () -> k.selectiveScan(s, u, negDelta, a, b, c, null, null, null, null, out, null));
        float[] nanA = a.clone();
        nanA[0] = Float.NaN;
        rejects("A", () -> k.selectiveScan(s, u, delta, nanA, b, c, null, null, null, null, out, null));
        rejects("seqStarts", () -> new SelectiveScanShape(1, dim, n, len, BcLayout.FIXED, BcLayout.FIXED, 1, false,
                false, new int[] {0, 3, 3, 5}));
        rejects("batch", () -> new SelectiveScanShape(2, dim, n, len, BcLayout.FIXED, BcLayout.FIXED, 1, false, false,
                new int[] {0, 5}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void diagScanAndStepReject(String backend) {
        SsmKernel k = Backends.byName(backend, 1);
        DiagScanShape s = new DiagScanShape(2, 3, 4, 6, true);
        float[] p = new float[(int) s.paramSize()];
        float[] u = new float[(int) s.seqSize()];
        float[] y = new float[(int) s.seqSize()];
        rejects("length", () -> new DiagScanShape(1, 1, 1, 0, false));
        rejects("a", () -> k.diagScan(s, new float[p.length - 1], p, p, null, null, u, y, null));
        rejects("x0", () -> k.diagScan(s, p, p, p, null, new float[(int) s.stateSize() - 2], u, y, null));
        rejects("y", () -> k.diagScan(s, p, p, p, null, null, u, new float[5], null));
        float[] nanA = p.clone();
        nanA[1] = Float.NaN;
        rejects("a", () -> k.diagScan(s, nanA, p, p, null, null, u, y, null));
        rejects("groups", () -> new SsuShape(1, 3, 4, 2, 2, true));
        SsuShape ss = new SsuShape(1, 2, 4, 3, 1, true);
        float[] row = new float[(int) ss.rowSize()];
        float[] nanDt = row.clone();
        nanDt[2] = Float.NaN;
        rejects("dt", () -> k.selectiveStateUpdate(ss, new float[(int) ss.stateSize()], row, nanDt, new float[24],
                new float[3], new float[3], null, null, null, row.clone()));
        rejects("state", () -> k.selectiveStateUpdate(ss, new float[5], row, row, new float[24], new float[3],
                new float[3], null, null, null, row.clone()));
    }
}
