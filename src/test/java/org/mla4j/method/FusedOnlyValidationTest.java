package org.mla4j.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mla4j.core.Method;
import org.mla4j.core.ModelSpec;
import org.mla4j.core.Predictions;
import org.mla4j.core.TensorSplit;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.Standardizer;
import org.mla4j.data.TestDatasets;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Evaluator;
import org.mla4j.nn.EncoderSpec;
import org.mla4j.nn.ParameterSnapshot;
import org.mla4j.train.EpochListener;
import org.mla4j.train.EpochRecord;
import org.mla4j.train.TrainConfig;
import org.mla4j.train.TrainResult;
import org.mla4j.train.TrainSettings;
import org.mla4j.train.Trainer;
import org.mla4j.train.TrainingSplits;

/**
 * {@code train.validate_modalities: off} validates on the fused output alone: every method's
 * {@link Method#predictFused} has {@link Method#predict}'s fused bits, the methods whose unimodal outputs
 * are passes of their own leave them out, and a run trains the same model either way.
 */
class FusedOnlyValidationTest {
    /** Methods whose modality m's output is one more pass of the model (others zeroed or left out). */
    static final Set<String> UNIMODAL_BY_EXTRA_PASS = Set.of("film", "bigated", "cca", "dcca", "dccae", "ae", "cra",
            "mmin", "if-mmin", "tate");

    @TempDir
    static Path dir;

    static List<String> methods() {
        return Methods.names();
    }

    private static MultimodalDataset dataset() {
        MultimodalDataset ds = DatasetLoader.load(TestDatasets.builder().samples(60).classes(3)
                .modality("a", 3).modality("b", 2).modality("c", 4).write(dir.resolve("three")));
        boolean[][] present = new boolean[3][ds.numSamples()];
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < ds.numSamples(); i++) {
                present[m][i] = i % 4 != m; // a quarter of the samples complete, the rest lack one modality
            }
        }
        return ds.withPresence(present);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void fusedOnlyPredictionHasTheFullPredictionsFusedBits(String name) {
        MultimodalDataset ds = dataset();
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), new EncoderSpec("mlp", 2, 8));
        Standardizer standardizer = Standardizer.fit(ds, ds.trainIndices());
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager();
             Method method = Methods.create(name, spec, MissingModalitiesTest.shortTeacher(name), manager);
             TensorSplit fit = TensorSplit.build("fit", ds, standardizer, ds.trainIndices(), manager);
             TensorSplit test = TensorSplit.build("test", ds, standardizer, ds.testIndices(), manager)) {
            new Trainer(MissingModalitiesTest.recipe(name, 2, 16), EpochListener.NONE).fit(method,
                    TrainingSplits.withoutTest(fit, fit, ds.modalityNames()), manager);
            Predictions all = Evaluator.predict(method, test, manager, true);
            Predictions fused = Evaluator.predict(method, test, manager, false);
            assertThat(fused.fusedLogits()).containsExactly(all.fusedLogits());
            for (int m = 0; m < 3; m++) {
                if (UNIMODAL_BY_EXTRA_PASS.contains(name) || MissingModalitiesTest.NO_UNIMODAL_OUTPUT.contains(name)) {
                    assertThat(fused.modalityLogits()[m]).as("modality %d", m).isNull();
                } else {
                    assertThat(fused.modalityLogits()[m]).as("modality %d", m).containsExactly(all.modalityLogits()[m]);
                }
            }
        }
    }

    @Test
    void aRunWithoutModalityValidationTrainsTheSameModelAndRecordsOnlyTheFusedScores() {
        MultimodalDataset ds = dataset();
        ModelSpec spec = new ModelSpec(ds.modalities(), ds.numClasses(), new EncoderSpec("mlp", 2, 8));
        Standardizer standardizer = Standardizer.fit(ds, ds.trainIndices());
        List<java.util.Map<String, float[]>> parameters = new java.util.ArrayList<>();
        List<List<EpochRecord>> histories = new java.util.ArrayList<>();
        for (boolean validateModalities : new boolean[] {true, false}) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            TrainConfig config = TrainSettings.config(Methods.definition("film").recipe()
                    .with(TrainSettings.EPOCHS, 4).with(TrainSettings.BATCH_SIZE, 16)
                    .with(TrainSettings.VALIDATE_MODALITIES, validateModalities), 0);
            try (NDManager manager = NDManager.newBaseManager();
                 Method method = Methods.create("film", spec, org.mla4j.settings.SettingValues.NONE, manager);
                 TensorSplit fit = TensorSplit.build("fit", ds, standardizer, ds.trainIndices(), manager);
                 TensorSplit val = TensorSplit.build("val", ds, standardizer, ds.testIndices(), manager)) {
                TrainResult result = new Trainer(config, EpochListener.NONE).fit(method,
                        TrainingSplits.withoutTest(fit, val, ds.modalityNames()), manager);
                parameters.add(ParameterSnapshot.of(method.groups()).values());
                histories.add(result.history());
            }
        }
        assertThat(parameters.get(1).keySet()).isEqualTo(parameters.get(0).keySet()).isNotEmpty();
        parameters.get(0).forEach((key, values) -> assertThat(parameters.get(1).get(key)).as(key).containsExactly(values));
        for (int e = 0; e < 4; e++) {
            EpochRecord on = histories.get(0).get(e);
            EpochRecord off = histories.get(1).get(e);
            assertThat(off.validation().fusedAccuracy()).isEqualTo(on.validation().fusedAccuracy());
            assertThat(off.validation().fusedLoss()).isEqualTo(on.validation().fusedLoss());
            assertThat(on.validation().modalityAccuracy()).containsOnlyKeys("a", "b", "c");
            assertThat(off.validation().modalityAccuracy()).isEmpty();
        }
    }
}
