package org.mla4j.core;

import java.util.List;
import org.mla4j.data.Modality;
import org.mla4j.nn.EncoderSpec;

/**
 * The shape of a model: its modalities (names, input sizes and shapes), number of classes and
 * encoders. The encoder spec is stored resolved ({@link EncoderSpec#resolve}): it names each
 * modality's concrete encoder type, and every encoder produces {@link #featureSize()} features.
 */
public record ModelSpec(List<Modality> modalities, int numClasses, EncoderSpec encoder) {
    public ModelSpec {
        modalities = List.copyOf(modalities);
        encoder = encoder.resolve(modalities);
    }

    public int numModalities() {
        return modalities.size();
    }

    /** The concrete encoder type of modality m ({@code mlp}, {@code cnn}, {@code resnet18}, ...). */
    public String encoderType(int m) {
        return encoder.typeFor(modalities.get(m));
    }

    /** Size of the feature vector every encoder produces. */
    public int featureSize() {
        return modalities.isEmpty() ? encoder.width() : encoder.featureSize(encoderType(0));
    }
}
