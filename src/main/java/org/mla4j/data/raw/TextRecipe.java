package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mla4j.data.raw.text.SentenceEncoder;
import org.mla4j.io.InvalidInputException;

/**
 * Text cells → sentence vectors. Where the text is, is stated by the entry's required
 * {@code "source"}: {@code "inline"} (the index cell is the text itself) or {@code "file"} (the cell
 * names a UTF-8 text file inside the dataset folder; a leading byte-order mark is dropped, invalid
 * UTF-8 is an error). An empty cell means the modality is absent, as for every kind.
 *
 * <p>Features: without {@code "pretrained"}, the bundled all-MiniLM-L6-v2 sentence encoder (384-d,
 * mean-pooled, L2-normalised; {@link SentenceEncoder}); with {@code "pretrained": "models/x.onnx"} (or
 * {@code .pt}), that model on the same tokenizer's token ids ({@link SentenceEncoder#withModel}).
 * {@code params.max_tokens} (default {@value SentenceEncoder#MAX_TOKENS}, at most
 * {@value SentenceEncoder#POSITION_LIMIT}) cuts longer texts, special tokens included. Shape
 * {@code [dim]}.
 */
public final class TextRecipe implements BatchedRecipe<String> {
    /** Where a cell's text is. */
    public enum Source { INLINE, FILE }

    static final Set<String> KEYS = Set.of("max_tokens");

    private final Source source;
    private final int maxTokens;
    private final PretrainedFile pretrained;
    private volatile int dim;

    TextRecipe(Source source, int maxTokens, PretrainedFile pretrained) {
        this.source = source;
        this.maxTokens = maxTokens;
        this.pretrained = pretrained;
        this.dim = pretrained == null ? SentenceEncoder.DIM : 0;
    }

    static TextRecipe parse(JsonNode entry, String at, ManifestFields f) {
        Source source = f.choice(entry, at, "source", Source.class, null);
        if (source == null) {
            throw InvalidInputException.inFile(f.file(), "missing required key \"" + ManifestFields.join(at, "source")
                    + "\": \"inline\" (the index column holds the text) or \"file\" (it holds paths of UTF-8 text files)");
        }
        if (f.optional(entry, "preset") != null) {
            throw f.error(ManifestFields.join(at, "preset"), "does not apply to text; text has no presets");
        }
        JsonNode p = f.object(entry, at, "params");
        String pat = ManifestFields.join(at, "params");
        f.onlyKeys(p, pat, KEYS);
        int maxTokens = p == null ? SentenceEncoder.MAX_TOKENS : f.integer(p, pat, "max_tokens", 2, SentenceEncoder.MAX_TOKENS);
        if (maxTokens > SentenceEncoder.POSITION_LIMIT) {
            throw f.error(pat + ".max_tokens", "must be at most " + SentenceEncoder.POSITION_LIMIT + " (the model's position"
                    + " limit) but is " + maxTokens);
        }
        return new TextRecipe(source, maxTokens, PretrainedFile.parse(entry, at, f));
    }

    public Source source() {
        return source;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.TEXT;
    }

    @Override
    public boolean inlineCells() {
        return source == Source.INLINE;
    }

    /** 384 for the bundled encoder; a pretrained model's output size (its file is opened once to learn it). */
    @Override
    public int dim() {
        if (dim == 0) {
            open(1).close();
        }
        return dim;
    }

    @Override
    public List<Integer> shape() {
        return List.of(dim());
    }

    @Override
    public String prepare(List<Input> files) {
        Input in = files.get(0);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.bytes())).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw InvalidInputException.inFile(in.path(), "is not valid UTF-8 text (" + e.getMessage() + ")");
        }
    }

    @Override
    public Encoder<String> open(int threads) {
        SentenceEncoder encoder = pretrained == null ? SentenceEncoder.bundled(maxTokens, threads)
                : SentenceEncoder.withModel(pretrained.path(), pretrained.where(), maxTokens, threads);
        dim = encoder.dim();
        return new Encoder<>() {
            @Override
            public int dim() {
                return encoder.dim();
            }

            @Override
            public float[] encode(List<String> items) {
                return encoder.encode(items);
            }

            @Override
            public void close() {
                encoder.close();
            }
        };
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", source.name().toLowerCase(java.util.Locale.ROOT));
        d.put("tokenizer", SentenceEncoder.NAME + " WordPiece (" + SentenceEncoder.TOKENIZER_SHA256 + ")");
        d.put("max_tokens", maxTokens);
        if (pretrained == null) {
            d.put("encoder", SentenceEncoder.NAME);
            d.put("encoder_artifact", SentenceEncoder.ARTIFACT);
            d.put("encoder_sha256", SentenceEncoder.MODEL_SHA256);
            d.put("pooling", "mean over the attention mask");
            d.put("normalize", "l2");
        } else {
            d.put("pretrained", pretrained.describe());
            d.put("pooling", "mean over the attention mask when the output is [batch, tokens, features]");
            d.put("normalize", "none");
        }
        return d;
    }
}
