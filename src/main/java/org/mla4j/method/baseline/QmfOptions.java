package org.mla4j.method.baseline;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/** QMF's options: the variant, the energy temperature T and the weight λ of the ranking loss. */
public record QmfOptions(QmfVariant variant, double temperature, double rankingWeight) {
    public static final Setting<QmfVariant> VARIANT = Setting.of(Section.OPTIONS, "qmf_variant",
            WordTypes.choice(QmfVariant.class), QmfVariant.PAPER,
            "QMF: paper (the official code's loss history and ranking margin) or simplified "
                    + "(correct-rate history, no margin; the reference figures' QMF).").label("paper|simplified");
    public static final Setting<Double> TEMPERATURE = Setting.of(Section.OPTIONS, "qmf_temperature",
            ValueTypes.positive(), 10.0, "QMF energy temperature.").label("T");
    public static final Setting<Double> RANKING_WEIGHT = Setting.of(Section.OPTIONS, "qmf_ranking_weight",
            ValueTypes.nonNegative(), 0.1, "QMF ranking-loss weight.").label("W");

    public static final List<Setting<?>> SETTINGS = List.of(VARIANT, TEMPERATURE, RANKING_WEIGHT);

    public static QmfOptions from(SettingValues v) {
        return new QmfOptions(v.get(VARIANT), v.get(TEMPERATURE), v.get(RANKING_WEIGHT));
    }
}
