package org.mla4j.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MissingMask;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Splits;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TrainingSubset;
import org.mla4j.data.ValidationSplit;
import org.mla4j.engine.ComputeDevice;
import org.mla4j.eval.Evaluator;
import org.mla4j.eval.SplitMetrics;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.Methods;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.train.Checkpointer;
import org.mla4j.train.EpochListener;
import org.mla4j.train.TrainResult;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;
import org.mla4j.train.TrainingState;

/**
 * One training run end to end: apply the simulated missing-modality mask (if any), carve the
 * validation split, keep the run's share of the fit rows ({@link TrainSettings#TRAIN_FRACTION}),
 * standardise with fit-row statistics,
 * build the method with the run's seed, train with validation-based selection, and score the
 * selected model on validation and test. Deterministic for a seed and thread count.
 */
public final class TrainingRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingRun.class);

    private TrainingRun() {
    }

    /** The dataset with the run's simulated missing modalities applied. */
    public static MultimodalDataset withMissing(MultimodalDataset ds, MissingSpec missing) {
        return missing.active() ? ds.withPresence(presenceWithMissing(ds, missing)) : ds;
    }

    /**
     * Which (modality, sample) cells the run sees, per modality: the dataset's own presence with the
     * run's simulated missing modalities taken out. A run's training reads its missing rate only through this.
     */
    public static boolean[][] presenceWithMissing(MultimodalDataset ds, MissingSpec missing) {
        if (!missing.active()) {
            return presence(ds);
        }
        int only = missing.modality() == null ? -1 : ds.modalityIndex(missing.modality());
        int[] rows = missing.trainingOnly() ? ds.trainIndices() : null;
        return missing.protocol().draw(presence(ds), missing.rate(), missing.seed(), rows, only);
    }

    static boolean[][] presence(MultimodalDataset ds) {
        boolean[][] p = new boolean[ds.numModalities()][];
        for (int m = 0; m < p.length; m++) {
            p[m] = ds.present(m);
        }
        return p;
    }

    /** A run whose every epoch the method rules out of selection (all of it a teacher stage) is refused. */
    private static void requireSelectableEpoch(Method method, int epochs) {
        for (int e = 0; e < epochs; e++) {
            if (method.selectable(e)) {
                return;
            }
        }
        throw new InvalidInputException(method.name() + " cannot choose any of its " + epochs + " epochs: they all "
                + "train its teacher; give train.epochs more than the teacher's epochs (its *_teacher_epochs option)");
    }

    public static RunOutcome execute(RunConfig config, MultimodalDataset dataset, EpochListener listener) {
        return execute(config, dataset, listener, null, Checkpointer.NONE);
    }

    /**
     * Runs training from scratch ({@code resume == null}) or from a saved state, saving states as
     * {@code checkpointer} asks. Splits, standardisation and initialisation are recomputed from the
     * configuration, so a resumed run sees exactly the data of the original one.
     */
    public static RunOutcome execute(RunConfig config, MultimodalDataset complete, EpochListener listener,
                                     TrainingState resume, Checkpointer checkpointer) {
        Methods.requireKnown(config.method());
        MultimodalDataset dataset = withMissing(complete, config.missing());
        Splits splits = ValidationSplit.carve(dataset.trainIndices(), dataset.labels(), dataset.numClasses(),
                config.validationFraction(), config.splitSeed());
        int[] fitRows = TrainingSubset.stratified(splits.fit(), dataset.labels(), dataset.numClasses(),
                config.settings().get(TrainSettings.TRAIN_FRACTION), config.splitSeed());
        splits = new Splits(fitRows, splits.validation(), dataset.testIndices());
        List<String> untrained = UntrainedModalities.find(dataset, splits.fit());
        if (!untrained.isEmpty()) {
            LOG.warn("no training sample has {}: reported as untrained and left out of every prediction", untrained);
            dataset = UntrainedModalities.hide(dataset, untrained);
            UntrainedModalities.requireEveryEvaluatedSampleCovered(dataset, splits.validation(), "validation");
            UntrainedModalities.requireEveryEvaluatedSampleCovered(dataset, splits.test(), "test");
        }
        Standardizer standardizer = Standardizer.fit(dataset, splits.fit());
        ModelSpec spec = new ModelSpec(dataset.modalities(), dataset.numClasses(), config.encoder());
        List<String> names = dataset.modalityNames();
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.current());
             Method method = Methods.create(config.method(), spec, config.options(), manager);
             TensorSplit fit = method.readsHiddenValues()
                     ? TensorSplit.buildWithHidden("fit", dataset, standardizer, splits.fit(), manager)
                     : TensorSplit.build("fit", dataset, standardizer, splits.fit(), manager);
             TensorSplit validation = TensorSplit.build("validation", dataset, standardizer, splits.validation(), manager);
             TensorSplit test = TensorSplit.build("test", dataset, standardizer, splits.test(), manager)) {
            requireSelectableEpoch(method, config.epochs());
            Trainer trainer = new Trainer(config.trainConfig(), listener).checkpointingWith(checkpointer);
            if (resume != null) {
                trainer.resumingFrom(resume);
            }
            TrainResult result = trainer.fit(method, new TrainingSplits(fit, validation, test, names), manager);
            SplitMetrics val = Evaluator.evaluate(method, validation, names, manager);
            SplitMetrics tst = Evaluator.evaluate(method, test, names, manager);
            return new RunOutcome(config, spec, dataset.classNames(), result.bestEpoch(), val, tst,
                    result.lastEpochTest(), result.history(), ParameterSnapshot.of(method.groups()), standardizer,
                    result.trainSeconds(), dataset.name(), dataset.checksum(), untrained);
        }
    }
}
