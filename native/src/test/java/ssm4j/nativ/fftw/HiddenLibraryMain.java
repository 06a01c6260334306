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
    }
}
