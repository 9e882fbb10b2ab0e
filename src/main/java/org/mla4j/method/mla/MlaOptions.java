package org.mla4j.method.mla;

import java.util.List;
import java.util.function.Function;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.method.shared.FusionMode;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * MLA's options: the preset they default from; head gradient modification (on/off, α, the feature
 * mean that updates P, forgetting, leak toward the identity, per-epoch reset, α scaled with the feature norm:
 * {@link HeadGradientProjector}); the turn order; and the test-time fusion (dynamic or mean,
 * {@link org.mla4j.method.shared.DynamicFusion}; calibrated and/or chosen on the validation split:
 * {@link ValidationFusion}).
 */
public record MlaOptions(MlaPreset preset, boolean hgm, double hgmAlpha, HgmFeatures hgmFeatures, double hgmForgetting,
                         double hgmLeak, boolean hgmReset, boolean hgmAlphaNorm, TurnOrder turnOrder, FusionMode fusion,
                         FusionCalibration fusionCalibration, boolean fusionSelect) {
    public static final Setting<MlaPreset> PRESET = Setting.of(Section.OPTIONS, "preset", WordTypes.choice(MlaPreset.class),
            MlaPreset.RECOMMENDED, "MLA configuration the other MLA options default from: recommended (mla4j's, "
                    + "docs/methods.md) or paper (the paper's exactly: HGM alpha 1, no forgetting, dynamic fusion, "
                    + "nothing fitted on validation).").label("recommended|paper");
    public static final Setting<Boolean> HGM = byPreset(Setting.of(Section.OPTIONS, "hgm", WordTypes.onOff(), true,
            "MLA head gradient modification.").label("on|off"), true, true);
    public static final Setting<Double> HGM_ALPHA = Setting.of(Section.OPTIONS, "hgm_alpha", ValueTypes.positive(), 1.0,
            "HGM's alpha, > 0.").label("A");
    public static final Setting<HgmFeatures> HGM_FEATURES = Setting.of(Section.OPTIONS, "hgm_features",
            WordTypes.choice(HgmFeatures.class), HgmFeatures.PREVIOUS,
            "Feature mean that updates HGM's matrix: the previous turn's modality or the current batch.")
            .label("previous|current");
    public static final Setting<Double> HGM_FORGETTING = byPreset(Setting.of(Section.OPTIONS, "hgm_forgetting",
            ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]"), 1.0,
            "HGM forgetting factor lambda in (0, 1]: P <- (P - k k^T/(lambda*alpha + h^T k))/lambda, so old "
                    + "feature directions are released; 1 = none (the paper).").label("L"), 1.0, 1.0);
    public static final Setting<Double> HGM_LEAK = byPreset(Setting.of(Section.OPTIONS, "hgm_leak",
            ValueTypes.number(v -> v >= 0 && v < 1, "in [0, 1)"), 0.0,
            "HGM leak rho in [0, 1): after each update P <- (1 - rho) P + rho I, so P stays between rho I and I "
                    + "(never starves a direction below rho of its step, never amplifies one); 0 = none (the paper).")
            .label("R"), 0.01, 0.0);
    public static final Setting<Boolean> HGM_RESET = byPreset(Setting.of(Section.OPTIONS, "hgm_reset", WordTypes.onOff(),
            false, "HGM: put P back to the identity at the start of every epoch.").label("on|off"), false, false);
    public static final Setting<Boolean> HGM_ALPHA_NORM = byPreset(Setting.of(Section.OPTIONS, "hgm_alpha_norm",
            WordTypes.onOff(), false, "HGM: each update's alpha is alpha times the squared norm of its feature mean "
                    + "(scale-free shrinking).").label("on|off"), false, false);
    public static final Setting<TurnOrder> TURN_ORDER = byPreset(Setting.of(Section.OPTIONS, "turn_order",
            WordTypes.choice(TurnOrder.class), TurnOrder.DATASET, "MLA: order of the modalities' turns in a batch: "
                    + "the dataset's, or weakest first by own validation accuracy after the previous epoch.")
            .label("dataset|weak-first"), TurnOrder.DATASET, TurnOrder.DATASET);
    public static final Setting<FusionCalibration> FUSION_CALIBRATION = byPreset(Setting.of(Section.OPTIONS,
            "fusion_calibration", WordTypes.choice(FusionCalibration.class), FusionCalibration.NONE,
            "MLA: per-modality logit scales fitted on the validation split after every epoch before fusion: none, "
                    + "temperature (each modality alone) or weights (jointly, for the mean).")
            .label("none|temperature|weights"), FusionCalibration.TEMPERATURE, FusionCalibration.NONE);
    /** The shared {@code fusion} option with MLA's default: the mean (the paper's preset: dynamic). */
    public static final Setting<FusionMode> FUSION = CommonSettings.FUSION.defaultFrom(
            v -> v.get(PRESET) == MlaPreset.PAPER ? FusionMode.DYNAMIC : FusionMode.MEAN,
            "mean; for mla with --preset paper: dynamic");
    public static final Setting<Boolean> FUSION_SELECT = byPreset(Setting.of(Section.OPTIONS, "fusion_select",
            WordTypes.onOff(), false, "MLA: after every epoch use whichever of dynamic and mean fusion has the higher "
                    + "validation accuracy (ties: lower validation loss, then --fusion).").label("on|off"), false, false);

    /** The settings MLA reads. */
    public static final List<Setting<?>> SETTINGS = List.of(PRESET, HGM, HGM_ALPHA, HGM_FEATURES, HGM_FORGETTING,
            HGM_LEAK, HGM_RESET, HGM_ALPHA_NORM, TURN_ORDER, FUSION, FUSION_CALIBRATION, FUSION_SELECT);

    /** The default configuration ({@link MlaPreset#RECOMMENDED}). */
    public static final MlaOptions DEFAULT = from(SettingValues.NONE);

    /** The paper's configuration: HGM on with α = 1 on the previous turn's features, dynamic fusion. */
    public static final MlaOptions PAPER = from(SettingValues.NONE.with(PRESET, MlaPreset.PAPER));

    /** HGM and fusion as given, everything else as in the paper (no forgetting, nothing fitted on validation). */
    public MlaOptions(boolean hgm, double hgmAlpha, HgmFeatures hgmFeatures, FusionMode fusion) {
        this(MlaPreset.PAPER, hgm, hgmAlpha, hgmFeatures, 1.0, 0.0, false, false, TurnOrder.DATASET, fusion,
                FusionCalibration.NONE, false);
    }

    public static MlaOptions from(SettingValues v) {
        return new MlaOptions(v.get(PRESET), v.get(HGM), v.get(HGM_ALPHA), v.get(HGM_FEATURES), v.get(HGM_FORGETTING),
                v.get(HGM_LEAK), v.get(HGM_RESET), v.get(HGM_ALPHA_NORM), v.get(TURN_ORDER), v.get(FUSION),
                v.get(FUSION_CALIBRATION), v.get(FUSION_SELECT));
    }

    /** Whether anything is fitted on the validation split after an epoch. */
    public boolean readsValidation() {
        return fusionCalibration != FusionCalibration.NONE || fusionSelect || turnOrder == TurnOrder.WEAK_FIRST;
    }

    /** {@code setting} with its default taken from the preset. */
    private static <T> Setting<T> byPreset(Setting<T> setting, T recommended, T paper) {
        Function<SettingValues, T> value = v -> v.get(PRESET) == MlaPreset.PAPER ? paper : recommended;
        String text = recommended.equals(paper) ? setting.type().format(recommended)
                : setting.type().format(recommended) + "; --preset paper: " + setting.type().format(paper);
        return setting.defaultFrom(value, text);
    }
}
