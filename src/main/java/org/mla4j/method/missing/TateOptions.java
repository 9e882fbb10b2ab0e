package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * TATE's options (spec MISSING-BASELINES §9): the teacher's epochs and the weights of the teacher
 * (forward KL), decoder (backward KL) and tag terms (0.1 each in its code).
 */
public record TateOptions(int teacherEpochs, double teacherWeight, double decoderWeight, double tagWeight) {
    public static final int TEACHER_EPOCHS_DEFAULT = 15;
    public static final Setting<Integer> TEACHER_EPOCHS = Setting.of(Section.OPTIONS, "tate_teacher_epochs",
            ValueTypes.integer(1), TEACHER_EPOCHS_DEFAULT, "TATE: epochs of the teacher on complete samples before "
                    + "the student (keep train.epochs at 2T for equal stages).").label("T");
    public static final Setting<Double> TEACHER_WEIGHT = Setting.of(Section.OPTIONS, "tate_teacher_weight",
            ValueTypes.nonNegative(), 0.1, "TATE: weight of the symmetric KL between the student's and the "
                    + "teacher's encoder outputs.").label("W");
    public static final Setting<Double> DECODER_WEIGHT = Setting.of(Section.OPTIONS, "tate_decoder_weight",
            ValueTypes.nonNegative(), 0.1, "TATE: weight of the symmetric KL between the decoder's output and the "
                    + "tagged tokens.").label("W");
    public static final Setting<Double> TAG_WEIGHT = Setting.of(Section.OPTIONS, "tate_tag_weight",
            ValueTypes.nonNegative(), 0.1, "TATE: weight of the tag's mean absolute error.").label("W");

    public static final List<Setting<?>> SETTINGS = List.of(TEACHER_EPOCHS, TEACHER_WEIGHT, DECODER_WEIGHT, TAG_WEIGHT);

    public static TateOptions from(SettingValues v) {
        return new TateOptions(v.get(TEACHER_EPOCHS), v.get(TEACHER_WEIGHT), v.get(DECODER_WEIGHT), v.get(TAG_WEIGHT));
    }
}
