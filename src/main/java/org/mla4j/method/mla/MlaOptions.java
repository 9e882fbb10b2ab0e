package org.mla4j.method.mla;

import java.util.List;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * MLA's options: head gradient modification on or off, its α and the feature mean that updates P
 * ({@link HeadGradientProjector}), and the test-time fusion ({@link org.mla4j.method.shared.DynamicFusion}).
 */
public record MlaOptions(boolean hgm, double hgmAlpha, HgmFeatures hgmFeatures, FusionMode fusion) {
    public static final Setting<Boolean> HGM = Setting.of(Section.OPTIONS, "hgm", WordTypes.onOff(), true,
            "MLA head gradient modification.").label("on|off");
    public static final Setting<Double> HGM_ALPHA = Setting.of(Section.OPTIONS, "hgm_alpha", ValueTypes.positive(), 1.0,
            "HGM's alpha, > 0.").label("A");
    public static final Setting<HgmFeatures> HGM_FEATURES = Setting.of(Section.OPTIONS, "hgm_features",
            WordTypes.choice(HgmFeatures.class), HgmFeatures.PREVIOUS,
            "Feature mean that updates HGM's matrix: the previous turn's modality or the current batch.")
            .label("previous|current");

    /** The settings MLA reads. */
    public static final List<Setting<?>> SETTINGS = List.of(HGM, HGM_ALPHA, HGM_FEATURES, CommonSettings.FUSION);

    /** The paper's configuration: HGM on with α = 1 on the previous turn's features, dynamic fusion. */
    public static final MlaOptions DEFAULT = from(SettingValues.NONE);

    public static MlaOptions from(SettingValues v) {
        return new MlaOptions(v.get(HGM), v.get(HGM_ALPHA), v.get(HGM_FEATURES), v.get(CommonSettings.FUSION));
    }
}
