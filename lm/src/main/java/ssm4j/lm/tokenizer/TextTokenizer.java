package ssm4j.lm.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * A checkpoint's {@code tokenizer.json} through Hugging Face's own Rust tokenizers, as wrapped by DJL
 * ({@code ai.djl.huggingface:tokenizers}, which carries the native library for linux-x86_64/aarch64, macOS and
 * Windows inside its jar and needs no network): the same code that tokenizes for the reference model, so ids
 * agree exactly — a re-implementation of byte-level BPE, normalizers and added tokens would have to prove that.
 * No special tokens are added on encoding (the reference Mamba models prompt with raw text). Thread-safe;
 * closing releases the native tokenizer.
 */
public final class TextTokenizer implements AutoCloseable {
    static {
        // DJL logs through SLF4J; without a provider SLF4J prints a three-line warning on every start
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private final HuggingFaceTokenizer tok;

    private TextTokenizer(HuggingFaceTokenizer tok) {
        this.tok = tok;
    }

    /**
     * Loads a {@code tokenizer.json}.
     *
     * @throws IOException if the file is missing or not a tokenizer
     */
    public static TextTokenizer load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no tokenizer.json (pass --token-ids to give ids directly)");
        }
        try {
            return new TextTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optPadding(false).optTruncation(false).build());
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot load the tokenizer: " + e.getMessage(), e);
        }
    }

    /** The demo tokenizer shipped with ssm4j (byte-level BPE, 577 tokens; {@code lm/tools}). */
    public static TextTokenizer demo() throws IOException {
        try (InputStream in = TextTokenizer.class.getResourceAsStream("/ssm4j/lm/demo-tokenizer.json")) {
            if (in == null) {
                throw new IOException("demo-tokenizer.json is missing from the class path");
            }
            Path tmp = Files.createTempFile("ssm4j-tokenizer", ".json");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Token ids of {@code text}. */
    public int[] encode(String text) {
        long[] ids = tok.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Text of {@code ids} (special tokens kept). */
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tok.decode(l, false);
    }

    @Override
    public void close() {
        tok.close();
    }
}
