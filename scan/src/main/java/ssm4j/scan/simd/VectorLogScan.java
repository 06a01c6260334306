package ssm4j.scan.simd;

import ssm4j.api.LogScanShape;
import ssm4j.api.Parallel;
import ssm4j.scan.ref.ScalarLogScan;

final class VectorLogScan {
    private VectorLogScan() {
    }

    static void scan(Parallel p, LogScanShape s, float[] la, float[] lb, float[] logH0, float[] logH, float[] h,
                     float[] lastLogH) {
        ScalarLogScan.scan(p, s, la, lb, logH0, logH, h, lastLogH);
    }
}
