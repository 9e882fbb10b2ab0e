package org.mla4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.PretrainedModule;
import org.mla4j.data.Standardizer;
import org.mla4j.data.raw.pretrained.TinyModels;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.engine.TrainingSession;
import org.mla4j.eval.Evaluator;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.Methods;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.ModelFile;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.SettingValues;
import org.mla4j.support.TestConfigs;
import org.mla4j.train.EpochListener;

/** A fine-tuned TorchScript module trains with its modality, saves with the model and learns what frozen it cannot. */
class FineTuneTrainingTest {
    private static final EncoderSpec SMALL = new EncoderSpec("mlp", 1, 8);
    private static final String MODULE = "encoder.image.01module_";

    @TempDir
    Path dir;

    /** The Table 2 baselines, defined on feature vectors: they refuse a module to fine-tune. */
    private static final List<String> FEATURE_VECTORS_ONLY = List.of("cca", "dcca", "dccae", "ae", "cra", "mmin",
            "if-mmin", "cpm-net", "tate");

    static List<String> methods() {
        return Methods.names().stream().filter(m -> !FEATURE_VECTORS_ONLY.contains(m)).toList();
    }

    static List<String> featureVectorMethods() {
        return FEATURE_VECTORS_ONLY;
    }

    @ParameterizedTest
    @MethodSource("featureVectorMethods")
    void theMissingModalityBaselinesRefuseAModuleToFineTune(String method) {
        assertThat(Methods.names()).contains(method);
        MultimodalDataset ds = FineTuneData.dataset(FineTuneData.module(dir, TinyModels.TOP_HALF_PT), 48, 11);
        RunConfig config = TestConfigs.run("fine-tune", method, 0, 2, 8, 0.05, new int[] {}, 0.25, SMALL,
                SettingValues.NONE, MissingSpec.NONE);
        assertThatThrownBy(() -> TrainingRun.execute(config, ds, EpochListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(method + " encodes every modality as a feature vector (GCNet's FC encoders), but modality "
                        + "'image' asks for the 'pretrained' encoder; give it feature vectors (a frozen pretrained "
                        + "encoder, --encoder mlp) or use mla, late or qmf");
    }

    /** One batch as the training loop runs it, in an epoch of its own, so every update is done afterwards. */
    private static void trainBatch(Method method, TensorSplit split, int[] positions, TrainingSession session,
                                   NDManager manager) {
        TrainingStep step = session.startEpoch(0, 0.05f, new SplittableRandom(1));
        try (NDManager batchManager = manager.newSubManager()) {
            method.groups().forEach(g -> batchManager.tempAttachAll(g.arrays()));
            session.startBatch(batchManager);
            method.trainBatch(split.batch(batchManager, positions), step);
            session.endBatch();
        }
        session.endEpoch();
    }

    private static boolean moved(ParameterSnapshot a, ParameterSnapshot b, String prefix) {
        boolean any = false;
        for (String name : a.values().keySet()) {
            if (name.startsWith(prefix)) {
                any |= !Arrays.equals(a.values().get(name), b.values().get(name));
            }
        }
        return any;
    }

    /** Rows 0–9 lack the image, rows 10–19 lack the noise, rows 20–39 have both. */
    private MultimodalDataset withGaps(PretrainedModule module) {
        MultimodalDataset ds = FineTuneData.dataset(module, 40, 7);
        boolean[][] present = {ds.present(0), ds.present(1)};
        for (int i = 0; i < 20; i++) {
            present[i < 10 ? 0 : 1][i] = false;
        }
        return ds.withPresence(present);
    }

    @Test
    void underMlaTheModuleMovesOnlyOnItsModalitysTurns() {
        MultimodalDataset ds = withGaps(FineTuneData.module(dir, TinyModels.TOP_HALF_PT));
        int[] rows = IntStream.range(0, 40).toArray();
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit split = TensorSplit.build("all", ds, Standardizer.fit(ds, rows), rows, manager);
             Method mla = Methods.create("mla", new ModelSpec(ds.modalities(), ds.numClasses(), SMALL), SettingValues.NONE,
                     manager);
             TrainingSession session = new TrainingSession(manager, OptimizerSpec.sgd(0.9f, 1e-2f))) {
            assertThat(mla.groups().get(0).parameterNames()).anyMatch(n -> n.startsWith(MODULE));
            ParameterSnapshot start = ParameterSnapshot.of(mla.groups());
            trainBatch(mla, split, IntStream.range(20, 40).toArray(), session, manager); // both turns: momentum builds up
            ParameterSnapshot both = ParameterSnapshot.of(mla.groups());
            assertThat(moved(start, both, MODULE)).as("module after a batch with both modalities").isTrue();
            trainBatch(mla, split, IntStream.range(10, 20).toArray(), session, manager); // only image's turn
            ParameterSnapshot imageOnly = ParameterSnapshot.of(mla.groups());
            assertThat(moved(both, imageOnly, MODULE)).as("module on its own turn").isTrue();
            assertThat(moved(both, imageOnly, "encoder.noise.")).as("noise encoder, not its turn").isFalse();
            trainBatch(mla, split, IntStream.range(0, 10).toArray(), session, manager); // only noise's turn
            ParameterSnapshot noiseOnly = ParameterSnapshot.of(mla.groups());
            assertThat(moved(imageOnly, noiseOnly, "encoder.image.")).as("module and its linear layer, not its turn")
                    .isFalse();
            assertThat(moved(imageOnly, noiseOnly, "encoder.noise.")).as("noise encoder on its turn").isTrue();
            assertThat(moved(imageOnly, noiseOnly, "head.")).as("head").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void everyMethodTrainsTheModuleLikeItsOtherEncoders(String method) {
        MultimodalDataset ds = FineTuneData.dataset(FineTuneData.module(dir, TinyModels.TOP_HALF_PT), 48, 11);
        RunConfig config = TestConfigs.run("fine-tune", method, 0, 2, 8, 0.05, new int[] {}, 0.25, SMALL,
                SettingValues.NONE, MissingSpec.NONE);
        RunOutcome out = TrainingRun.execute(config, ds, EpochListener.NONE);
        assertThat(out.spec().encoderType(0)).isEqualTo("pretrained");
        try (NDManager manager = NDManager.newBaseManager();
             Method fresh = Methods.create(method, out.spec(), config.options(), manager)) {
            assertThat(moved(ParameterSnapshot.of(fresh.groups()), out.parameters(), MODULE)).as(method).isTrue();
        }
    }

    @Test
    void fineTuningLearnsWhatTheFrozenModuleCannotSee() {
        MultimodalDataset ds = FineTuneData.dataset(FineTuneData.module(dir, TinyModels.TOP_HALF_PT), 640, 5);
        RunConfig config = TestConfigs.run("fine-tune", "mla", 0, 12, 16, 0.05, new int[] {}, 0.2, SMALL,
                SettingValues.NONE, MissingSpec.NONE);
        double tuned = TrainingRun.execute(config, ds, EpochListener.NONE).test().modalityAccuracy().get("image");
        double frozen = TrainingRun.execute(config, FineTuneData.frozen(ds), EpochListener.NONE).test()
                .modalityAccuracy().get("image");
        // the class is in the bottom half: frozen features carry nothing about it (chance 0.5, 160 test
        // samples); measured 0.525 frozen, 0.925 fine-tuned
        assertThat(frozen).as("frozen module, image accuracy").isLessThan(0.65);
        assertThat(tuned).as("fine-tuned module, image accuracy").isGreaterThan(0.85);
    }

    @Test
    void aSavedModelLoadsBackWithItsTrainedModuleAndGivesIdenticalPredictions() throws IOException {
        PretrainedModule module = FineTuneData.module(dir, TinyModels.TOP_HALF_PT);
        MultimodalDataset ds = FineTuneData.dataset(module, 40, 9);
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), SMALL);
        Standardizer standardizer = Standardizer.fit(ds, ds.trainIndices());
        assertThat(standardizer.apply(0, ds.features(0), ds.testIndices())).as("the module gets its input unchanged")
                .containsExactly(Arrays.copyOfRange(ds.features(0), ds.testIndices()[0] * 64, ds.numSamples() * 64));
        Path model = dir.resolve("model");
        Engine.getEngine("PyTorch").setRandomSeed(4);
        try (NDManager manager = NDManager.newBaseManager();
             TensorSplit fit = TensorSplit.build("fit", ds, standardizer, ds.trainIndices(), manager);
             TensorSplit test = TensorSplit.build("test", ds, standardizer, ds.testIndices(), manager);
             Method trained = Methods.create("concat", spec, SettingValues.NONE, manager);
             TrainingSession session = new TrainingSession(manager, OptimizerSpec.sgd(0.9f, 1e-4f))) {
            ParameterSnapshot initial = ParameterSnapshot.of(trained.groups());
            for (int k = 0; k < 3; k++) {
                trainBatch(trained, fit, IntStream.range(0, 30).toArray(), session, manager);
            }
            ParameterSnapshot weights = ParameterSnapshot.of(trained.groups());
            assertThat(moved(initial, weights, MODULE)).isTrue();
            Files.createDirectories(model);
            ModelFile.save(model, "concat", spec, SettingValues.NONE, ds.classNames(), weights, standardizer, List.of());
            assertThat(Files.readString(model.resolve(ModelFile.DESCRIPTION))).contains(module.file()).contains(module.sha256());
            ModelFile.Loaded loaded = ModelFile.load(model);
            assertThat(loaded.spec().modalities().get(0).pretrained()).isEqualTo(module);
            try (Method back = loaded.instantiate(manager)) {
                assertThat(ParameterSnapshot.of(back.groups()).values().get(MODULE + "fc1.weight"))
                        .as("the module's weights come from model.npz, not from the .pt file")
                        .containsExactly(weights.values().get(MODULE + "fc1.weight"));
                Predictions a = Evaluator.predict(trained, test, manager);
                Predictions b = Evaluator.predict(back, test, manager);
                assertThat(b.fusedLogits()).containsExactly(a.fusedLogits());
                assertThat(b.modalityLogits()[0]).containsExactly(a.modalityLogits()[0]);
            }
        }
        Files.write(module.path(), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ModelFile.load(model)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(module.file() + ": the TorchScript module of modality 'image' of the model in "
                        + model + " has changed (SHA-256 ");
        Files.delete(module.path());
        assertThatThrownBy(() -> ModelFile.load(model)).isInstanceOf(InvalidInputException.class)
                .hasMessage(module.file() + ": the TorchScript module of modality 'image' of the model in " + model
                        + " is missing; it gives the encoder's structure, so put the file back where it was (SHA-256 "
                        + module.sha256() + ")");
    }
}
