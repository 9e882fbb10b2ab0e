package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainSettings;

/**
 * The training recipes of the missing-modality baselines (spec MISSING-BASELINES), given to their
 * {@link org.mla4j.core.MethodDefinition}s: the settings their code bases train with where these differ
 * from the shared protocol's defaults. Values given on the command line or in a spec override them.
 */
public final class Recipes {
    /**
     * GCNet's protocol for its autoencoder family (AE, CRA; also MMIN's port, §4–6): Adam with lr 1e-3
     * and betas (0.5, 0.999), no weight decay, batch 256, 20 + 80 epochs with the linear policy (constant
     * for the first 20 % of the epochs, then a linear decay), every network's gradient clipped to norm 5.
     */
    public static final SettingValues GCNET_AUTOENCODER = SettingValues.NONE
            .with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.ADAM_BETAS, List.of(0.5, 0.999))
            .with(TrainSettings.LR, 1e-3).with(TrainSettings.WEIGHT_DECAY, 0.0).with(TrainSettings.BATCH_SIZE, 256)
            .with(TrainSettings.EPOCHS, 100).with(TrainSettings.LR_POLICY, TrainSettings.LrPolicy.LINEAR)
            .with(TrainSettings.CLIP_NORM, 5.0);

    /**
     * GCNet's DCCA/DCCAE (§2–3): Adam with lr 1e-3 and weight decay 1e-4 at a constant rate, batch 1024
     * (covariances of k outputs need m ≫ k samples), 100 epochs.
     */
    public static final SettingValues DEEP_CCA = SettingValues.NONE
            .with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.LR, 1e-3)
            .with(TrainSettings.WEIGHT_DECAY, 1e-4).with(TrainSettings.BATCH_SIZE, 1024).with(TrainSettings.EPOCHS, 100)
            .with(TrainSettings.LR_DECAY_EPOCHS, List.of());

    /**
     * CCA's linear classifier on the fixed projections (ours; the spec fits a linear SVM, §1): Adam with
     * lr 1e-2 and weight decay 1e-4, batch 256, 100 epochs at a constant rate (measured: still improving
     * at 30 epochs; the epochs are cheap, the features are computed once).
     */
    public static final SettingValues CCA_CLASSIFIER = SettingValues.NONE
            .with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.LR, 1e-2)
            .with(TrainSettings.WEIGHT_DECAY, 1e-4).with(TrainSettings.BATCH_SIZE, 256).with(TrainSettings.EPOCHS, 100)
            .with(TrainSettings.LR_DECAY_EPOCHS, List.of());

    private Recipes() {
    }
}
