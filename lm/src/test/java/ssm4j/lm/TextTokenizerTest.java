package ssm4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import ssm4j.lm.tokenizer.TextTokenizer;

/** The shipped demo tokenizer round-trips text, merges frequent words, and falls back to bytes. */
class TextTokenizerTest {
    @Test
    void demoTokenizerRoundTrips() throws IOException {
        try (TextTokenizer t = TextTokenizer.demo()) {
            for (String s : new String[] {"The state decides what to keep.", "  two  spaces\tand a tab\n",
                    "ünïcödé → 状态空间模型 🙂", "x", ""}) {
                int[] ids = t.encode(s);
                assertEquals(s, t.decode(ids), "round trip of '" + s + "'");
            }
            // a frequent corpus word is one or two tokens, far fewer than its bytes
            int[] the = t.encode(" the state");
            assertTrue(the.length <= 3, "merged: " + the.length);
            // bytes outside the merges still encode, one token per byte at worst
            assertEquals(4, t.encode("🙂").length);
            assertEquals("<|endoftext|>", t.decode(new int[] {0}));
        }
    }
}
