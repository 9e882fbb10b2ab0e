package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * DCCA's and DCCAE's options: the networks' output size k ({@link CcaOptions#DIMS}, shared with CCA) and
 * DCCAE's reconstruction weight λ ({@link #RECONSTRUCTION_WEIGHT}, GCNet's hard-coded 0.001).
 */
public record DeepCcaOptions(int dims, double reconstructionWeight) {
    public static final Setting<Double> RECONSTRUCTION_WEIGHT = Setting.of(Section.OPTIONS, "dccae_weight",
            ValueTypes.nonNegative(), 1e-3, "DCCAE: weight λ of the autoencoders' reconstruction loss.").label("W");

    public static final List<Setting<?>> DCCA_SETTINGS = List.of(CcaOptions.DIMS);
    public static final List<Setting<?>> DCCAE_SETTINGS = List.of(CcaOptions.DIMS, RECONSTRUCTION_WEIGHT);

    public static DeepCcaOptions from(SettingValues v) {
        return new DeepCcaOptions(v.get(CcaOptions.DIMS), v.get(RECONSTRUCTION_WEIGHT));
    }
}
