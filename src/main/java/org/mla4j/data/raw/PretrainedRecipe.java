package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.raw.pretrained.FrozenModel;
import org.mla4j.data.raw.pretrained.PretrainedEncoder;

/**
 * Any non-text kind with {@code "pretrained": "models/x.onnx"} (or {@code .pt}): the kind's own recipe
 * makes the preprocessed tensor (an image's C × H × W after the manifest's resize and mean/std, a
 * log-mel spectrogram, pooled video frames, a {@code .npy} vector of its {@code sample_shape}), and the
 * frozen model maps batches of them to features ({@link PretrainedEncoder}); its output is flattened,
 * shape {@code [dim]}.
 *
 * <p>With {@code "fine_tune": true} (TorchScript only) the features are the preprocessed tensor
 * itself, in the base recipe's shape, and the modality names the module as its encoder
 * ({@link #trainableModule()}), which then trains with the rest of the model. The module is still run
 * once on a zero input when the features are extracted, so one that cannot take the tensor is refused
 * before any training.
 */
public final class PretrainedRecipe implements BatchedRecipe<float[]> {
    private final FeatureRecipe base;
    private final PretrainedFile file;
    private final boolean fineTune;
    private final String what;
    private volatile int dim;

    PretrainedRecipe(FeatureRecipe base, PretrainedFile file, String modality, boolean fineTune) {
        this.base = base;
        this.file = file;
        this.fineTune = fineTune;
        this.what = "modality '" + modality + "' (" + switch (base.kind()) {
            case IMAGE -> "its image after the manifest's preprocessing, C × H × W";
            case VIDEO -> "its frames after the manifest's preprocessing and pooling, C × H × W";
            case AUDIO -> "its log-mel spectrogram";
            case FEATURES -> "its .npy vector in its sample_shape";
            case TEXT -> "its text";
        } + ")";
    }

    /** Wraps {@code base} when the entry names a pretrained model; returns {@code base} otherwise. */
    static FeatureRecipe wrap(FeatureRecipe base, String modality, JsonNode entry, String at, ManifestFields f) {
        PretrainedFile file = PretrainedFile.parse(entry, at, f);
        boolean fineTune = f.bool(entry, at, "fine_tune", false);
        if (file == null) {
            if (fineTune) {
                throw f.error(ManifestFields.join(at, "fine_tune"), "needs a TorchScript model (\"pretrained\": \"x.pt\")"
                        + " in the same modality entry");
            }
            return base;
        }
        if (fineTune && file.format() != FrozenModel.Format.TORCHSCRIPT) {
            throw f.error(ManifestFields.join(at, "fine_tune"), "needs a TorchScript model (.pt); ONNX models run frozen,"
                    + " so export the network with torch.jit.trace to fine-tune it");
        }
        return new PretrainedRecipe(base, file, modality, fineTune);
    }

    /** The recipe of the model's input. */
    public FeatureRecipe base() {
        return base;
    }

    @Override
    public MediaKind kind() {
        return base.kind();
    }

    @Override
    public boolean multipleFiles() {
        return base.multipleFiles();
    }

    @Override
    public boolean inlineCells() {
        return base.inlineCells();
    }

    /** Whether the model trains as the modality's encoder (then the features are its input). */
    public boolean fineTune() {
        return fineTune;
    }

    @Override
    public PretrainedModule trainableModule() {
        return fineTune ? new PretrainedModule(file.path().toAbsolutePath().normalize().toString(), file.sha256()) : null;
    }

    /** The model's output size per sample (the file is opened once to learn it); the input's when fine-tuned. */
    @Override
    public int dim() {
        if (fineTune) {
            return base.dim();
        }
        if (dim == 0) {
            open(1).close();
        }
        return dim;
    }

    @Override
    public List<Integer> shape() {
        return fineTune ? base.shape() : List.of(dim());
    }

    @Override
    public float[] prepare(List<Input> files) {
        return base.extract(files);
    }

    @Override
    public Encoder<float[]> open(int threads) {
        PretrainedEncoder encoder = PretrainedEncoder.open(file.path(), file.where(), base.shape(), what, threads);
        dim = encoder.dim();
        if (fineTune) {
            encoder.close(); // it ran on a zero input: it takes the tensor; the rows stay as they are
            return new Passthrough(base.dim());
        }
        return new Encoder<>() {
            @Override
            public int dim() {
                return encoder.dim();
            }

            @Override
            public float[] encode(List<float[]> items) {
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
        Map<String, Object> d = new LinkedHashMap<>(base.describe());
        d.put("pretrained", file.describe());
        if (fineTune) {
            d.put("fine_tune", true);
        }
        return d;
    }

    /** The prepared rows unchanged, concatenated (a fine-tuned modality's features are the module's input). */
    private record Passthrough(int dim) implements Encoder<float[]> {
        @Override
        public float[] encode(List<float[]> items) {
            float[] out = new float[items.size() * dim];
            for (int i = 0; i < items.size(); i++) {
                System.arraycopy(items.get(i), 0, out, i * dim, dim);
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
