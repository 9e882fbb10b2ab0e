package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.settings.SettingValues;
import org.mla4j.train.TrainSettings;

/**
 * The training recipes of the missing-modality baselines (spec MISSING-BASELINES §1–9), as values of
 * the shared loop's settings; a value given on the command line or in a spec overrides them. Each
 * names every setting it means, so a change of the shared defaults does not change these methods.
 */
public final class MissingRecipes {
    private MissingRecipes() {
    }

    /**
     * GCNet's recipe for the MMIN family: Adam lr 1e-3, betas (0.5, 0.999), no weight decay,
     * batch 256, gradients clipped per group to norm 5, the linear policy with 20 constant epochs then 80
     * decaying ones, after {@code teacherEpochs} of a teacher at the full rate (0 for one-stage methods).
     */
    public static SettingValues gcnet(int teacherEpochs) {
        return adam(1e-3, 0.5, 256, 0.0)
                .with(TrainSettings.EPOCHS, teacherEpochs + 100)
                .with(TrainSettings.LR_POLICY, TrainSettings.LrPolicy.LINEAR)
                .with(TrainSettings.LR_CONSTANT_EPOCHS, teacherEpochs + 20)
                .with(TrainSettings.CLIP_NORM, 5.0);
    }

    /**
     * CPM-Net's: full-batch training (one batch holds the whole fit split), Adam lr 1e-3 with TensorFlow's
     * betas (0.9, 0.999), GCNet's 30 epochs, a constant rate, no clipping.
     */
    public static SettingValues cpmNet() {
        return adam(1e-3, 0.9, 1_000_000, 0.0).with(TrainSettings.EPOCHS, 30)
                .with(TrainSettings.LR_DECAY_FACTOR, 1.0);
    }

    /**
     * TATE's: Adam lr 1e-3, betas (0.9, 0.999), batch 32, {@code teacherEpochs} of the teacher then as many
     * of the student (its code: 15 epochs per model), a constant rate, no clipping.
     */
    public static SettingValues tate(int teacherEpochs) {
        return adam(1e-3, 0.9, 32, 0.0).with(TrainSettings.EPOCHS, 2 * teacherEpochs)
                .with(TrainSettings.LR_DECAY_FACTOR, 1.0);
    }

    /**
     * GCNet's recipe for its autoencoders AE and CRA (§4–5): as {@link #gcnet} without a teacher, the
     * constant phase the default 20 % of the epochs (20 of GCNet's 100; a shortened run keeps the shape).
     */
    public static SettingValues gcnetAutoencoder() {
        return adam(1e-3, 0.5, 256, 0.0).with(TrainSettings.EPOCHS, 100)
                .with(TrainSettings.LR_POLICY, TrainSettings.LrPolicy.LINEAR).with(TrainSettings.CLIP_NORM, 5.0);
    }

    /**
     * GCNet's DCCA/DCCAE (§2–3): Adam with lr 1e-3 and weight decay 1e-4 at a constant rate, batch 1024
     * (covariances of k outputs need m ≫ k samples), 100 epochs.
     */
    public static SettingValues deepCca() {
        return SettingValues.NONE.with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.LR, 1e-3)
                .with(TrainSettings.WEIGHT_DECAY, 1e-4).with(TrainSettings.BATCH_SIZE, 1024)
                .with(TrainSettings.EPOCHS, 100).with(TrainSettings.LR_DECAY_EPOCHS, List.of());
    }

    /**
     * CCA's linear classifier on the fixed projections (ours; the spec fits a linear SVM, §1): Adam with
     * lr 1e-2 and weight decay 1e-4, batch 256, 100 epochs at a constant rate (measured: still improving
     * at 30 epochs; the epochs are cheap, the features are computed once).
     */
    public static SettingValues ccaClassifier() {
        return SettingValues.NONE.with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM).with(TrainSettings.LR, 1e-2)
                .with(TrainSettings.WEIGHT_DECAY, 1e-4).with(TrainSettings.BATCH_SIZE, 256)
                .with(TrainSettings.EPOCHS, 100).with(TrainSettings.LR_DECAY_EPOCHS, List.of());
    }

    private static SettingValues adam(double lr, double beta1, int batchSize, double weightDecay) {
        return SettingValues.NONE.with(TrainSettings.OPTIMIZER, OptimizerSpec.Kind.ADAM)
                .with(TrainSettings.ADAM_BETAS, List.of(beta1, 0.999)).with(TrainSettings.LR, lr)
                .with(TrainSettings.BATCH_SIZE, batchSize).with(TrainSettings.WEIGHT_DECAY, weightDecay)
                .with(TrainSettings.CLIP_NORM, 0.0);
    }
}
