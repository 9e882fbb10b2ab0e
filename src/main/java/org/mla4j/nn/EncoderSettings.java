package org.mla4j.nn;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.mla4j.settings.ListTypes;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/** The encoders' settings (spec section {@code encoder:}); see {@link EncoderSpec} for the types. */
public final class EncoderSettings {
    public static final Setting<String> TYPE = Setting.of(Section.ENCODER, "type", WordTypes.word(EncoderSpec.TYPES),
            "auto", "Encoder of every modality: auto (cnn for modalities shaped (C,H,W) such as raw images and "
                    + "spectrograms, mlp for flat features), mlp, cnn, resnet18, resnet18-small, pretrained (the modality's "
                    + "TorchScript module; modalities with \"fine_tune\": true in their raw manifest get it anyway).")
            .option("--encoder").label("TYPE");
    public static final Setting<Map<String, String>> PER_MODALITY = Setting.of(Section.ENCODER, "per_modality",
            ListTypes.nameMap(new HashSet<>(EncoderSpec.TYPES), t -> String.join(", ", EncoderSpec.TYPES)), Map.of(),
            "Encoder of one modality, overriding --encoder; repeatable, e.g. --encoder-for audio=resnet18.")
            .option("--encoder-for").label("NAME=TYPE");
    public static final Setting<Integer> LAYERS = Setting.of(Section.ENCODER, "layers", ValueTypes.integer(1), 3,
            "Encoder depth: MLP layers, or CNN conv stages.").label("N");
    public static final Setting<Integer> WIDTH = Setting.of(Section.ENCODER, "width", ValueTypes.integer(1), 128,
            "Feature size: MLP width and CNN last-stage channels; ResNet-18 always gives 512.").label("N");

    public static final List<Setting<?>> ALL = List.of(TYPE, PER_MODALITY, LAYERS, WIDTH);

    private EncoderSettings() {
    }

    /** The encoder spec these values describe (not yet resolved against a dataset's modalities). */
    public static EncoderSpec spec(SettingValues v) {
        return new EncoderSpec(v.get(TYPE), v.get(LAYERS), v.get(WIDTH), v.get(PER_MODALITY));
    }
}
