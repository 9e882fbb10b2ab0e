package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * MMIN's options: the teacher's epochs T and the weights of the imagination and cycle losses (spec
 * MISSING-BASELINES §6: GCNet's README 4 and 2).
 */
public record MminOptions(int teacherEpochs, double imaginationWeight, double cycleWeight) {
    /** The teacher's epochs; the recipe's 120 epochs are T = 20 and the student's 20 + 80. */
    public static final int TEACHER_EPOCHS_DEFAULT = 20;
    public static final Setting<Integer> TEACHER_EPOCHS = Setting.of(Section.OPTIONS, "mmin_teacher_epochs",
            ValueTypes.integer(1), TEACHER_EPOCHS_DEFAULT, "MMIN: epochs of the teacher on complete samples before "
                    + "the student (keep train.epochs and lr_constant_epochs at T + 100 and T + 20).").label("T");
    public static final Setting<Double> IMAGINATION_WEIGHT = Setting.of(Section.OPTIONS, "mmin_imagination_weight",
            ValueTypes.nonNegative(), 4.0, "MMIN: weight of MSE(imagined, teacher codes).").label("W");
    public static final Setting<Double> CYCLE_WEIGHT = Setting.of(Section.OPTIONS, "mmin_cycle_weight",
            ValueTypes.nonNegative(), 2.0, "MMIN: weight of the backward cycle MSE.").label("W");

    public static final List<Setting<?>> SETTINGS = List.of(TEACHER_EPOCHS, IMAGINATION_WEIGHT, CYCLE_WEIGHT);

    public static MminOptions from(SettingValues v) {
        return new MminOptions(v.get(TEACHER_EPOCHS), v.get(IMAGINATION_WEIGHT), v.get(CYCLE_WEIGHT));
    }
}
