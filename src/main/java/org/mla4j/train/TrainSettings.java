package org.mla4j.train;

import java.util.List;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.settings.ListTypes;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * The training loop's settings (spec section {@code train:}), with the reference protocol's
 * defaults: 60 epochs, batch 64, SGD with lr 0.01, momentum 0.9, weight decay 1e-4, the learning
 * rate ×0.1 after 70 % of the epochs (from epoch 43 of 60), 10 % of each class's training rows held
 * out for validation, all of the remaining (fit) rows used for training. Epochs are numbered from 1,
 * as the console counts them; the training loop counts from 0 ({@link #config} converts).
 */
public final class TrainSettings {
    public static final Setting<Integer> EPOCHS = Setting.of(Section.TRAIN, "epochs", ValueTypes.integer(1), 60,
            "Training epochs.").label("N");
    public static final Setting<Integer> BATCH_SIZE = Setting.of(Section.TRAIN, "batch_size", ValueTypes.integer(1), 64,
            "Mini-batch size.").label("N");
    public static final Setting<Double> LR = Setting.of(Section.TRAIN, "lr", ValueTypes.positive(), 0.01,
            "Learning rate.").label("LR");
    public static final Setting<Double> MOMENTUM = Setting.of(Section.TRAIN, "momentum",
            ValueTypes.number(v -> v >= 0 && v < 1, "in [0, 1)"), 0.9, "SGD momentum.").label("M");
    public static final Setting<Double> WEIGHT_DECAY = Setting.of(Section.TRAIN, "weight_decay",
            ValueTypes.nonNegative(), 1e-4, "SGD weight decay.").label("WD");
    public static final Setting<List<Integer>> LR_DECAY_EPOCHS = Setting.of(Section.TRAIN, "lr_decay_epochs",
            ListTypes.listOf(ValueTypes.epochNumber()), (List<Integer>) null,
            "Epochs (counted from 1) from which on the learning rate is multiplied by --lr-decay-factor, once per epoch listed.")
            .defaultFrom(v -> List.of((int) Math.round(0.7 * v.get(EPOCHS)) + 1),
                    "after 70 % of --epochs: from epoch 43 of 60")
            .label("E[,E...]");
    public static final Setting<Double> LR_DECAY_FACTOR = Setting.of(Section.TRAIN, "lr_decay_factor",
            ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]"), 0.1, "Step decay factor.").label("F");
    public static final Setting<Double> VAL_FRACTION = Setting.of(Section.TRAIN, "val_fraction",
            ValueTypes.number(v -> v > 0 && v < 0.9, "in (0, 0.9): model selection needs a validation split"), 0.1,
            "Share of each class's training rows used for validation/model selection.").label("F");
    public static final Setting<Double> TRAIN_FRACTION = Setting.of(Section.TRAIN, "train_fraction",
            ValueTypes.number(v -> v > 0 && v <= 1, "in (0, 1]"), 1.0,
            "Share of each class's fit rows (the training split less validation) that trains the model: stratified, "
                    + "seeded by --split-seed (the same rows for every seed; a smaller share is a subset of a larger "
                    + "one); validation and test stay whole.").label("F");
    public static final Setting<Long> SPLIT_SEED = Setting.of(Section.TRAIN, "split_seed", ValueTypes.seed(), 0L,
            "Seed of the validation carve; the same for every training seed.").label("S");

    public static final Setting<OptimizerSpec.Kind> OPTIMIZER = Setting.of(Section.TRAIN, "optimizer",
            WordTypes.choice(OptimizerSpec.Kind.class), OptimizerSpec.Kind.SGD,
            "Optimiser, with PyTorch's semantics: sgd (with --momentum) or adam (with --adam-betas, --adam-eps).")
            .label("sgd|adam");
    public static final Setting<List<Double>> ADAM_BETAS = Setting.of(Section.TRAIN, "adam_betas",
            ListTypes.listOf(ValueTypes.number(v -> v >= 0 && v < 1, "in [0, 1)")), List.of(0.9, 0.999),
            "Adam's β1,β2.").label("B1,B2");
    public static final Setting<Double> ADAM_EPS = Setting.of(Section.TRAIN, "adam_eps", ValueTypes.positive(), 1e-8,
            "Adam's ε.").label("E");
    public static final Setting<Double> CLIP_NORM = Setting.of(Section.TRAIN, "clip_norm", ValueTypes.nonNegative(),
            0.0, "Clip each parameter group's gradients to this global L2 norm before its update; 0 = off.").label("C");
    public static final Setting<LrPolicy> LR_POLICY = Setting.of(Section.TRAIN, "lr_policy",
            WordTypes.choice(LrPolicy.class), LrPolicy.STEP,
            "Learning-rate policy: step (×--lr-decay-factor at --lr-decay-epochs) or linear (constant for "
                    + "--lr-constant-epochs, then a linear decay).").label("step|linear");
    public static final Setting<Integer> LR_CONSTANT_EPOCHS = Setting.of(Section.TRAIN, "lr_constant_epochs",
            ValueTypes.integer(0), (Integer) null, "Linear policy: epochs at the full learning rate before the decay.")
            .defaultFrom(v -> (int) Math.round(0.2 * v.get(EPOCHS)), "20% of --epochs").label("N");

    public static final Setting<Selection> SELECTION = Setting.of(Section.TRAIN, "selection",
            WordTypes.choice(Selection.class), Selection.ACCURACY,
            "Model selection: the epoch with the best validation fused accuracy, the first on ties (accuracy), or "
                    + "on ties the one with the lower validation cross-entropy of the fused output (accuracy-loss).")
            .label("accuracy|accuracy-loss");

    public static final Setting<Boolean> VALIDATE_MODALITIES = Setting.of(Section.TRAIN, "validate_modalities",
            WordTypes.onOff(), true,
            "After every epoch, also score each modality's own output on validation (history.csv's val_accuracy_* "
                    + "columns). Off: only the fused output, which is all model selection reads; the same model, and "
                    + "fewer passes for methods whose unimodal output is a pass of its own (FiLM, BiGated, CCA, DCCA, "
                    + "DCCAE, AE, CRA, MMIN, IF-MMIN, TATE). Test metrics always have every modality.").label("on|off");

    /** How the learning rate changes over the epochs. */
    public enum LrPolicy { STEP, LINEAR }

    /** How the epoch whose model is kept is chosen on the validation split ({@link BestEpoch}). */
    public enum Selection { ACCURACY, ACCURACY_LOSS }

    /** Every training setting, in the order help texts and config files list them. */
    public static final List<Setting<?>> ALL = List.of(EPOCHS, BATCH_SIZE, LR, MOMENTUM, WEIGHT_DECAY,
            LR_DECAY_EPOCHS, LR_DECAY_FACTOR, VAL_FRACTION, TRAIN_FRACTION, SPLIT_SEED, OPTIMIZER, ADAM_BETAS, ADAM_EPS,
            CLIP_NORM, LR_POLICY, LR_CONSTANT_EPOCHS, SELECTION, VALIDATE_MODALITIES);

    private TrainSettings() {
    }

    /**
     * The training loop's configuration for a run with {@code seed}: the optimiser ({@code optimizer},
     * its betas, ε, weight decay, clipping) and the learning-rate policy ({@code lr_policy}) as given.
     * Linear policy: constant epochs beyond the run's last epoch mean a constant rate throughout.
     */
    public static TrainConfig config(SettingValues v, long seed) {
        int epochs = v.get(EPOCHS);
        LearningRateSchedule schedule;
        if (v.get(LR_POLICY) == LrPolicy.LINEAR) {
            // a recipe's constant phase longer than a shortened run means a constant rate throughout
            schedule = new LinearDecay(v.get(LR), Math.min(v.get(LR_CONSTANT_EPOCHS), epochs), epochs);
        } else {
            int[] decay = v.get(LR_DECAY_EPOCHS).stream().mapToInt(e -> e - 1).toArray(); // to the loop's 0-based epochs
            schedule = LearningRateSchedule.step(v.get(LR), v.get(LR_DECAY_FACTOR), decay);
        }
        List<Double> betas = v.get(ADAM_BETAS);
        if (betas.size() != 2) {
            throw new InvalidInputException("train.adam_betas needs two values (β1,β2), got " + betas.size());
        }
        OptimizerSpec optimizer = new OptimizerSpec(v.get(OPTIMIZER), v.get(MOMENTUM).floatValue(),
                v.get(WEIGHT_DECAY).floatValue(), betas.get(0).floatValue(), betas.get(1).floatValue(),
                v.get(ADAM_EPS).floatValue(), v.get(CLIP_NORM).floatValue());
        return new TrainConfig(epochs, v.get(BATCH_SIZE), schedule, optimizer, seed,
                v.get(SELECTION), v.get(VALIDATE_MODALITIES));
    }
}
