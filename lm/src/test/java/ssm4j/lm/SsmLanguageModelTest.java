package ssm4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ssm4j.api.SsmKernel;
import ssm4j.blocks.io.SafeDtype;

/**
 * The model's own consistency (SPEC 13.4): one forward equals prefill + step-by-step decode; a batch of
 * different lengths equals one sequence at a time; BF16 and F16 files equal an F32 file of the widened values;
 * the vector tier agrees with the scalar oracle; generate matches a hand-written greedy loop.
 */
class SsmLanguageModelTest {
    @TempDir
    Path dir;

    private static final int[] SEQ = {5, 17, 99, 3, 3, 64, 0, 100, 42, 7, 8, 9, 10, 77, 31, 2, 90};

    @ParameterizedTest
    @EnumSource(LmConfig.Arch.class)
    void forwardEqualsPrefillPlusSteps(LmConfig.Arch arch) throws IOException {
        try (SsmLanguageModel m = SsmLanguageModel.load(LmTestModels.write(dir, arch, SafeDtype.F32))) {
            for (SsmKernel k : new SsmKernel[] {LmTestModels.scalar(), LmTestModels.best()}) {
                int vp = m.config().paddedVocab();
                float[] full = m.logits(k, new int[][] {SEQ});
                for (int p : new int[] {1, 3, 9}) { // shorter than, near and beyond the conv width
                    InferenceState st = m.prefill(k, new int[][] {Arrays.copyOf(SEQ, p)});
                    for (int t = p - 1; t < SEQ.length; t++) {
                        if (t >= p) {
                            m.step(st, new int[] {SEQ[t]});
                        }
                        float[] want = Arrays.copyOfRange(full, t * vp, (t + 1) * vp);
                        double err = LmTestModels.relErr(Arrays.copyOf(st.logits(), vp), want);
                        assertTrue(err < 2e-5, arch + " " + k.name() + " prompt " + p + " position " + t + ": " + err);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LmConfig.Arch.class)
    void batchOfDifferentLengthsEqualsOneAtATime(LmConfig.Arch arch) throws IOException {
        int[][] batch = {Arrays.copyOf(SEQ, 3), Arrays.copyOf(SEQ, 17), {4}, Arrays.copyOfRange(SEQ, 2, 13)};
        try (SsmLanguageModel m = SsmLanguageModel.load(LmTestModels.write(dir, arch, SafeDtype.F32))) {
            SsmKernel k = LmTestModels.best();
            int vp = m.config().paddedVocab();
            float[] all = m.logits(k, batch);
            int row = 0;
            for (int[] s : batch) {
                float[] one = m.logits(k, new int[][] {s});
                float[] part = Arrays.copyOfRange(all, row * vp, (row + s.length) * vp);
                assertTrue(LmTestModels.relErr(part, one) < 1e-5, arch + " length " + s.length);
                row += s.length;
            }
            // generation: the batch's greedy tokens are each sequence's own
            int[][] together = m.generate(k, batch, GenerationConfig.greedy(6), null);
            for (int s = 0; s < batch.length; s++) {
                int[][] alone = m.generate(k, new int[][] {batch[s]}, GenerationConfig.greedy(6), null);
                assertArrayEquals(alone[0], together[s], arch + " sequence " + s);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LmConfig.Arch.class)
    void compactFilesEqualAnF32FileOfTheWidenedValues(LmConfig.Arch arch) throws IOException {
        for (SafeDtype dt : new SafeDtype[] {SafeDtype.BF16, SafeDtype.F16}) {
            Path compact = LmTestModels.write(dir.resolve(arch + "-" + dt), arch, dt);
            Path wide = dir.resolve(arch + "-" + dt + "-f32");
            LmTestModels.copyConfig(compact, wide);
            LmTestModels.rewrite(wide, LmTestModels.tensors(compact)); // read() widens to float32
            try (SsmLanguageModel a = SsmLanguageModel.load(compact); SsmLanguageModel b = SsmLanguageModel.load(wide)) {
                for (SsmKernel k : new SsmKernel[] {LmTestModels.scalar(), LmTestModels.best()}) {
                    int[][] seqs = {SEQ, Arrays.copyOf(SEQ, 4)};
                    assertArrayEquals(b.logits(k, seqs), a.logits(k, seqs), arch + " " + dt + " " + k.name());
                    InferenceState sa = a.prefill(k, seqs);
                    InferenceState sb = b.prefill(k, seqs);
                    a.step(sa, new int[] {1, 2});
                    b.step(sb, new int[] {1, 2});
                    assertArrayEquals(sb.logits(), sa.logits(), arch + " " + dt + " " + k.name() + " step");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LmConfig.Arch.class)
    void vectorTierAgreesWithScalarOracle(LmConfig.Arch arch) throws IOException {
        try (SsmLanguageModel m = SsmLanguageModel.load(LmTestModels.write(dir, arch, SafeDtype.BF16))) {
            float[] s = m.logits(LmTestModels.scalar(), new int[][] {SEQ});
            float[] v = m.logits(LmTestModels.best(), new int[][] {SEQ});
            assertTrue(LmTestModels.relErr(v, s) < 1e-5, "rel err " + LmTestModels.relErr(v, s));
        }
    }

    @ParameterizedTest
    @EnumSource(LmConfig.Arch.class)
    void generateIsTheGreedyLoopAndHonoursStopAndListener(LmConfig.Arch arch) throws IOException {
        try (SsmLanguageModel m = SsmLanguageModel.load(LmTestModels.write(dir, arch, SafeDtype.F32))) {
            SsmKernel k = LmTestModels.best();
            int v = m.config().vocabSize();
            List<Integer> heard = new ArrayList<>();
            int[] gen = m.generate(k, new int[][] {SEQ}, GenerationConfig.greedy(8), (s, t) -> heard.add(t))[0];
            assertEquals(SEQ.length + 8, gen.length);
            // by repeated full forward passes over the growing sequence (13.4's last sentence)
            int[] grow = SEQ.clone();
            for (int i = 0; i < 8; i++) {
                float[] lg = m.logits(k, new int[][] {grow});
                int next = Sampler.argmax(lg, (grow.length - 1) * m.config().paddedVocab(), v);
                assertEquals(next, gen[SEQ.length + i], "token " + i);
                assertEquals(next, heard.get(i));
                assertTrue(next < v, "padding column chosen");
                grow = Arrays.copyOf(grow, grow.length + 1);
                grow[grow.length - 1] = next;
            }
            int stopAt = gen[SEQ.length + 2];
            int[] stopped = m.generate(k, new int[][] {SEQ}, new GenerationConfig(8, 0, 1, 1, 0,
                    t -> t == stopAt), null)[0];
            assertEquals(gen[SEQ.length] == stopAt ? 1 : gen[SEQ.length + 1] == stopAt ? 2 : 3,
                    stopped.length - SEQ.length);
            // sampling is a function of the seed
            GenerationConfig samp = new GenerationConfig(10, 0.9, 20, 0.95, 42, null);
            assertArrayEquals(m.generate(k, new int[][] {SEQ}, samp, null)[0],
                    m.generate(k, new int[][] {SEQ}, samp, null)[0]);
            assertThrows(IllegalArgumentException.class, () -> m.logits(k, new int[][] {{104}}));
            assertThrows(IllegalArgumentException.class, () -> m.logits(k, new int[][] {{}}));
            assertThrows(IllegalArgumentException.class, () -> new GenerationConfig(0, 0, 1, 1, 0, null));
            assertThrows(IllegalArgumentException.class, () -> new GenerationConfig(1, 0, 1, 1.5, 0, null));
        }
    }
}
