package org.mla4j.method.shared;

import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.WordTypes;

/** Method options that several methods read, each defined once. */
public final class CommonSettings {
    /** Test-time fusion of unimodal logits (MLA: dynamic by default; late fusion: mean). */
    public static final Setting<FusionMode> FUSION = Setting.of(Section.OPTIONS, "fusion",
            WordTypes.choice(FusionMode.class), FusionMode.DYNAMIC,
            "MLA and late fusion: test-time fusion of unimodal outputs, entropy-weighted per sample or the plain mean.")
            .defaultFrom(v -> FusionMode.DYNAMIC, "dynamic for mla, mean for late").label("dynamic|mean");
    /** The conditioning (FiLM) or gating (BiGated) modality; none given: the dataset's first. */
    public static final Setting<String> CONDITION_MODALITY = Setting.of(Section.OPTIONS, "condition_modality",
            WordTypes.name(), (String) null, "FiLM/BiGated: the conditioning or gating modality.")
            .defaultFrom(v -> null, "the dataset's first").label("NAME");

    private CommonSettings() {
    }
}
