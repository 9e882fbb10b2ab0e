package org.mla4j.method;

import java.util.List;
import org.mla4j.data.Modality;
import org.mla4j.nn.EncoderSpec;

/** The shape of a model: its modalities (names and input sizes), number of classes and encoders. */
public record ModelSpec(List<Modality> modalities, int numClasses, EncoderSpec encoder) {
    public ModelSpec {
        modalities = List.copyOf(modalities);
    }

    public int numModalities() {
        return modalities.size();
    }

    public int featureSize() {
        return encoder.featureSize();
    }
}
