package ssm4j.jmh;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import ssm4j.api.Backends;
import ssm4j.api.SsdScanShape;

/**
 * Mamba-2 SSD scan (SPEC 12, issue 15), fp32, with the inputs of {@code shared/anchors/ggml/ggml_ssm.c}'s Mamba-2
 * lines so the work equals ggml's {@code SSM_SCAN}: softplus of dt inside, no dt_bias, no D skip, no z gate; y and
 * the final state returned; δ = softplus(dt) log-uniform in [1e-3, 1e-1], A = −U[1, 16] per head, x, B, C standard
 * normal. {@code shape}: {@code M2a} B=1 H=48 P=64 N=128 G=1 L=2048 (line {@code M2-ggml}); {@code M2b} B=1 H=128
 * P=64 N=128 G=8 L=4096; {@code decode} one step (L=1) of B=8 sequences at M2a's head sizes, the state updated in
 * place (line {@code M2-decode-ggml}); {@code long} B=1 H=8 P=64 N=128 G=1 L=65536 (time split goal).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class SsdScanBench extends VectorTierBench {
    @Param({"M2a", "M2b", "decode"})
    String shape;

    /** Chunk length Q of the chunked algorithm. */
    @Param({"64"})
    int chunk;

    SsdScanShape s;
    float[] x;
    float[] dt;
    float[] a;
    float[] b;
    float[] c;
    float[] y;
    float[] state;

    /** Builds seeded inputs and picks the backend. */
    @Setup
    public void setup() {
        kernel = Backends.byName(backend, threads);
        int[] d = switch (shape) {         // B, L, H, P, G, N
            case "M2a" -> new int[] {1, 2048, 48, 64, 1, 128};
            case "M2b" -> new int[] {1, 4096, 128, 64, 8, 128};
            case "decode" -> new int[] {8, 1, 48, 64, 1, 128};
            case "long" -> new int[] {1, 65536, 8, 64, 1, 128};
            default -> throw new IllegalArgumentException("shape: " + shape);
        };
        s = SsdScanShape.of(d[0], d[1], d[2], d[3], d[4], d[5], chunk).withDtSoftplus(true);
        SplittableRandom r = new SplittableRandom(42);
        x = Inputs.anchorNormals(r, (int) s.seqSize());
        b = Inputs.anchorNormals(r, (int) s.bcSize());
        c = Inputs.anchorNormals(r, (int) s.bcSize());
        dt = new float[(int) s.dtSize()];
        for (int i = 0; i < dt.length; i++) {
            double delta = Inputs.logUniformDt(r);
            dt[i] = (float) Math.log(Math.expm1(delta)); // softplus^{-1}(δ)
        }
        a = new float[s.heads()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) -(1 + 15 * r.nextDouble());
        }
        y = new float[(int) s.seqSize()];
        state = Inputs.anchorNormals(r, (int) s.stateSize());
    }

    /**
     * One scan: y and the final state. Prefill shapes start from a zero state; decode continues from the state
     * and updates it in place (initial = final), as a decoding loop does.
     */
    @Benchmark
    public float[] scan() {
        kernel.ssdScan(s, x, dt, a, b, c, null, null, null, s.length() == 1 ? state : null, y, state, null, null);
        return y;
    }
}
