package org.mla4j.data.raw.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * all-MiniLM-L6-v2's tokenizer (BERT's uncased WordPiece vocabulary of 30,522 pieces: text cleaned,
 * lower-cased, split on whitespace and punctuation, {@code [CLS] … [SEP]} added), read from the
 * {@code tokenizer.json} bundled with the model and run by DJL's binding of the HuggingFace
 * tokenizers library (its native library ships in the jar; nothing is downloaded).
 *
 * <p>Texts longer than {@code maxTokens} tokens (special tokens included) are cut at the end; no
 * padding is added here ({@link TokenBatch#pad} pads a batch). The settings of the bundled file
 * (truncation and fixed padding at 128) are replaced by these. Not thread-safe to share across
 * concurrent callers; close it to free the native tokenizer.
 */
public final class WordPieceTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    private WordPieceTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
    }

    /** The tokenizer of the bundled sentence encoder, cutting texts at {@code maxTokens} (2 … 512). */
    public static WordPieceTokenizer bundled(int maxTokens) {
        if (maxTokens < 2 || maxTokens > SentenceEncoder.POSITION_LIMIT) {
            throw new IllegalArgumentException("maxTokens must be in 2 … " + SentenceEncoder.POSITION_LIMIT + ", got " + maxTokens);
        }
        byte[] json = BundledResource.read(SentenceEncoder.TOKENIZER_RESOURCE, SentenceEncoder.TOKENIZER_SHA256);
        Map<String, String> options = Map.of("truncation", "true", "padding", "false",
                "maxLength", Integer.toString(maxTokens), "modelMaxLength", Integer.toString(SentenceEncoder.POSITION_LIMIT),
                "addSpecialTokens", "true");
        try (InputStream in = new java.io.ByteArrayInputStream(json)) {
            return new WordPieceTokenizer(HuggingFaceTokenizer.newInstance(in, options), maxTokens);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the HuggingFace tokenizer cannot be started on this platform ("
                    + e.getMessage() + "); its native library ships for linux-x86_64/aarch64, macOS arm64 and Windows x64", e);
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The token ids of one text: {@code [CLS]}, its word pieces (cut to fit), {@code [SEP]}. */
    public long[] ids(String text) {
        Encoding e = tokenizer.encode(text, true, false);
        return e.getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
