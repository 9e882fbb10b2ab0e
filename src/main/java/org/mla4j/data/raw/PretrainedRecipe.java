package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.data.raw.pretrained.PretrainedEncoder;

/**
 * Any non-text kind with {@code "pretrained": "models/x.onnx"} (or {@code .pt}): the kind's own recipe
 * makes the preprocessed tensor (an image's C × H × W after the manifest's resize and mean/std, a
 * log-mel spectrogram, pooled video frames, a {@code .npy} vector of its {@code sample_shape}), and the
 * frozen model maps batches of them to features ({@link PretrainedEncoder}); its output is flattened,
 * shape {@code [dim]}.
 */
public final class PretrainedRecipe implements BatchedRecipe<float[]> {
    private final FeatureRecipe base;
    private final PretrainedFile file;
    private final String what;
    private volatile int dim;

    PretrainedRecipe(FeatureRecipe base, PretrainedFile file, String modality) {
        this.base = base;
        this.file = file;
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
        return file == null ? base : new PretrainedRecipe(base, file, modality);
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

    /** The model's output size per sample (the file is opened once to learn it). */
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
    public float[] prepare(List<Input> files) {
        return base.extract(files);
    }

    @Override
    public Encoder<float[]> open(int threads) {
        PretrainedEncoder encoder = PretrainedEncoder.open(file.path(), file.where(), base.shape(), what, threads);
        dim = encoder.dim();
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
        return d;
    }
}
