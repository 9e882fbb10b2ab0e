package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;

/**
 * CPM-Net's options (spec MISSING-BASELINES §8): the latent size L (GCNet's {@code lsd_dim} 128), the
 * weight λ of the class-structure loss (1), and the Adam steps that find a new sample's latent at
 * prediction time (GCNet: 5 × 300).
 */
public record CpmNetOptions(int latentDim, double lambda, int testSteps) {
    public static final Setting<Integer> LATENT_DIM = Setting.of(Section.OPTIONS, "cpm_latent_dim",
            ValueTypes.integer(1), 128, "CPM-Net: size L of each sample's latent vector.").label("L");
    public static final Setting<Double> LAMBDA = Setting.of(Section.OPTIONS, "cpm_lambda", ValueTypes.nonNegative(),
            1.0, "CPM-Net: weight λ of the class-structure loss in the latents' objective.").label("W");
    public static final Setting<Integer> TEST_STEPS = Setting.of(Section.OPTIONS, "cpm_test_steps",
            ValueTypes.integer(1), 1500, "CPM-Net: Adam steps (lr 1e-3) that fit a new sample's latent to its "
                    + "observed modalities when predicting.").label("N");

    public static final List<Setting<?>> SETTINGS = List.of(LATENT_DIM, LAMBDA, TEST_STEPS);

    public static CpmNetOptions from(SettingValues v) {
        return new CpmNetOptions(v.get(LATENT_DIM), v.get(LAMBDA), v.get(TEST_STEPS));
    }
}
