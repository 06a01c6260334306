package ssm4j.nativ.fftw;

import ssm4j.api.Backends;

/** Run in a child JVM by {@link HiddenLibraryTest}: prints the registry's view and the chosen backend. */
public final class HiddenLibraryMain {
    private HiddenLibraryMain() {
    }

    /** Prints one line per tier, then {@code chosen=<name>}. */
    public static void main(String[] args) {
        Backends.availability().forEach((n, why) -> System.out.println("tier " + n + ": " + why));
        System.out.println("chosen=" + Backends.get().name());
        System.out.println("describe=" + Backends.get().describe());
        if (Backends.get().name().equals("native")) {
            // a delayed tap through the chosen backend: y = 2·x[t−3]
            ssm4j.api.ConvShape s = ssm4j.api.ConvShape.causal(1, 1, 8);
            float[] x = {1, 0, 0, 0, 0, 0, 0, 0};
            float[] k = {0, 0, 0, 2, 0, 0, 0, 0};
            float[] y = new float[8];
            Backends.get().fftConv(s, x, k, null, y);
            ssm4j.api.Parallel one = ssm4j.api.Parallel.of(1);
            try (FftwConvOps ops = new FftwConvOps(one, new ssm4j.conv.ref.JTransformsConvOps(one))) {
                System.out.println("conv y[3]=" + y[3] + " y[2]=" + y[2] + " " + ops);
            }
        }
    }
}
