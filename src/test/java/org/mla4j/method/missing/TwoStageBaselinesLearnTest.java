package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mla4j.core.Predictions;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.data.load.DatasetLoader;
import org.mla4j.eval.Evaluator;
import org.mla4j.run.Inference;
import org.mla4j.run.MissingSpec;
import org.mla4j.run.ModelFile;
import org.mla4j.run.ModelInputs;
import org.mla4j.run.RunConfig;
import org.mla4j.run.RunDirectory;
import org.mla4j.run.RunOutcome;
import org.mla4j.run.TrainingRun;
import org.mla4j.settings.Setting;
import org.mla4j.train.TrainSettings;

/**
 * Each missing-modality baseline learns on the bundled av_mnist_fsdd at η = 0.3 (seed 0, independent
 * mask) in a short run, and its saved model predicts exactly what the trained one did. The runs keep
 * the method's recipe but are shortened: one teacher epoch (two for IF-MMIN, whose CMD needs them to
 * settle) and a few student epochs at batch 32 (lr 1e-3); CPM-Net 6 epochs at lr 0.01 with 200 search
 * steps. Calibration, 2026-12 on this machine (fused test accuracy; chance is 0.10): mmin 0.523,
 * if-mmin 0.257, tate 0.88, cpm-net 0.66 — the floors sit about 0.1 below.
 */
class TwoStageBaselinesLearnTest {
    private static MultimodalDataset data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = DatasetLoader.load(Path.of("data", "av_mnist_fsdd"));
    }

    @ParameterizedTest(name = "{0}: {1} epochs ({2} teacher), floor {3}")
    @CsvSource({
        "mmin,    4, 1, 0.40",
        "if-mmin, 5, 2, 0.18",
        "tate,    3, 1, 0.75",
        "cpm-net, 6, 0, 0.50",
    })
    void learnsAtThirtyPercentMissing(String method, int epochs, int teacherEpochs, double floor) {
        RunConfig config = RunConfig.defaults(data.directory().toString(), method, 0)
                .with(TrainSettings.EPOCHS, epochs).withMissing(MissingSpec.everywhere(0.3, 0));
        config = method.equals("cpm-net")
                ? config.with(TrainSettings.LR, 0.01).with(CpmNetOptions.TEST_STEPS, 200)
                : config.with(TrainSettings.BATCH_SIZE, 32).with(teacherSetting(method), teacherEpochs);
        RunOutcome outcome = TrainingRun.execute(config, data, org.mla4j.train.EpochListener.NONE);
        assertThat(outcome.test().fusedAccuracy()).as(method + " fused test accuracy").isGreaterThanOrEqualTo(floor);
        assertThat(outcome.bestEpoch()).as("never a teacher epoch").isGreaterThanOrEqualTo(teacherEpochs);

        // save → load → the same predictions
        Path run = dir.resolve(method);
        RunDirectory.write(run, outcome, Map.of(), false);
        ModelFile.Loaded model = ModelFile.load(run);
        MultimodalDataset masked = TrainingRun.withMissing(data, config.missing());
        MultimodalDataset aligned = ModelInputs.align(model, masked);
        Predictions once = Inference.predict(model, aligned, masked.testIndices());
        Predictions twice = Inference.predict(model, aligned, masked.testIndices());
        assertThat(twice.fusedLogits()).containsExactly(once.fusedLogits());
        int[] labels = new int[masked.testIndices().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = masked.labels()[masked.testIndices()[i]];
        }
        assertThat(Evaluator.score(once, labels, masked.modalityNames()).fusedAccuracy())
                .as("the loaded model's test accuracy").isEqualTo(outcome.test().fusedAccuracy());
    }

    private static Setting<Integer> teacherSetting(String method) {
        return switch (method) {
            case "mmin" -> MminOptions.TEACHER_EPOCHS;
            case "if-mmin" -> IfMminOptions.TEACHER_EPOCHS;
            default -> TateOptions.TEACHER_EPOCHS;
        };
    }
}
