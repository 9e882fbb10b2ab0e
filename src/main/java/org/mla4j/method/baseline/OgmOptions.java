package org.mla4j.method.baseline;

import java.util.List;
import org.mla4j.settings.EpochWindow;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/** OGM-GE's options: the modulation strength α, the epochs in which it modulates and the fusion it modulates. */
public record OgmOptions(double alpha, EpochWindow epochs, OgmFusion fusion) {
    public static final Setting<Double> ALPHA = Setting.of(Section.OPTIONS, "ogm_alpha", ValueTypes.nonNegative(), 0.5,
            "OGM-GE modulation strength.").label("A");
    public static final Setting<EpochWindow> EPOCHS = Setting.of(Section.OPTIONS, "ogm_epochs", WordTypes.epochWindow(),
            new EpochWindow(1, -1), "OGM-GE: the epochs with modulation, counted from 1, inclusive; LAST -1 = to the end.")
            .label("FIRST:LAST");

    public static final Setting<OgmFusion> FUSION = Setting.of(Section.OPTIONS, "ogm_fusion",
            WordTypes.choice(OgmFusion.class), OgmFusion.CONCAT,
            "OGM-GE: the model it modulates, a concatenation head or per-modality heads summed "
                    + "(scores from each modality's own head).").label("concat|sum");

    public static final List<Setting<?>> SETTINGS = List.of(ALPHA, EPOCHS, FUSION);

    public static OgmOptions from(SettingValues v) {
        return new OgmOptions(v.get(ALPHA), v.get(EPOCHS), v.get(FUSION));
    }

    /** The modulation these options describe, its window in the training loop's 0-based epochs. */
    public OgmModulation modulation() {
        return new OgmModulation(alpha, epochs.first() - 1, epochs.last() < 0 ? -1 : epochs.last() - 1);
    }
}
