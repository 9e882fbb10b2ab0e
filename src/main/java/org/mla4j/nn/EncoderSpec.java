package org.mla4j.nn;

/**
 * How a modality's encoder is built. {@code mlp}: {@code layers} fully connected layers of
 * {@code width} units, each followed by ReLU; the output (the modality's feature) has {@code width}
 * entries.
 */
public record EncoderSpec(String type, int layers, int width) {
    public static final EncoderSpec DEFAULT = new EncoderSpec("mlp", 3, 128);

    public EncoderSpec {
        if (!type.equals("mlp")) {
            throw new IllegalArgumentException("unknown encoder type '" + type + "'; valid: mlp");
        }
        if (layers < 1 || width < 1) {
            throw new IllegalArgumentException("encoder needs at least one layer and one unit");
        }
    }

    /** Size of the feature vector the encoder produces. */
    public int featureSize() {
        return width;
    }
}
