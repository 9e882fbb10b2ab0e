package org.mla4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mla4j.data.Modality;
import org.mla4j.io.InvalidInputException;

/**
 * How each modality's encoder is built. Every encoder maps a flat input row to a feature vector,
 * and all encoders of a model produce the same feature size (methods share heads across them).
 *
 * <p>Types ({@link #TYPES}):
 * <ul>
 *   <li>{@code mlp}: {@code layers} fully connected layers of {@code width} units, each followed by
 *       ReLU; features: {@code width}. Reads any modality.</li>
 *   <li>{@code cnn}: {@link SmallCnn}, {@code layers} conv-BN-ReLU-max-pool stages ending with
 *       {@code width} channels, global average pooling; features: {@code width}. Needs a
 *       (C, H, W) modality.</li>
 *   <li>{@code resnet18}: {@link ResNet18} with the ImageNet stem (7×7 stride-2 convolution,
 *       3×3 stride-2 max pool); features: 512. Needs (C, H, W).</li>
 *   <li>{@code resnet18-small}: the same ResNet-18 body with a small-input stem (3×3 stride-1
 *       convolution, no max pool), for 28–64 px inputs; features: 512. Needs (C, H, W).</li>
 *   <li>{@code pretrained}: the modality's own TorchScript module ({@link Modality#pretrained()}, a raw
 *       manifest's {@code "fine_tune": true}) followed by a linear layer to {@code width}
 *       ({@link TrainableModule}); features: {@code width}. A modality with a module gets this type
 *       unless {@code perModality} names another one for it.</li>
 *   <li>{@code auto}: {@code cnn} for modalities with a (C, H, W) shape (images, spectrograms), {@code mlp}
 *       for flat features.</li>
 * </ul>
 *
 * @param type        the type used for every modality not named in {@code perModality}
 * @param layers      MLP: fully connected layers; CNN: conv stages (≥ 1)
 * @param width       MLP: units per layer; CNN: channels of the last stage. Both: the feature size
 * @param perModality modality name → type, overriding {@code type}; never null. A spec that went
 *                    through {@link #resolve} names every modality with a concrete (non-auto) type.
 */
public record EncoderSpec(String type, int layers, int width, Map<String, String> perModality) {
    /** Every valid type name. */
    public static final List<String> TYPES = List.of("auto", "mlp", "cnn", "resnet18", "resnet18-small",
            "pretrained");
    /** Feature size of the ResNet-18 encoders. */
    public static final int RESNET_FEATURES = 512;
    public static final EncoderSpec DEFAULT = new EncoderSpec("auto", 3, 128);

    public EncoderSpec {
        requireType(type, "encoder type");
        if (layers < 1 || width < 1) {
            throw new IllegalArgumentException("encoder needs at least one layer and one unit");
        }
        Map<String, String> copy = new TreeMap<>();
        if (perModality != null) {
            perModality.forEach((name, t) -> {
                requireType(t, "encoder type for modality '" + name + "'");
                copy.put(name, t);
            });
        }
        perModality = Collections.unmodifiableMap(copy);
    }

    /** The same type for every modality. */
    public EncoderSpec(String type, int layers, int width) {
        this(type, layers, width, Map.of());
    }

    private static void requireType(String type, String what) {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown " + what + " '" + type + "'; valid: " + String.join(", ", TYPES));
        }
    }

    /** The concrete (non-auto) type of a modality's encoder. */
    public String typeFor(Modality modality) {
        String t = perModality.getOrDefault(modality.name(), modality.pretrained() != null ? "pretrained" : type);
        if (t.equals("auto")) {
            return modality.isSpatial() ? "cnn" : "mlp";
        }
        return t;
    }

    /** Size of the feature vector an encoder of a concrete type produces. */
    public int featureSize(String concreteType) {
        return concreteType.startsWith("resnet18") ? RESNET_FEATURES : width;
    }

    /**
     * This spec with every modality's concrete type spelled out in {@code perModality}, after checking
     * that it fits the modalities: names in {@code perModality} exist, convolutional encoders get
     * (C, H, W) modalities, and all encoders produce the same feature size. Resolving a resolved spec
     * returns an equal one.
     *
     * @throws InvalidInputException naming the modality and what to change
     */
    public EncoderSpec resolve(List<Modality> modalities) {
        List<String> names = modalities.stream().map(Modality::name).toList();
        for (String name : perModality.keySet()) {
            if (!names.contains(name)) {
                throw new InvalidInputException("an encoder is chosen for modality '" + name + "' (--encoder-for), "
                        + "but there is no such modality; the modalities are " + String.join(", ", names));
            }
        }
        Map<String, String> resolved = new TreeMap<>();
        List<String> sizes = new ArrayList<>();
        int size = -1;
        boolean mixed = false;
        for (Modality m : modalities) {
            String t = typeFor(m);
            if (t.equals("pretrained") && m.pretrained() == null) {
                throw new InvalidInputException("encoder pretrained for modality '" + m.name() + "' needs a TorchScript"
                        + " module, but the modality has none; name one in its raw manifest entry (\"pretrained\":"
                        + " \"x.pt\", \"fine_tune\": true)");
            }
            if (!t.equals("mlp") && !t.equals("pretrained") && !m.isSpatial()) {
                throw new InvalidInputException("encoder " + t + " for modality '" + m.name() + "' needs inputs shaped "
                        + "(channels, height, width), but its features are flat (shape " + m.shape() + "); use mlp, or "
                        + "give the modality a shape (a raw dataset, or \"sample_shape\" in its manifest)");
            }
            int s = featureSize(t);
            mixed |= size >= 0 && s != size;
            size = s;
            sizes.add(m.name() + ": " + t + " → " + s);
            resolved.put(m.name(), t);
        }
        if (mixed) {
            throw new InvalidInputException("the encoders produce features of different sizes (" + String.join(", ", sizes)
                    + "), but the model needs one size; use --width " + RESNET_FEATURES
                    + " with ResNet-18, or the same encoder for every modality");
        }
        return new EncoderSpec(type, layers, width, resolved);
    }
}
