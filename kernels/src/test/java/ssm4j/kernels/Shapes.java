package ssm4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The awkward sizes of the common brief: every L of the list, each with an N and an H taken in turn. */
final class Shapes {
    static final int[] L = {1, 2, 3, 15, 16, 17, 31, 33, 63, 64, 65, 1000, 4097};
    static final int[] N = {1, 2, 3, 7, 16, 17, 33};
    static final int[] H = {1, 3};

    private Shapes() {
    }

    /** (h, n, l) triples: every L with N and H cycling, plus the extremes. */
    static List<int[]> triples() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < L.length; i++) {
            out.add(new int[] {H[i % H.length], N[i % N.length], L[i]});
        }
        out.add(new int[] {3, 33, 4097});
        out.add(new int[] {1, 17, 1000});
        out.add(new int[] {3, 16, 2});
        return out;
    }

    /** {@link #triples} as JUnit arguments (h, n, l), the method source of the tier tests. */
    static Stream<Arguments> arguments() {
        return triples().stream().map(t -> Arguments.of(t[0], t[1], t[2]));
    }
}
