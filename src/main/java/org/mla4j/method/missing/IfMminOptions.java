package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * IF-MMIN's options: the teacher's epochs T, the weight λ_mse of the imagination MSE and λ_inv of the
 * invariant-code MSE (spec MISSING-BASELINES §7: both 1 in the model code; λ_inv ∈ {1, 10, 100} worth
 * tuning).
 */
public record IfMminOptions(int teacherEpochs, double imaginationWeight, double invariantWeight) {
    public static final int TEACHER_EPOCHS_DEFAULT = 20;
    public static final Setting<Integer> TEACHER_EPOCHS = Setting.of(Section.OPTIONS, "ifmmin_teacher_epochs",
            ValueTypes.integer(1), TEACHER_EPOCHS_DEFAULT, "IF-MMIN: epochs of the teacher (with the shared encoder "
                    + "and CMD) on complete samples before the student (keep train.epochs and lr_constant_epochs at "
                    + "T + 100 and T + 20).").label("T");
    public static final Setting<Double> IMAGINATION_WEIGHT = Setting.of(Section.OPTIONS,
            "ifmmin_imagination_weight", ValueTypes.nonNegative(), 1.0,
            "IF-MMIN: weight λ_mse of MSE(imagined, teacher codes).").label("W");
    public static final Setting<Double> INVARIANT_WEIGHT = Setting.of(Section.OPTIONS, "ifmmin_invariant_weight",
            ValueTypes.nonNegative(), 1.0, "IF-MMIN: weight λ_inv of MSE(invariant codes, the teacher's on complete "
                    + "input).").label("W");

    public static final List<Setting<?>> SETTINGS = List.of(TEACHER_EPOCHS, IMAGINATION_WEIGHT, INVARIANT_WEIGHT);

    public static IfMminOptions from(SettingValues v) {
        return new IfMminOptions(v.get(TEACHER_EPOCHS), v.get(IMAGINATION_WEIGHT), v.get(INVARIANT_WEIGHT));
    }
}
